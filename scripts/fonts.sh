#!/usr/bin/env bash
# Puts the notice fonts where jifenbu-print embeds them from: Noto Sans SC
# regular (SIL OFL 1.1), from a pinned npm package, and BabelStone Han
# (Arphic Public License and CC BY-SA), the second font for the characters
# of CJK extensions B–H that Noto lacks, from Debian's fonts-babelstone-han
# 15.0.5. Each file is checked by SHA-256, so every build prints with the
# same glyphs whatever fonts the building machine has. Safe to run again.
set -euo pipefail

dest="$(cd "$(dirname "$0")/.." && pwd)/src-tauri/crates/jifenbu-print/fonts"
package="@expo-google-fonts/noto-sans-sc@0.4.3"
declare -A files=(
  [NotoSansSC-Regular.ttf]="package/400Regular/NotoSansSC_400Regular.ttf d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16"
  [OFL.txt]="package/LICENSE_FONT 1c05c68c34f9708415aada51f17e1b0092d2cea709bf4a94cd38114f9e73d7d9"
)

ok() { [ -f "$dest/$1" ] && echo "$2  $dest/$1" | sha256sum --check --status; }

missing=0
for name in "${!files[@]}"; do
  read -r _ sum <<<"${files[$name]}"
  ok "$name" "$sum" || missing=1
done
# The second font comes from the Debian package scripts/setup.sh installs.
second=BabelStoneHan.ttf
second_sum=a2027ca3606907f6a628e9cd869605e3879beaaa38b37c7fec95b372130628c8
if ! ok "$second" "$second_sum"; then
  mkdir -p "$dest"
  from=/usr/share/fonts/truetype/babelstone/$second
  if [ -f "$from" ]; then
    cp "$from" "$dest/$second"
  else
    # Not a Debian machine (e.g. Windows with Git Bash): the same package,
    # fetched from Debian's archive, checked, and unpacked with Python.
    deb_url=https://deb.debian.org/debian/pool/main/f/fonts-babelstone-han/fonts-babelstone-han_15.0.5-2_all.deb
    deb_sum=c7b7f9b5b78ad14c94d7e6d2b103307a7a643844c7db856fb97611d9d8a80589
    work2="$(mktemp -d)"
    curl -fsSL -o "$work2/font.deb" "$deb_url"
    echo "$deb_sum  $work2/font.deb" | sha256sum --check --status || { echo "fonts-babelstone-han 软件包校验失败" >&2; exit 1; }
    python3 - "$work2/font.deb" "$dest/$second" <<'PY'
import io, sys, tarfile
data = open(sys.argv[1], "rb").read()
at = 8  # "!<arch>\n", then 60-byte member headers
while at < len(data):
    name, size = data[at:at + 16].decode().strip(), int(data[at + 48:at + 58])
    body = data[at + 60:at + 60 + size]
    if name.startswith("data.tar"):
        with tarfile.open(fileobj=io.BytesIO(body)) as tar:
            member = tar.extractfile("./usr/share/fonts/truetype/babelstone/BabelStoneHan.ttf")
            open(sys.argv[2], "wb").write(member.read())
        break
    at += 60 + size + size % 2
PY
    rm -rf "$work2"
  fi
  ok "$second" "$second_sum" || { echo "字体文件 $second 校验失败（SHA-256 不符）" >&2; rm -f "$dest/$second"; exit 1; }
fi
[ "$missing" = 0 ] && exit 0

command -v npm >/dev/null || { echo "需要 npm 来取得公示用字体（Noto Sans SC）" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$package" >/dev/null)
mkdir -p "$dest"
for name in "${!files[@]}"; do
  read -r inner sum <<<"${files[$name]}"
  tar -xzf "$work"/*.tgz -C "$work" "$inner"
  cp "$work/$inner" "$dest/$name"
  ok "$name" "$sum" || { echo "字体文件 $name 校验失败（SHA-256 不符）" >&2; rm -f "$dest/$name"; exit 1; }
done
echo "字体已就绪：$dest"
