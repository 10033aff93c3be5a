#!/usr/bin/env bash
# Builds the Windows x64 app and command line on this Debian machine and
# packages them (docs/windows.md says why this route):
#   target/windows/积分簿-安装-<version>.exe   the installer (NSIS)
#   target/windows/积分簿-便携版-<version>.zip  the portable folder, for a USB stick
# The Rust target comes from rustup, the linker (MinGW-w64) and makensis
# from Debian: nothing else is downloaded.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
target=x86_64-pc-windows-gnu

source scripts/packages.sh
install_missing gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 nsis
rustup target list --installed | grep -qx "$target" || rustup target add "$target"

cargo build --profile dist --locked --target "$target" -p jifenbu-cli -p jifenbu-app
version=$(cargo metadata --no-deps --format-version 1 --locked \
  | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "jifenbu-cli"))')

# What an installation holds: the two programs, the WebView2 loader the app
# links to (Microsoft's redistributable, shipped in the webview2-com-sys
# crate), the fonts once, the icon and a readme.
out=target/windows
stage=$out/stage
rm -rf "$stage" && mkdir -p "$stage/fonts"
cp "target/$target/dist/jifenbu.exe" "target/$target/dist/jifenbu-app.exe" "$stage/"
loader_version=$(awk '/^name = "webview2-com-sys"/ {getline; gsub(/[^0-9.]/, ""); print}' Cargo.lock)
cp "$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/webview2-com-sys-"$loader_version" | head -1)/x64/WebView2Loader.dll" "$stage/"
fonts=src-tauri/crates/jifenbu-print/fonts
cp "$fonts/NotoSansSC-Regular.ttf" "$fonts/OFL.txt" "$fonts/BabelStoneHan.ttf" "$fonts/BabelStoneHan-copyright.txt" "$stage/fonts/"
cp src-tauri/icons/icon.ico "$stage/"
# Notepad on every Windows 10 reads UTF-8 with a byte-order mark; lines end CRLF.
printf '\xef\xbb\xbf' > "$stage/使用说明.txt"
sed 's/$/\r/' src-tauri/windows/使用说明.txt >> "$stage/使用说明.txt"

installer="$out/积分簿-安装-$version.exe"
makensis -V2 -INPUTCHARSET UTF8 -DVERSION="$version" -DSTAGE="$root/$stage" -DOUT="$root/$installer" \
  src-tauri/windows/installer.nsi

# Python's zipfile marks names as UTF-8, so Explorer on a Chinese Windows
# shows 积分簿\使用说明.txt rather than the GBK reading of its bytes.
portable="$out/积分簿-便携版-$version.zip"
python3 - "$stage" "$portable" <<'PY'
import os, sys, zipfile
stage, portable = sys.argv[1:]
with zipfile.ZipFile(portable, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    for folder, _, files in sorted(os.walk(stage)):
        for name in sorted(files):
            path = os.path.join(folder, name)
            z.write(path, os.path.join("积分簿", os.path.relpath(path, stage)))
PY

ls -l "$installer" "$portable" "$stage"/*.exe | awk '{printf "%6.1f MiB  %s\n", $5 / 1048576, $NF}'
