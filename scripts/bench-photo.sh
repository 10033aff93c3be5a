#!/usr/bin/env bash
# Memory of taking in an evidence photo: the peak of one `jifenbu register
# --photo` on the demo village, for a 12-megapixel phone photo (4000×3000
# JPEG) and for the largest picture the bound allows (53 megapixels of
# 8-bit colour, 8400×6300). Target: at most 256 MB for any photo the
# rules allow (src-tauri/crates/jifenbu-store/src/photo.rs).
# Writes the figures into docs/benchmarks.md between PHOTO markers.
# Usage: scripts/bench-photo.sh   (or: make bench)
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --locked -p jifenbu-cli >/dev/null
bin=target/release/jifenbu
work=out/bench-photo
rm -rf "$work" && mkdir -p "$work"
export XDG_DATA_HOME="$PWD/$work/data" JIFENBU_OPERATOR=基准
# Noisy pictures re-encode like real ones (ImageMagick, from setup.sh).
convert -size 4000x3000 xc:gray +noise Gaussian -type TrueColor -quality 92 "$work/12mp.jpg"
convert -size 8400x6300 xc:gray +noise Gaussian -type TrueColor -quality 92 "$work/53mp.jpg"

peak() { # the peak resident memory of one command, in MB
  python3 -c 'import resource, subprocess, sys
subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024)' "$@"
}
results=()
for photo in 12mp 53mp; do
  book="$work/$photo.jfb"
  "$bin" demo "$book" >/dev/null
  results+=("$(peak "$bin" register "$book" --household 01001 --item A22 --date 2026-02-01 --by 张卫东 \
    --photo "$work/$photo.jpg")")
done

python3 - "${results[@]}" "$(stat -c %s "$work/12mp.jpg")" "$(stat -c %s "$work/53mp.jpg")" <<'PY'
import sys

sys.path.insert(0, "scripts")
from benchdoc import write_section

small, large, small_bytes, large_bytes = map(int, sys.argv[1:])
body = f"""
One `jifenbu register --photo` on the demo village (the whole command: open
the book, decode, shrink to 1600 px, re-encode, store), its peak resident
memory by the kernel's count; target at most 256 MB:

| photo | file | peak memory |
|---|---|---|
| 12 megapixels (4000×3000 JPEG, a phone's) | {small_bytes / 2**20:.1f} MB | {small} MB |
| 53 megapixels (8400×6300 JPEG, the largest allowed) | {large_bytes / 2**20:.1f} MB | {large} MB |

A picture that would decode past 160 MB (a 10000×10000 16-bit PNG claims
763 MB) is refused from its header, before any of it is decoded.
"""
write_section("PHOTO", "## Evidence photos (`scripts/bench-photo.sh`)", body)
PY
