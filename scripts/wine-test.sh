#!/usr/bin/env bash
# The command-line test suite, run against the Windows build (jifenbu.exe)
# under Wine: every integration test that drives `jifenbu`, plus the
# Windows-only ones and the installer's (tests/windows.rs). Expects
# scripts/windows.sh to have built and packaged it (target/windows/).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

source scripts/packages.sh
install_missing wine64 gcc-mingw-w64-x86-64

# The program as the portable folder lays it out (make windows's stage).
stage=target/wine
rm -rf "$stage/bin" && mkdir -p "$stage"
cp -r target/windows/stage "$stage/bin"
version=$(ls target/windows/积分簿-安装-*.exe | sed 's/.*安装-\(.*\)\.exe/\1/' | sort -V | tail -1)

# A Wine prefix of its own, made once: a Chinese Windows 10 (the locale
# sets the ANSI and console code pages to 936), no Mono or Gecko prompts.
export WINE=/usr/lib/wine/wine64
export WINEPREFIX="$root/$stage/prefix"
export WINEDEBUG=-all
export WINEDLLOVERRIDES="mscoree,mshtml="
export LANG=zh_CN.UTF-8
if [ ! -d "$WINEPREFIX/drive_c" ]; then
  "$WINE" wineboot --init
  "$WINE" winecfg -v win10
fi
# One server for the whole run, not one per call (one may be running already).
/usr/lib/wine/wineserver -p 60 || true
# Rust's standard library takes its random bytes from bcryptprimitives.dll,
# which Windows 10 and 11 have and Wine 8.0 lacks: a stand-in for the test
# prefix only (tests/wine/bcryptprimitives.c), never shipped.
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  tests/wine/bcryptprimitives.c -ladvapi32
# A display for the app's message box (tests/windows.rs takes its picture).
Xvfb :91 -screen 0 1024x640x24 >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
export DISPLAY=:91
export JIFENBU_INSTALLER="$root/target/windows/积分簿-安装-$version.exe"

export JIFENBU_EXE="$root/$stage/bin/jifenbu.exe"
export JIFENBU_BIN="$root/tests/wine/jifenbu"
"$WINE" "$JIFENBU_EXE" --help | head -2

tests=(cli crash notice paper tamper edges year review shop scale_out time windows)
args=()
for t in "${tests[@]}"; do args+=(--test "$t"); done
cargo test --locked --no-fail-fast -p jifenbu-cli "${args[@]}" -- --test-threads=2 "$@" 2>&1 | tee out/wine-test.log
