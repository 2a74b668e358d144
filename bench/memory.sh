#!/usr/bin/env bash
# Process-tree memory of zmeet through its life, one run (method: bench/probe.sh):
#   window open:   a normal start (demo mode: the calendar is loaded and painted)
#   window closed: after the window manager's close (WM_DELETE_WINDOW), the real close path
#                  (zmeet then restarts in place as `zmeet --minimized`: same pid, no WebKit)
#   tray only:     after IDLE seconds in the tray, with the CPU used over the last half
# bench/report.sh runs this several times against the bare app and keeps the figures.
# Usage: bench/memory.sh [path/to/zmeet] [settle seconds] [idle seconds]
set -euo pipefail
here=$(dirname "$0")
source "$here/measure.sh"
app=${1:-${CARGO_TARGET_DIR:-target}/release/zmeet}
settle=${2:-15}
idle=${3:-60}
[ -x "$app" ] || { echo "no app binary at $app (build it: cargo build --release)"; exit 1; }
echo "zmeet memory ($app, settled ${settle} s, tray idle ${idle} s)"
line=$(probe "$app" "$settle" "$idle" $((idle / 2)))
[[ $line == *run_ms=* ]] || { echo "failed: ${line:-no output}"; exit 1; }
printf "  window open:   "; phase "$line" window
printf "  window closed: "; phase "$line" closed
printf "  tray only:     "; phase "$line" tray
awk '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}}
  END {printf "  idle CPU:      %.1f ms run time over %d s (%.3f %%), %d voluntary context switches\n", v["run_ms"], v["cpu_window"], v["run_ms"] / 10 / v["cpu_window"], v["vcsw"]}' <<<"$line"
