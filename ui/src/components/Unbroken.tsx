// A message with its dates, codes and numbers kept whole: a line may break
// between Chinese characters, but never inside 2026-01-31 or 0571-123456.

/** Runs of letters and digits, with the marks inside codes and dates. */
const RUN = /[0-9A-Za-z]+(?:[-./:][0-9A-Za-z]+)+/g;

/** `text` cut into plain pieces and the runs that must not break. */
export function pieces(text: string): { text: string; whole: boolean }[] {
  const out: { text: string; whole: boolean }[] = [];
  let at = 0;
  for (const m of text.matchAll(RUN)) {
    if (m.index > at) out.push({ text: text.slice(at, m.index), whole: false });
    out.push({ text: m[0], whole: true });
    at = m.index + m[0].length;
  }
  if (at < text.length) out.push({ text: text.slice(at), whole: false });
  return out;
}

export function Unbroken(p: { text: string }) {
  return (
    <>
      {pieces(p.text).map((piece) => (piece.whole ? <span class="nowrap">{piece.text}</span> : piece.text))}
    </>
  );
}
