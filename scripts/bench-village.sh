# Sourced by the benchmarks: builds the release binaries and a village book
# of `households` households (15 entries each, made by jifenbu-gen, seed 11)
# whose four quarters of 2025 are published, at "$work/village.jfb".
# Usage: households=2000 work=out/bench-x; source scripts/bench-village.sh
cargo build --release --locked -p jifenbu-cli -p jifenbu-gen
bin=target/release/jifenbu
target/release/jifenbu-gen --rules rules/qingxi-2025.toml --households "$households" --groups 20 \
  --entries $((households * 15)) --seed 11 --out "$work"
book=$work/village.jfb
export JIFENBU_OPERATOR=bench
$bin init "$book" --village 青溪村 --code 330109001 >/dev/null
$bin rules import "$book" rules/qingxi-2025.toml >/dev/null
$bin households import "$book" "$work/households.csv" >/dev/null
$bin entries import "$book" "$work/entries.csv" >/dev/null
# A year's quarters are published in order.
for q in "2025Q1 2025-04-03" "2025Q2 2025-07-03" "2025Q3 2025-10-03" "2025Q4 2026-01-05"; do
  set -- $q
  $bin publish "$book" --quarter "$1" --date "$2" --backfill >/dev/null
done
