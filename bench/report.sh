#!/usr/bin/env bash
# The benchmark report (issue 15): builds what it needs, measures zmeet against the bare
# Tauri 2 app (bench/bare-app) in one run, prints one Markdown table and writes it with the
# date and the machine to bench/RESULTS.md. Not a test: a full run takes about
# RUNS x (IDLE + 1) minutes plus the builds; --quick is a few minutes.
#
#   bench/report.sh                 # RUNS=3, tray idle 10 min, idle CPU over its last 5 min
#   bench/report.sh --quick         # RUNS=3, tray idle 60 s, idle CPU over its last 30 s
#   options: --runs N  --idle SECONDS  --cpu SECONDS  --settle SECONDS
#            --no-package (no .deb built: its rows say so)  --stdout (do not write RESULTS.md)
#            --no-build (measure the binaries and packages already in the target dir)
#
# Parts measured by other scripts are called with --report when they exist (each prints
# rows of the same table): bench/launch.sh (launch -> painted), bench/render.sh (calendar
# render times), bench/sync.sh (sync against raw HTTP). A missing part gets a "not
# measured" row.
#
# Memory and CPU method (this script's rows): bench/probe.sh in a private headless session
# per run (Xvfb, private D-Bus, unlocked gnome-keyring, empty HOME, so demo mode); runs of
# zmeet and the bare app alternate; min/median/max over the runs; ratio of the medians.
set -euo pipefail
cd "$(dirname "$0")/.."

invocation="bench/report.sh${*:+ $*}"
runs=3 idle=600 cpu_window=300 settle=15 package=yes write=yes mode=full build=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) idle=60 cpu_window=30 settle=10 mode=quick ;;
    --runs) runs=$2; shift ;;
    --idle) idle=$2; mode=custom; shift ;;
    --cpu) cpu_window=$2; mode=custom; shift ;;
    --settle) settle=$2; shift ;;
    --no-package) package=no ;;
    --stdout) write=no ;;
    --no-build) build=no ;;
    *) echo "report.sh: unknown option $1 (see the header of bench/report.sh)" >&2; exit 2 ;;
  esac
  shift
done
[ "$cpu_window" -le "$idle" ] || { echo "report.sh: --cpu must not exceed --idle" >&2; exit 2; }
say() { printf '\033[1m[report]\033[0m %s\n' "$*" >&2; }

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$PWD/target}
target=$CARGO_TARGET_DIR
scripts/setup.sh test >&2

# --- builds: the packaged release binary (as `tauri build` builds it) and the bare app ---
version=$(node -p 'require("./tauri.conf.json").version')
if [ "$build" = no ]; then
  say "not building: measuring what is in $target/release"
elif [ "$package" = yes ]; then
  say "building zmeet and its .deb (scripts/package.sh)"
  scripts/package.sh deb >&2
else
  say "building zmeet (release)"
  (cd ui && npm run --silent build >/dev/null)
  cargo build --release --locked --features tauri/custom-protocol --quiet
fi
if [ "$build" = yes ]; then
  say "building the bare app (release)"
  (cd bench/bare-app && cargo build --release --features tauri/custom-protocol --quiet)
fi
zmeet=$target/release/zmeet bare=$target/release/bare-tauri
zmeet_deb="" bare_deb=""
if [ "$package" = yes ]; then
  zmeet_deb=$(ls "$target"/release/bundle/deb/zmeet_"$version"_*.deb)
fi
if [ "$package" = yes ] && [ "$build" = yes ]; then
  say "bundling the bare app's .deb"
  # The Tauri CLI rewrites the manifest's feature lists in place: put it back as it was.
  manifest=$(mktemp)
  cp bench/bare-app/Cargo.toml "$manifest"
  (cd bench/bare-app && ../../ui/node_modules/.bin/tauri bundle --ci --bundles deb \
    --config '{"bundle": {"active": true, "targets": ["deb"]}}' >&2)
  cp "$manifest" bench/bare-app/Cargo.toml && rm -f "$manifest"
fi
if [ "$package" = yes ]; then
  bare_deb=$(ls "$target"/release/bundle/deb/bare-tauri_0.1.0_*.deb)
fi

# --- memory and idle CPU, runs alternated ---
source bench/measure.sh
declare -A values # key -> space-separated values over the runs
collect() { # collect PREFIX "k=v k=v ..."
  local pair
  for pair in $2; do values[$1.${pair%%=*}]+="${pair#*=} "; done
}
for run in $(seq "$runs"); do
  say "run $run/$runs: bare app, window open"
  line=$(probe "$bare" "$settle")
  [[ $line == *error=* || -z $line ]] && { say "bare app: ${line:-no output}"; exit 1; }
  collect bare "$line"
  say "run $run/$runs: zmeet, window open, closed, tray idle ${idle} s"
  line=$(probe "$zmeet" "$settle" "$idle" "$cpu_window")
  [[ $line == *error=* || -z $line ]] && { say "zmeet: ${line:-no output}"; exit 1; }
  collect zmeet "$line"
done

# stats VALUES SCALE [DECIMALS]: "min / median / max" of the values divided by SCALE.
stats() {
  tr ' ' '\n' <<<"$1" | grep . | sort -n | awk -v s="$2" -v d="${3:-1}" '{v[NR] = $1 / s}
    END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
      f = "%." d "f"; printf f " / " f " / " f, v[1], m, v[NR]}'
}
median() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk '{v[NR] = $1}
  END {print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mib() { awk -v b="$1" 'BEGIN {printf "%.1f MiB", b / 1048576}'; }
v() { echo "${values[$1]}"; }

load=$(cut -d' ' -f1-3 /proc/loadavg)
session="Xvfb 1280x800, demo mode, $runs runs alternated with the bare app"
rows=()
row() { rows+=("| $1 | $2 | $3 | $4 | $5 |"); }
for kind in pss rss; do
  what=${kind^^}
  row "$what, window open (MiB)" "$(stats "$(v zmeet.window_$kind)" 1024)" \
    "$(stats "$(v bare.window_$kind)" 1024)" \
    "$(ratio "$(median "$(v zmeet.window_$kind)")" "$(median "$(v bare.window_$kind)")")" \
    "process tree (app + WebKit processes) ${settle} s after start, smaps_rollup summed; $session"
done
for kind in pss rss; do
  what=${kind^^}
  row "$what, window closed (MiB)" "$(stats "$(v zmeet.closed_$kind)" 1024)" "—" \
    "$(ratio "$(median "$(v zmeet.closed_$kind)")" "$(median "$(v zmeet.window_$kind)")") of window open" \
    "WM_DELETE_WINDOW sent as a window manager's close button does (bench/close-window.py; zmeet then restarts in place as \`--minimized\`, same pid), then ${settle} s"
done
for kind in pss rss; do
  what=${kind^^}
  row "$what, tray only after $((idle / 60)) min $((idle % 60)) s idle (MiB)" \
    "$(stats "$(v zmeet.tray_$kind)" 1024)" "—" \
    "$(ratio "$(median "$(v zmeet.tray_$kind)")" "$(median "$(v zmeet.window_$kind)")") of window open" \
    "the closed app left idle ${idle} s$([ "$mode" = full ] || echo " (short run: the target is 10 min)")"
done
# Idle CPU: the scheduler's exact run time (schedstat) of the tree's threads; ticks are
# charged 10 ms whole and mislead at a few wake-ups a minute (bench/RESULTS.md, "Idle CPU").
percent() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk -v w="$cpu_window" '{v[NR] = 100 * $1 / 1000 / w}
  END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.3f / %.3f / %.3f", v[1], m, v[NR]}'; }
row "idle CPU, tray only (ms of CPU over ${cpu_window} s)" "$(stats "$(v zmeet.run_ms)" 1 1)" "—" "—" \
  "run time of every thread of the process tree (/proc/PID/task/TID/schedstat, exact) over the last ${cpu_window} s of the idle time; one idle wake-up alone costs 0.5–3 ms on this machine (load average $load)"
row "idle CPU, tray only (% of one core)" "$(percent "$(v zmeet.run_ms)")" "—" "—" "the row above divided by ${cpu_window} s (target < 0.1 %)"
row "idle CPU by clock ticks (CPU s over ${cpu_window} s)" "$(stats "$(v zmeet.cpu_s)" 1 2)" "—" "—" \
  "utime+stime (/proc/PID/stat) over the same ${cpu_window} s: charged a 10 ms tick at a time, kept for comparison with older reports"
per_second() { tr ' ' '\n' <<<"$1" | grep . | sort -n | awk -v w="$cpu_window" '{v[NR] = $1 / w}
  END {m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
    printf "%.2f / %.2f / %.2f", v[1], m, v[NR]}'; }
row "wake-ups, tray only (voluntary context switches / s)" "$(per_second "$(v zmeet.vcsw)")" "—" "—" \
  "voluntary_ctxt_switches of every thread (/proc/PID/task/*/status), matched by thread id, over the same ${cpu_window} s"

size() { stat -L -c %s "$1"; }
row "release binary" "$(mib "$(size "$zmeet")")" "$(mib "$(size "$bare")")" \
  "$(ratio "$(size "$zmeet")" "$(size "$bare")")" \
  "release profile of each Cargo.toml, --features tauri/custom-protocol (what \`tauri build\` builds)"
if [ "$package" = yes ]; then
  row ".deb package" "$(mib "$(size "$zmeet_deb")")" "$(mib "$(size "$bare_deb")")" \
    "$(ratio "$(size "$zmeet_deb")" "$(size "$bare_deb")")" \
    "scripts/package.sh deb; the bare app bundled by the same Tauri CLI"
else
  row ".deb package" "not measured" "—" "—" "run without --no-package"
fi

# --- the other parts ---
part() { # part SCRIPT WHAT
  if [ -x "$1" ] && grep -q -- '--report' "$1"; then
    say "running $1 --report"
    local out
    if out=$("$1" --report 2>/dev/null | grep '^| ' | grep -v '^| what ' | grep -v '^| *-'); then
      [ -n "$out" ] && { mapfile -t -O "${#rows[@]}" rows <<<"$out"; return; }
    fi
    row "$2" "not measured" "—" "—" "$1 --report failed or printed no rows"
  else
    row "$2" "not measured" "—" "—" "$1 --report is not there yet"
  fi
}
part bench/launch.sh "launch → calendar painted"
part bench/render.sh "month / week / agenda render of 2,000 and 20,000 events"
part bench/sync.sh "sync of 1,000 and 10,000 meetings vs raw HTTP"

# --- the table ---
mem_gib=$(awk '/^MemTotal:/ {printf "%.0f", $2 / 1048576}' /proc/meminfo)
header="Measured $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . ':!bench/RESULTS.md' || echo ' (with local changes)') on $(nproc) cores, ${mem_gib} GiB RAM, Linux $(uname -r), load average $load; $mode run (\`$invocation\`)."
table=$(
  echo "| what | zmeet min / median / max | bare min / median / max | ratio | method |"
  echo "|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
)
echo "$header"
echo
echo "$table"
if [ "$write" = yes ]; then
  # The notes below the table (what changed and what each change bought) are kept.
  notes=""
  [ -f bench/RESULTS.md ] && notes=$(sed -n '/^<!-- notes -->$/,$p' bench/RESULTS.md)
  {
    echo "# Benchmark results"
    echo
    echo "Written by \`bench/report.sh\` (method in its header and in the last column). Sizes and"
    echo "RSS are stable from run to run; PSS moves with whatever else on the machine maps the same"
    echo "libraries, times and CPU with the machine's load."
    echo
    echo "$header"
    echo
    echo "$table"
    [ -z "$notes" ] || printf '\n%s\n' "$notes"
  } >bench/RESULTS.md
  say "written to bench/RESULTS.md"
fi
