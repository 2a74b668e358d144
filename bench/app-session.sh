# Sourced by bench/probe.sh and bench/idle-threads.sh, inside a private headless session
# (Xvfb and D-Bus already up): gives the app an empty HOME with its XDG directories and an
# unlocked gnome-keyring (so it starts in demo mode), starts it, and defines `tree`.
#   start_app BINARY [ARGS...]   sets $pid; the app and HOME go when the script exits
#   tree PID                     PID and every process below it, one per line
export HOME
HOME=$(mktemp -d)
export NO_AT_BRIDGE=1 XDG_DATA_HOME=$HOME/.local/share XDG_CONFIG_HOME=$HOME/.config
export XDG_RUNTIME_DIR=$HOME/run XDG_CACHE_HOME=$HOME/.cache
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
printf bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null

start_app() {
  "$@" >/dev/null 2>&1 &
  pid=$!
  trap cleanup EXIT
}
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$HOME"; }

tree() {
  echo "$1"
  local child
  for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$child"; done
}
