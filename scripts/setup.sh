#!/usr/bin/env bash
# Installs what building and testing need on a fresh Debian 12 machine.
# Safe to run again: it installs only what is missing.
set -euo pipefail

need_apt=()
command -v cargo >/dev/null || { echo "需要 Rust 工具链（cargo）：请先安装 rustup" >&2; exit 1; }
rustup component list --installed 2>/dev/null | grep -q '^clippy' || rustup component add clippy rustfmt
command -v cc >/dev/null || need_apt+=(build-essential)
command -v pkg-config >/dev/null || need_apt+=(pkg-config)
# The notice tests read PDFs back the way a person would see them.
command -v pdftotext >/dev/null || need_apt+=(poppler-utils)
command -v qpdf >/dev/null || need_apt+=(qpdf)
command -v npm >/dev/null || need_apt+=(npm)
if [ "${#need_apt[@]}" -gt 0 ]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y --no-install-recommends "${need_apt[@]}"
fi

# The fonts notices are printed with (pinned npm package, checked by SHA-256).
bash "$(dirname "$0")/fonts.sh"
