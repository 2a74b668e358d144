# Sourced by the bench scripts. measure BINARY SETTLE_SECONDS prints the process-tree memory
# of BINARY with its window open, SETTLE_SECONDS after its start in its own headless session
# (Xvfb, private D-Bus, unlocked gnome-keyring, temporary HOME): the app and every process
# below it (WebKit's web and network processes), summed. measure_life BINARY SETTLE IDLE CPU
# also closes the window the real way and measures after the close and after IDLE seconds in
# the tray, with the idle CPU over the last CPU seconds. The method is bench/probe.sh's. PSS
# (from smaps_rollup) splits shared pages fairly between processes, so it is the number to
# compare; RSS counts shared libraries once per process.
bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

# probe ARGS...: bench/probe.sh's key=value line (see there) for one run in a fresh session.
probe() {
  xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- "$bench_dir/probe.sh" "$@" \
    2>/dev/null | tail -n 1
}

# phase LINE PREFIX: "N processes, RSS R MiB, PSS P MiB" for PREFIX (window, closed, tray).
phase() {
  awk -v p="$2" '{for (i = 1; i <= NF; i++) {split($i, kv, "="); v[kv[1]] = kv[2]}}
    END {printf "%d processes, RSS %d MiB, PSS %d MiB\n", v[p "_n"], v[p "_rss"] / 1024, v[p "_pss"] / 1024}' <<<"$1"
}

measure() {
  local line
  line=$(probe "$1" "$2")
  [[ $line == *window_pss=* ]] || { echo "failed: ${line:-no output}"; return 1; }
  phase "$line" window
}
