#!/usr/bin/env bash
# Runs every fuzz target (src-tauri/fuzz, cargo-fuzz on the nightly
# toolchain), each for RUNS executions or SECONDS, whichever ends first.
#   fuzz.sh long  RUNS SECONDS   new finds join the committed corpora, then
#                                the corpora are minimized (make fuzz)
#   fuzz.sh smoke RUNS SECONDS   new finds are thrown away (make test)
# A crash stops the run: its input is in src-tauri/fuzz/artifacts/TARGET/.
set -euo pipefail
mode=$1 runs=$2 seconds=$3
cd "$(dirname "$0")/.."
if ! rustup toolchain list | grep -q '^nightly' && ! rustup toolchain install nightly --profile minimal; then
  # make test's smoke run needs the nightly toolchain; a machine that has
  # none and cannot fetch one says so rather than failing every test.
  if [ "$mode" = smoke ]; then
    echo "跳过模糊测试冒烟运行：本机没有 nightly 工具链，也取不到" >&2
    exit 0
  fi
  echo "模糊测试需要 nightly 工具链" >&2
  exit 1
fi
command -v cargo-fuzz >/dev/null || [ -x "$HOME/.cargo/bin/cargo-fuzz" ] \
  || cargo install --locked cargo-fuzz --version 0.13.2
bash src-tauri/fuzz/seed.sh
mkdir -p out
fuzz=(cargo +nightly fuzz)
# FUZZ_TARGETS picks some of them (a long run picked up where it stopped).
for target in ${FUZZ_TARGETS:-households entries workbook rulebook export book photo}; do
  corpus="src-tauri/fuzz/corpus/$target"
  dirs=("$corpus")
  if [ "$mode" = smoke ]; then
    dirs=("$(mktemp -d)" "$corpus")
  fi
  log="out/fuzz-$target.log"
  # The photo reader's memory bound (photo.rs: MAX_MEMORY) as an assertion.
  limits=()
  if [ "$target" = photo ]; then
    limits=(-malloc_limit_mb=256)
  fi
  if ! "${fuzz[@]}" run --fuzz-dir src-tauri/fuzz "$target" "${dirs[@]}" -- \
      -runs="$runs" -max_total_time="$seconds" -rss_limit_mb=2048 "${limits[@]}" -timeout=20 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log" >&2
    echo "模糊测试 $target 发现问题：见 $log 与 src-tauri/fuzz/artifacts/$target/" >&2
    exit 1
  fi
  echo "$target: $(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') 次执行"
  if [ "$mode" = long ]; then
    "${fuzz[@]}" cmin --fuzz-dir src-tauri/fuzz "$target" "$corpus" >>"$log" 2>&1
    # What was found is kept, packed small, for the next run and for CI.
    tar -cf - -C src-tauri/fuzz/corpus "$target" | xz -9 > "src-tauri/fuzz/corpora/$target.tar.xz"
  fi
done
