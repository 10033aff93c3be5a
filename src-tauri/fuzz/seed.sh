#!/usr/bin/env bash
# Fills each fuzz target's corpus (corpus/TARGET): first what earlier runs
# kept (corpora/TARGET.tar.xz, committed; make fuzz packs them again), then
# seeds from fixtures/. Files already there are kept.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
corpus="$here/corpus"
mkdir -p "$corpus"
for kept in "$here"/corpora/*.tar.xz; do
  [ -e "$kept" ] || continue
  target=$(basename "$kept" .tar.xz)
  [ -d "$corpus/$target" ] || tar -xJf "$kept" -C "$corpus"
done
seed() { # target files…
  local target=$1; shift
  mkdir -p "$corpus/$target"
  for f in "$@"; do
    cp -n "$f" "$corpus/$target/seed-$(basename "$f")"
  done
}
seed households "$root"/fixtures/demo/households.csv "$root"/fixtures/bad/households-*.csv
head -40 "$root/fixtures/demo/entries.csv" > /tmp/jifenbu-seed-entries.csv
seed entries /tmp/jifenbu-seed-entries.csv "$root"/fixtures/bad/entries-*.csv
seed workbook "$root"/fixtures/xlsx/*.xlsx "$root"/fixtures/town/*.xlsx "$root"/fixtures/bad/*.xlsx
seed rulebook "$root"/rules/*.toml "$root"/fixtures/bad/*.toml
seed export "$root"/fixtures/town/*.csv "$root"/fixtures/town/bad/*.csv
seed photo "$root"/fixtures/photos/*.jpg
# A small PNG with transparency: the other format, and its flattening.
if [ ! -e "$corpus/photo/seed-small.png" ]; then
  convert -size 24x16 gradient:'rgba(255,0,0,0.2)'-'rgba(0,0,255,1)' "$corpus/photo/seed-small.png"
fi
# A small book: the demo's rulebook, three households, a few entries, one
# quarter published.
if [ ! -e "$corpus/book/seed-small.jfb" ]; then
  mkdir -p "$corpus/book"
  jifenbu="$root/target/debug/jifenbu"
  [ -x "$jifenbu" ] || (cd "$root" && cargo build -q -p jifenbu-cli)
  tmp=$(mktemp -d)
  "$jifenbu" init "$tmp/s.jfb" --village 种子村 --code 1 >/dev/null
  "$jifenbu" rules import "$tmp/s.jfb" "$root/rules/qingxi-2025.toml" >/dev/null
  head -4 "$root/fixtures/demo/households.csv" > "$tmp/h.csv"
  "$jifenbu" households import "$tmp/s.jfb" "$tmp/h.csv" >/dev/null
  { echo "户号,项目,日期,数量"
    for code in $(tail -n +2 "$tmp/h.csv" | cut -d, -f1); do
      echo "$code,A08,2025-02-0${#code},2"
      echo "$code,A08,2025-05-03,1"
    done; } > "$tmp/e.csv"
  "$jifenbu" entries import "$tmp/s.jfb" "$tmp/e.csv" >/dev/null
  "$jifenbu" publish "$tmp/s.jfb" --quarter 2025Q1 --date 2025-04-03 --backfill >/dev/null
  # Small pages make a small seed, which the fuzzer mutates much faster.
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('pragma journal_mode=delete'); c.execute('pragma page_size=1024'); c.execute('vacuum'); c.close()" "$tmp/s.jfb"
  cp "$tmp/s.jfb" "$corpus/book/seed-small.jfb"
  rm -rf "$tmp"
fi
