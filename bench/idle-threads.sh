#!/usr/bin/env bash
# Idle CPU and wake-ups of the tray-only app, per thread (issue 15): where the idle time goes.
#   bench/idle-threads.sh BINARY [--minimized|--closed] [SETTLE] [WINDOW]
#   --minimized  the app started with --minimized (never made a webview)
#   --closed     (default) started with its window, then closed the real way
#                (bench/close-window.py, WM_DELETE_WINDOW as a window manager sends it)
# Runs in its own headless session (Xvfb, private D-Bus, unlocked gnome-keyring, empty HOME:
# demo mode), waits SETTLE seconds (default 20), then counts over WINDOW seconds (default
# 300, the issue's 5 minutes) for every thread of the process tree: CPU ticks
# (utime+stime of /proc/PID/task/TID/stat) and voluntary context switches (each one is a
# wake-up after the thread slept). Prints one line per thread that woke, busiest first, and
# a total line. Threads that start or end inside the window count from zero / not at all.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" != --inside ]; then
  exec xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$here/idle-threads.sh" --inside "$@"
fi
shift
binary=$1 mode=${2:---closed} settle=${3:-20} window=${4:-300}

# shellcheck source=app-session.sh
source "$here/app-session.sh"

args=()
[ "$mode" = --minimized ] && args=(--minimized)
start_app "$binary" "${args[@]}"
sleep 5
if [ "$mode" = --closed ]; then
  windows=$(xdotool search --onlyvisible --name '^zmeet$' 2>/dev/null || true)
  [ -n "$windows" ] || { echo "error: no visible zmeet window to close"; exit 1; }
  for w in $windows; do python3 "$here/close-window.py" "$w"; done
fi
sleep "$settle"
kill -0 "$pid" || { echo "error: the app exited"; exit 1; }
before=$(mktemp) after=$(mktemp)
threads "$pid" >"$before"
sleep "$window"
threads "$pid" >"$after"
awk -v hz="$(getconf CLK_TCK)" -v w="$window" -v load="$(cut -d' ' -f1-3 /proc/loadavg)" '
  NR == FNR {t[$1] = $4; v[$1] = $5; r[$1] = $6; next}
  {dt = $4 - t[$1]; dv = $5 - v[$1]; dr = $6 - r[$1]; T += dt; V += dv; R += dr
   if (dt > 0 || dv > 0 || dr > 0)
     printf "%7.2f/s %7.3f CPU s %8.1f ms run  %-12s %-18s %s\n", dv / w, dt / hz, dr / 1e6, $2, $3, $1 | "sort -rn"}
  END {close("sort -rn")
    printf "total: %.2f wake-ups/s, %.3f CPU s (ticks) over %d s = %.3f %% of one core; run time %.1f ms = %.4f %% (load average %s)\n",
      V / w, T / hz, w, 100 * T / hz / w, R / 1e6, 100 * R / 1e9 / w, load}' "$before" "$after"
rm -f "$before" "$after"
