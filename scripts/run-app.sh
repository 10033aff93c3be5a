#!/usr/bin/env bash
# Opens the app on BOOK. With no display (a server, a container) it says
# so, runs the window on a virtual one (Xvfb), saves a screenshot of it to
# out/app.png and closes it again.
# Usage: scripts/run-app.sh APP_BINARY BOOK
set -euo pipefail
app=$1 book=$2
if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
  exec "$app" "$book"
fi
echo "没有图形显示（DISPLAY 未设置）：在虚拟显示 Xvfb 中打开程序，截图保存到 out/app.png。"
echo "在有桌面的电脑上，make run 会直接打开窗口。"
mkdir -p out
xvfb-run -a -s "-screen 0 1366x768x24" bash -c '
  "$0" "$1" & pid=$!
  sleep 6
  import -window root out/app.png
  kill $pid; wait $pid 2>/dev/null || true
' "$app" "$book"
echo "截图：out/app.png"
