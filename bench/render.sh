#!/usr/bin/env bash
# Month, week and agenda views of 2,000 and 20,000 events: time from the events handed to
# the calendar to the first frame painted with them, in the real WebKitGTK webview of the
# release build (demo mode under Xvfb; the page's `list_events` answer replaced by synthetic
# events at a fixed density, N over the six weeks a month view shows). Several runs per
# view and size, sizes alternated; min/median/max in ms. The method is in
# tests/render_bench.rs.
#   bench/render.sh [--report] [runs]     (default 5 runs)
# --report prints only Markdown table rows (for bench/report.sh). ZMEET_RENDER_BUDGET_MS
# (say 100) fails the run when the month of 2,000 events' median is over it.
# ZMEET_RENDER_VIEWS=week measures only the views named (comma-separated);
# ZMEET_RENDER_PROBE_JS runs a script in the page before the runs (say, a CSS rule
# inserted or a FullCalendar option changed), for an A/B without a rebuild.
set -euo pipefail
cd "$(dirname "$0")/.."
report=false
if [ "${1:-}" = "--report" ]; then report=true; shift; fi
runs=${1:-5}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
(cd ui && npm run --silent build >/dev/null)
# The app measured is the release build; the WebDriver side that drives it can be a debug
# build (it only starts runs and reads the page's own timings).
cargo build --release --quiet --locked -p zmeet
export ZMEET_BENCH_APP="$(realpath "$CARGO_TARGET_DIR/release/zmeet")" ZMEET_RENDER_RUNS="$runs"
out=$(cargo test --quiet --locked -p zmeet --test render_bench \
  -- --ignored --exact render_month_week_agenda --nocapture 2>&1) || { echo "$out" >&2; exit 1; }
lines=$(grep '^RENDER ' <<<"$out")
if $report; then
  while read -r _ view size _ min _ median _ max _ n; do
    printf '| %s view, %s events: render | %s / %s / %s ms | — | — | %s |\n' \
      "$view" "$size" "$min" "$median" "$max" \
      "release webview, events handed over → frame painted, $n runs (bench/render.sh)"
  done <<<"$lines"
else
  echo "$lines"
fi
