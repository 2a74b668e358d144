#!/usr/bin/env bash
# Launch → painted: zmeet's calendar with events (demo mode, and custom endpoints with a
# warm local store) against the bare Tauri 2 app's page (bench/bare-app), both release
# builds with the packaged app's features (tauri/custom-protocol, as bench/compare.sh), the
# same method for both (a WebDriver session launches the app; the clock stops when the
# content is displayed; each app in a session of its own, launched once before the runs),
# runs alternated, min/median/max and the ratio of medians printed.
# The method is in tests/launch_bench.rs. Builds both first (several minutes when cold). On
# a busy machine the figures move by tens of percent between runs: compare ratios, not times.
# Usage: bench/launch.sh [--report] [runs]   (default 5 runs)
#   ZMEET_BENCH_PROBE=1 also prints where each launch's time went (page timing, UI marks)
#   --report  prints only Markdown rows for bench/report.sh:
#             | what | zmeet min/median/max | bare min/median/max | ratio | method |
set -euo pipefail
cd "$(dirname "$0")/.."
report=false
if [[ ${1:-} == --report ]]; then
  report=true
  shift
fi
runs=${1:-5}
target=${CARGO_TARGET_DIR:-target}
quiet() { if $report; then "$@" >/dev/null 2>&1; else "$@"; fi; }
quiet bash -c '(cd ui && npm run --silent build >/dev/null)'
# The bare app pins the same dependency versions as zmeet (its lock file is ignored by git).
[[ -f bench/bare-app/Cargo.lock ]] || cp Cargo.lock bench/bare-app/Cargo.lock
quiet bash -c "cd bench/bare-app && CARGO_TARGET_DIR='$target' cargo build --release \
  --features tauri/custom-protocol --quiet"
# As bench/compare.sh and `tauri build` build zmeet: the measured binary is the packaged one.
quiet cargo build --release --locked --features tauri/custom-protocol --quiet
# The harness (WebDriver client, simulator, sessions) is an ordinary test build: it drives
# both apps the same way, and reuses the test suite's build.
run() {
  ZMEET_BENCH_BARE="$(realpath "$target/release/bare-tauri")" \
    ZMEET_BENCH_APP="$(realpath "$target/release/zmeet")" ZMEET_BENCH_RUNS="$runs" \
    cargo test --locked --quiet -p zmeet --test launch_bench -- --ignored --exact \
    launch_to_painted_calendar --nocapture
}
if $report; then
  run 2>/dev/null | grep '^| '
else
  run | grep -v '^| '
fi
