#!/usr/bin/env bash
# Runs inside a private headless session (bench/measure.sh starts it): launches one app and
# measures its process tree (the app and every process below it: WebKit's web and network
# processes) through its life, printing one line of key=value pairs.
#   bench/probe.sh BINARY SETTLE [IDLE CPU_WINDOW]
#   window_*: SETTLE seconds after the start (demo mode: the calendar loaded and painted)
#   closed_*: the window closed the way a window manager's close button does
#             (bench/close-window.py), then SETTLE seconds
#   tray_*:   IDLE seconds after the close, tray only
#   cpu_s, vcsw, ivcsw: CPU seconds (user + system) and voluntary / involuntary context
#             switches of the whole tree over the last CPU_WINDOW seconds of that idle time
# Without IDLE only the window_* figures are taken (the bare app has no tray).
# Memory: PSS (from smaps_rollup, shared pages split fairly) and RSS (shared pages counted
# once per process), both summed over the tree, KiB.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
binary=$1 settle=$2 idle=${3:-} cpu_window=${4:-}

# shellcheck source=app-session.sh
source "$here/app-session.sh"

start_app "$binary"
# memory PREFIX: prints PREFIX_n, PREFIX_pss, PREFIX_rss (KiB) for the tree now.
memory() {
  local p r s rss=0 pss=0 n=0
  for p in $(tree "$pid"); do
    r=$(awk '/^Rss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || true)
    s=$(awk '/^Pss:/ {print $2}' /proc/"$p"/smaps_rollup 2>/dev/null || true)
    [ -n "$r" ] || continue
    rss=$((rss + r)) pss=$((pss + s)) n=$((n + 1))
  done
  printf '%s_n=%d %s_pss=%d %s_rss=%d ' "$1" "$n" "$1" "$pss" "$1" "$rss"
}
# cpu: "TICKS" summed over the tree now (utime+stime of /proc/PID/stat count every thread
# of a process, living or ended), then one "TID VOLUNTARY INVOLUNTARY" line per living
# thread (context switches are counted per thread; switches() matches two snapshots).
cpu() {
  local p ticks=0 t task
  for p in $(tree "$pid"); do
    t=$(awk '{sub(/.*\) /, ""); print $12 + $13}' /proc/"$p"/stat 2>/dev/null || true)
    ticks=$((ticks + ${t:-0}))
  done
  echo "$ticks"
  for p in $(tree "$pid"); do
    for task in /proc/"$p"/task/*; do
      awk -v tid="${task##*/}" '/^voluntary_ctxt/ {v = $2} /^nonvoluntary_ctxt/ {i = $2}
        END {if (v != "") print tid, v, i}' "$task"/status 2>/dev/null || true
    done
  done
}
# switches BEFORE AFTER: "VOLUNTARY INVOLUNTARY" context switches between two cpu()
# snapshots; a thread born in between counts from zero, one that ended is not counted.
switches() {
  awk 'FNR == 1 {next} NR == FNR {v[$1] = $2; i[$1] = $3; next}
    {dv += $2 - v[$1]; di += $3 - i[$1]} END {print dv + 0, di + 0}' "$1" "$2"
}
alive() { kill -0 "$pid" 2>/dev/null; }

sleep "$settle"
alive || { echo "error=the app exited during start"; exit 1; }
memory window
[ -n "$idle" ] || { echo; exit 0; }

windows=$(xdotool search --onlyvisible --name '^zmeet$' 2>/dev/null || true)
[ -n "$windows" ] || { echo "error=no visible zmeet window to close"; exit 1; }
processes=$(tree "$pid" | wc -l)
for window in $windows; do python3 "$here/close-window.py" "$window"; done
# The webview's process leaves when its window is destroyed; wait for that (bounded), then
# let the rest settle.
for _ in $(seq 60); do
  [ "$(tree "$pid" | wc -l)" -lt "$processes" ] && break
  sleep 0.5
done
sleep "$settle"
alive || { echo "error=the app exited when its window closed"; exit 1; }
memory closed

sleep $((idle - cpu_window > 0 ? idle - cpu_window : 0))
before=$(mktemp) after=$(mktemp)
cpu >"$before"
sleep "$cpu_window"
cpu >"$after"
memory tray
read -r vol invol < <(switches "$before" "$after")
ticks=$(($(head -n 1 "$after") - $(head -n 1 "$before")))
rm -f "$before" "$after"
awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v v="$vol" -v i="$invol" -v w="$cpu_window" \
  'BEGIN {printf "cpu_s=%.2f cpu_window=%d vcsw=%d ivcsw=%d\n", t / hz, w, v, i}'
