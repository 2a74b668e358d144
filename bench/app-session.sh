# Sourced by bench/probe.sh and bench/idle-threads.sh, inside a private headless session
# (Xvfb and D-Bus already up): gives the app an empty HOME with its XDG directories and an
# unlocked gnome-keyring (so it starts in demo mode), starts it, and defines `tree`.
#   start_app BINARY [ARGS...]   sets $pid; the app and HOME go when the script exits; its
#                                log (stderr) goes to $ZMEET_BENCH_APP_LOG if that is set
#   tree PID                     PID and every process below it, one per line
#   threads PID                  one line per living thread of PID's tree (see there)
export HOME
HOME=$(mktemp -d)
export NO_AT_BRIDGE=1 XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config
export XDG_RUNTIME_DIR=$HOME/run XDG_CACHE_HOME=$HOME/.cache
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null

start_app() {
  "$@" >/dev/null 2>"${ZMEET_BENCH_APP_LOG:-/dev/null}" &
  pid=$!
  trap cleanup EXIT
}
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$HOME"; }

tree() {
  echo "$1"
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$child"; done
}

# threads PID: "PID/TID PROCESS THREAD TICKS VOLUNTARY RUN_NS" for every living thread of
# PID's tree. TICKS (utime+stime of /proc/PID/task/TID/stat) are charged a whole clock tick
# at a time to whichever thread runs when the tick fires, so a thread woken by timers can be
# charged far more or less than it ran; RUN_NS (the scheduler's own run time, schedstat) is
# exact. VOLUNTARY context switches count the thread's wake-ups after it slept.
threads() {
  local p task stat run vol name
  for p in $(tree "$1"); do
    for task in /proc/"$p"/task/*; do
      stat=$(awk '{sub(/.*\) /, ""); print $12 + $13}' "$task"/stat 2>/dev/null) || continue
      run=$(awk '{print $1}' "$task"/schedstat 2>/dev/null) || continue
      vol=$(awk '/^voluntary_ctxt/ {print $2}' "$task"/status 2>/dev/null) || continue
      name=$(tr ' ' '_' <"$task"/comm 2>/dev/null) || continue
      echo "$p/${task##*/} $(tr ' ' '_' <"/proc/$p/comm" 2>/dev/null) $name $stat $vol $run"
    done
  done
}
