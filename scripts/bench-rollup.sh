#!/usr/bin/env bash
# Benchmark of the town rollup against DuckDB, in one run, at two scales:
# a district (352 village exports of 1,500 households each) and a province
# (20,000 of them, 30 million lines), combined by `jifenbu rollup` and by
# DuckDB from the same files, with each one's peak memory. Both outputs are
# checked to agree number for number before anything is reported. Writes
# the figures into docs/benchmarks.md between ROLLUP markers.
# Usage: scripts/bench-rollup.sh   (or: make bench; SCALES="352" for the
# district alone: the province's files take 2.2 GB and a few minutes to make)
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v hyperfine >/dev/null || missing+=(hyperfine)
[ -x /usr/bin/time ] || missing+=(time)
if [ "${#missing[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${missing[@]}"
fi
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

cargo build --release --locked -p jifenbu-cli -p jifenbu-gen
households=${VILLAGE_HOUSEHOLDS:-1500}
rows=()
for villages in ${SCALES:-352 20000}; do
  work=out/bench-town-$villages
  if [ "$(find "$work" -name '*.csv' 2>/dev/null | wc -l)" != "$villages" ]; then
    rm -rf "$work"
    target/release/jifenbu-gen-town --villages "$villages" --households "$households" --out "$work"
  fi
  # The big set runs fewer times: each run reads 2.2 GB.
  runs=10 warmup=2
  [ "$villages" -gt 1000 ] && runs=3 warmup=1
  hyperfine --warmup "$warmup" --runs "$runs" --export-json "out/bench-rollup-$villages.json" \
    -n jifenbu "target/release/jifenbu rollup -o out/rollup-jifenbu.csv $work/*.csv" \
    -n duckdb "python3 scripts/rollup_duckdb.py $work out/rollup-duckdb.csv" >/dev/null
  ours_kb=$( { /usr/bin/time -f %M target/release/jifenbu rollup -o out/rollup-jifenbu.csv "$work"/*.csv >/dev/null; } 2>&1 | tail -1)
  theirs_kb=$( { /usr/bin/time -f %M python3 scripts/rollup_duckdb.py "$work" out/rollup-duckdb.csv; } 2>&1 | tail -1)
  rows+=("$villages $(du -sm "$work" | cut -f1) $ours_kb $theirs_kb")
  python3 - <<'PY'
import csv, sys
from decimal import Decimal
ours = list(csv.reader(open("out/rollup-jifenbu.csv", encoding="utf-8-sig")))[1:]
theirs = list(csv.reader(open("out/rollup-duckdb.csv", encoding="utf-8")))[1:]
as_values = lambda r: r[:2] + [Decimal(x) for x in r[2:]]
if len(ours) != len(theirs) or any(as_values(a) != as_values(b) for a, b in zip(ours, theirs)):
    sys.exit("jifenbu and DuckDB disagree: see out/rollup-jifenbu.csv and out/rollup-duckdb.csv")
PY
done

python3 - "$households" "${rows[@]}" <<'PY'
import json, re, sys
import duckdb

households = int(sys.argv[1])
lines = []
for row in sys.argv[2:]:
    villages, mb, ours_kb, theirs_kb = map(int, row.split())
    res = {r["command"]: r for r in json.load(open(f"out/bench-rollup-{villages}.json"))["results"]}
    ms = {k: v["mean"] * 1000 for k, v in res.items()}
    sd = {k: v["stddev"] * 1000 for k, v in res.items()}
    n = villages * households
    per_line = {k: v * 1e6 / n for k, v in ms.items()}
    ratio = ms["duckdb"] / ms["jifenbu"]
    lines.append(
        f"| {villages:,} villages, {n:,} lines, {mb:,} MB | `jifenbu rollup` | **{ms['jifenbu']:,.0f} ms** ± {sd['jifenbu']:.0f}"
        f" ({per_line['jifenbu']:.0f} ns/line) | **{ours_kb / 1024:.0f} MB** | **{ratio:.2f}×** DuckDB's speed |"
    )
    lines.append(
        f"| | DuckDB {duckdb.__version__} | {ms['duckdb']:,.0f} ms ± {sd['duckdb']:.0f}"
        f" ({per_line['duckdb']:.0f} ns/line) | {theirs_kb / 1024:.0f} MB | |"
    )
body = f"""
Village exports of {households:,} households each (made by `jifenbu-gen-town`),
combined into one row per village, by `jifenbu rollup` and by DuckDB
(`scripts/rollup_duckdb.py`, schema given, no auto-detection) from the same
files. Both outputs agree number for number (the script checks before
reporting). Targets: at least 1.5× DuckDB's speed, under 256 MB of memory,
and no slower per line at province scale than for a district.

| files | what | time | peak memory | speed |
|---|---|---|---|---|
""" + "\n".join(lines) + """

Whole processes, on both cores; mean of 10 runs after 2 warm-ups (3 after 1
for the province), hyperfine; DuckDB's figure includes starting Python.
Peak memory is the kernel's count (`/usr/bin/time`). DuckDB's averages are
computed in exact integer hundredths: its plain decimal division goes
through a double and rounds 16.955 to 16.95 where 四舍五入 gives 16.96.
"""
path = "docs/benchmarks.md"
text = open(path).read()
if "<!-- ROLLUP -->" not in text:
    text += "\n## The town rollup (`scripts/bench-rollup.sh`)\n\n<!-- ROLLUP -->\n<!-- /ROLLUP -->\n"
text = re.sub(r"<!-- ROLLUP -->.*<!-- /ROLLUP -->", lambda _: "<!-- ROLLUP -->" + body + "<!-- /ROLLUP -->", text, flags=re.S)
open(path, "w").write(text)
print(body)
PY
