#!/usr/bin/env bash
# Process-tree memory of zmeet with its window open and in the tray alone.
#
# Method: each case starts the app in its own headless session (Xvfb, private D-Bus,
# unlocked gnome-keyring, temporary HOME), lets it settle, then sums RSS and PSS (from
# /proc/<pid>/smaps_rollup) over the app and every process below it (WebKit's web and
# network processes). PSS splits shared pages fairly between processes, so it is the number
# to compare; RSS counts shared libraries once per process.
#   window: a normal start (demo mode: the calendar is loaded and painted)
#   tray:   a start with --minimized, i.e. what remains after the window is closed (the
#           webview is destroyed on close; tests/e2e_tray.rs checks that its process goes)
# Usage: bench/memory.sh [path/to/zmeet] [settle seconds]
set -euo pipefail
app=${1:-${CARGO_TARGET_DIR:-target}/release/zmeet}
settle=${2:-15}
[ -x "$app" ] || { echo "no app binary at $app (build it: cargo build --release)"; exit 1; }

measure() { # $1 = extra argument for the app
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
    set -euo pipefail
    export HOME=$(mktemp -d) NO_AT_BRIDGE=1
    export XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config XDG_RUNTIME_DIR=$HOME/run
    mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
    printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    "$1" $2 >/dev/null 2>&1 &
    pid=$!
    sleep "$3"
    tree() { echo "$1"; for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$child"; done; }
    rss=0; pss=0; n=0
    for p in $(tree "$pid"); do
      r=$(awk "/^Rss:/ {print \$2}" /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
      s=$(awk "/^Pss:/ {print \$2}" /proc/"$p"/smaps_rollup 2>/dev/null || echo 0)
      rss=$((rss + r)); pss=$((pss + s)); n=$((n + 1))
    done
    kill "$pid" 2>/dev/null || true
    printf "%d processes, RSS %d MiB, PSS %d MiB\n" "$n" $((rss / 1024)) $((pss / 1024))
  ' _ "$app" "$1" "$settle" 2>/dev/null
}

echo "zmeet memory ($app, settled ${settle} s)"
printf "  window open: "; measure ""
printf "  tray only:   "; measure "--minimized"
