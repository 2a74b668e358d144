#!/usr/bin/env bash
# Runs inside a private headless session (bench/measure.sh starts it): launches one app and
# measures its process tree (the app and every process below it: WebKit's web and network
# processes) through its life, printing one line of key=value pairs.
#   bench/probe.sh BINARY SETTLE [IDLE CPU_WINDOW]
#   window_*: SETTLE seconds after the start (demo mode: the calendar loaded and painted)
#   closed_*: the window closed the way a window manager's close button does
#             (bench/close-window.py), then SETTLE seconds
#   tray_*:   IDLE seconds after the close, tray only
#   run_ms:   the scheduler's exact run time (schedstat) of the tree's threads over the last
#             CPU_WINDOW seconds of that idle time: the idle CPU figure
#   cpu_s:    CPU seconds by clock ticks (utime + stime) over the same window: coarse, each
#             tick charged whole to whichever thread runs when it fires
#   vcsw:     voluntary context switches (wake-ups) over the same window
#   With ZMEET_BENCH_THREADS=FILE, the same window's figures per thread are written to FILE.
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
# ticks: utime+stime summed over the tree now. A process's /proc/PID/stat counts every thread
# it had, living or ended, so a thread that ends inside the window still counts here.
ticks() {
  local p t sum=0
  for p in $(tree "$pid"); do
    t=$(awk '{sub(/.*\) /, ""); print $12 + $13}' /proc/"$p"/stat 2>/dev/null || true)
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
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
ticks_before=$(ticks)
threads "$pid" >"$before"
sleep "$cpu_window"
ticks_after=$(ticks)
threads "$pid" >"$after"
memory tray
# Per thread, matched by id: a thread born inside the window counts from zero, one that
# ended inside it is not counted (its run time is gone with it; its ticks are in cpu_s).
per_thread=$(awk 'NR == FNR {t[$1] = $4; v[$1] = $5; r[$1] = $6; next}
  {dt = $4 - t[$1]; dv = $5 - v[$1]; dr = $6 - r[$1]
   if (dt > 0 || dv > 0 || dr > 0) printf "%8.1f ms run %4d ticks %5d wake-ups  %-12s %-18s %s\n", dr / 1e6, dt, dv, $2, $3, $1}' \
  "$before" "$after" | sort -rn)
rm -f "$before" "$after"
[ -z "${ZMEET_BENCH_THREADS:-}" ] || printf '%s\n' "$per_thread" >"$ZMEET_BENCH_THREADS"
awk -v t="$((ticks_after - ticks_before))" -v hz="$(getconf CLK_TCK)" -v w="$cpu_window" \
  '{run += $1; vol += $6} END {printf "run_ms=%.1f cpu_s=%.2f cpu_window=%d vcsw=%d\n", run, t / hz, w, vol}' \
  <<<"$per_thread"
