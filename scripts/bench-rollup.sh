#!/usr/bin/env bash
# Benchmark of the town rollup against DuckDB, in one run: 352 village
# exports of 1,500 households each (a district that adopted the scheme
# everywhere), combined by `jifenbu rollup` and by DuckDB from the same files.
# Both outputs are checked to agree number for number before anything is
# reported. Writes the figures into docs/benchmarks.md between ROLLUP markers.
# Usage: scripts/bench-rollup.sh   (or: make bench)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends hyperfine
}
python3 -c "import duckdb" 2>/dev/null || pip install --quiet duckdb

cargo build --release --locked -p jifenbu-cli -p jifenbu-gen
villages=${VILLAGES:-352} households=${VILLAGE_HOUSEHOLDS:-1500}
work=out/bench-town
if [ "$(ls "$work"/*.csv 2>/dev/null | wc -l)" != "$villages" ]; then
  rm -rf "$work"
  target/release/jifenbu-gen-town --villages "$villages" --households "$households" --out "$work"
fi
mb=$(du -sm "$work" | cut -f1)

hyperfine --warmup 2 --runs 10 --export-json out/bench-rollup.json \
  -n jifenbu "target/release/jifenbu rollup -o out/rollup-jifenbu.csv $work/*.csv" \
  -n duckdb "python3 scripts/rollup_duckdb.py $work out/rollup-duckdb.csv" >/dev/null

python3 - "$villages" "$households" "$mb" <<'PY'
import csv, json, os, re, sys
from decimal import Decimal
import duckdb

villages, households, mb = sys.argv[1:4]
ours = list(csv.reader(open("out/rollup-jifenbu.csv", encoding="utf-8-sig")))[1:]
theirs = list(csv.reader(open("out/rollup-duckdb.csv", encoding="utf-8")))[1:]
as_values = lambda r: r[:2] + [Decimal(x) for x in r[2:]]
if len(ours) != len(theirs) or any(as_values(a) != as_values(b) for a, b in zip(ours, theirs)):
    sys.exit("jifenbu and DuckDB disagree: see out/rollup-jifenbu.csv and out/rollup-duckdb.csv")
res = {r["command"]: r for r in json.load(open("out/bench-rollup.json"))["results"]}
ms = {k: v["mean"] * 1000 for k, v in res.items()}
sd = {k: v["stddev"] * 1000 for k, v in res.items()}
body = f"""
{int(villages)} village exports of {int(households):,} households each ({int(villages) * int(households):,} lines,
{mb} MB of CSV, made by `jifenbu-gen-town`), combined into one row per village.
Both outputs agree number for number (the script checks before reporting).

| what | time | target |
|---|---|---|
| `jifenbu rollup` | **{ms['jifenbu']:.0f} ms** ± {sd['jifenbu']:.0f} | no slower than DuckDB: **{ms['duckdb'] / ms['jifenbu']:.2f}×** DuckDB's speed |
| DuckDB {duckdb.__version__} (`scripts/rollup_duckdb.py`, schema given, no auto-detection) | {ms['duckdb']:.0f} ms ± {sd['duckdb']:.0f} | — |

Whole processes, mean of 10 runs after 2 warm-ups (hyperfine); DuckDB's
figure includes starting Python. Its averages are computed in exact integer
hundredths: its plain decimal division goes through a double and rounds
16.955 to 16.95 where 四舍五入 gives 16.96.
"""
path = "docs/benchmarks.md"
text = open(path).read()
if "<!-- ROLLUP -->" not in text:
    text += "\n## The town rollup (`scripts/bench-rollup.sh`)\n\n<!-- ROLLUP -->\n<!-- /ROLLUP -->\n"
text = re.sub(r"<!-- ROLLUP -->.*<!-- /ROLLUP -->", lambda _: "<!-- ROLLUP -->" + body + "<!-- /ROLLUP -->", text, flags=re.S)
open(path, "w").write(text)
print(body)
PY
