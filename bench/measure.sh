# Sourced by the bench scripts. measure BINARY "ARGS" SETTLE_SECONDS prints the process-tree
# memory of BINARY started with ARGS in its own headless session (Xvfb, private D-Bus,
# unlocked gnome-keyring, temporary HOME), after SETTLE_SECONDS: the app and every process
# below it (WebKit's web and network processes), summed. PSS (from smaps_rollup) splits
# shared pages fairly between processes, so it is the number to compare; RSS counts shared
# libraries once per process.
measure() {
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
  ' _ "$1" "$2" "$3" 2>/dev/null | tail -n 1
}
