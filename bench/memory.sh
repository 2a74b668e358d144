#!/usr/bin/env bash
# Process-tree memory of zmeet with its window open and in the tray alone (method: see
# bench/measure.sh).
#   window: a normal start (demo mode: the calendar is loaded and painted)
#   tray:   a start with --minimized, i.e. what remains after the window is closed (the
#           webview is destroyed on close; tests/e2e_tray.rs checks that its process goes)
# Usage: bench/memory.sh [path/to/zmeet] [settle seconds]
set -euo pipefail
here=$(dirname "$0")
source "$here/measure.sh"
app=${1:-${CARGO_TARGET_DIR:-target}/release/zmeet}
settle=${2:-15}
[ -x "$app" ] || { echo "no app binary at $app (build it: cargo build --release)"; exit 1; }
echo "zmeet memory ($app, settled ${settle} s)"
printf "  window open: "; measure "$app" "" "$settle"
printf "  tray only:   "; measure "$app" "--minimized" "$settle"
