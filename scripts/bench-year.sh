#!/usr/bin/env bash
# Benchmark of the year's end: `year close` then `year notice` for a
# 2,000-household village (15 entries a household, made by jifenbu-gen),
# whose four quarters are published. Target: both together within 1 s.
# Writes the figures into docs/benchmarks.md between YEAR markers.
# Usage: scripts/bench-year.sh   (or: make bench)
set -euo pipefail
cd "$(dirname "$0")/.."

command -v hyperfine >/dev/null || {
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends hyperfine
}
households=${YEAR_HOUSEHOLDS:-2000}
work=out/bench-year
rm -rf "$work" && mkdir -p "$work"
export XDG_DATA_HOME="$PWD/$work/data"
source scripts/bench-village.sh
cp "$book" "$work/published.jfb"

# A year closes once: each run starts again from the published book.
hyperfine --warmup 1 --runs 10 --export-json "$work/year.json" \
  --prepare "cp $work/published.jfb $book; rm -f $book-wal $book-shm" \
  -n "year close + year notice" \
  "$bin year close $book --year 2025 --date 2026-01-20 && $bin year notice $book --year 2025 -o $work/year.pdf" \
  >/dev/null

python3 - "$households" "$work" <<'PY'
import json, sys

sys.path.insert(0, "scripts")
from benchdoc import write_section

households, work = int(sys.argv[1]), sys.argv[2]
r = json.load(open(f"{work}/year.json"))["results"][0]
body = f"""
The year's end of a {households:,}-household village (15 entries a household,
`jifenbu-gen`, seed 11) whose four quarters of 2025 are published:
`jifenbu year close` (freezing every household's annual row) and then
`jifenbu year notice` (the annual notice with the star list), as two whole
processes, the mean of 10 runs after a warm-up (hyperfine), each from a copy
of the published book.

| what | time | target |
|---|---|---|
| `year close` + `year notice` | **{r['mean'] * 1000:.0f} ms** ± {r['stddev'] * 1000:.0f} | ≤ 1 s together |
"""
write_section("YEAR", "## The year's end", body)
PY
