"""Writes one benchmark's section of docs/benchmarks.md: the text between
<!-- NAME --> and <!-- /NAME --> is replaced, so the rest of the page (and
any notes below the markers) stays as it was. A section not there yet is
added at the end under `heading`."""


def write_section(name, heading, body, path="docs/benchmarks.md"):
    text = open(path).read()
    start, end = f"<!-- {name} -->", f"<!-- /{name} -->"
    if start not in text:
        text += f"\n{heading}\n\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    open(path, "w").write(head + start + body + end + rest.split(end, 1)[1])
    print(body)
