#!/usr/bin/env bash
# Installs what building, running and testing need on a fresh Debian 12
# machine. Safe to run again: it installs only what is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

command -v cargo >/dev/null || { echo "需要 Rust 工具链（cargo）：请先安装 rustup" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
rustup target list --installed 2>/dev/null | grep -qx x86_64-pc-windows-gnu || rustup target add x86_64-pc-windows-gnu

# Debian packages, by what needs them.
packages=(
  build-essential pkg-config file
  # the desktop app (Tauri on WebKitGTK)
  libwebkit2gtk-4.1-dev libgtk-3-dev librsvg2-dev libayatana-appindicator3-dev libxdo-dev libssl-dev
  # Chinese text in the app window; the notices' second font (CJK
  # extensions B–H, for rare characters in names), checked by fonts.sh
  fonts-noto-cjk fonts-babelstone-han
  # running the window without a display, and driving it in tests
  xvfb xauth webkit2gtk-driver imagemagick xdotool
  # a desktop's window manager, to close the window as a clerk does
  openbox wmctrl
  # a clerk's Chinese input method (fcitx5 pinyin on a session bus), and
  # finding its candidate window on the screen
  fcitx5 fcitx5-chinese-addons fcitx5-frontend-gtk3 dbus-x11 x11-utils
  # a computer whose clock is wrong, for the tests of dates (libfaketime)
  faketime
  # reading notices back the way a person sees them
  poppler-utils qpdf
  # the Chinese locale the end-to-end tests run the window under
  locales
  # the fuzz targets' kept corpora (src-tauri/fuzz/corpora/*.tar.xz)
  xz-utils
  # the Windows build, linted in every test run (its C parts need the compiler)
  gcc-mingw-w64-x86-64
)
# Node may come from elsewhere than Debian (its own npm included).
command -v npm >/dev/null || packages+=(npm)
source "$here/packages.sh"
install_missing "${packages[@]}"

# A clerk's computer is Chinese: the end-to-end tests run under zh_CN.UTF-8.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen
fi

# The test runner make test uses (runs test binaries side by side).
cargo nextest --version >/dev/null 2>&1 || cargo install cargo-nextest --version 0.9.143 --locked

# WebDriver bridge for the end-to-end tests.
command -v tauri-driver >/dev/null || [ -x "$HOME/.cargo/bin/tauri-driver" ] \
  || cargo install tauri-driver --version 2.1.0 --locked

# The front end's packages (exactly those in package-lock.json).
if [ ! -d "$here/../ui/node_modules" ] || [ "$here/../ui/package-lock.json" -nt "$here/../ui/node_modules/.package-lock.json" ]; then
  (cd "$here/../ui" && npm ci --no-audit --no-fund)
fi

# DuckDB for Python: the province's database load (scripts/load_duckdb.py)
# and its test, and the rollup benchmark's peer.
if ! python3 -c "import duckdb" 2>/dev/null; then
  pip install --quiet duckdb==1.1.3 2>/dev/null || pip install --quiet --break-system-packages duckdb==1.1.3
fi

# The fonts notices are printed with (a pinned npm package and a Debian
# package, each file checked by SHA-256).
bash "$here/fonts.sh"
