#!/usr/bin/env bash
# Launch → painted: zmeet's calendar with events (demo mode, and custom endpoints with a
# warm local store) against the bare Tauri 2 app's page (bench/bare-app), both release
# builds, the same method for both (a WebDriver session launches the app; the clock stops
# when the content is displayed), runs alternated, medians and ratios printed. The method
# is in tests/launch_bench.rs. Builds both first (several minutes when cold). On a busy
# machine the figures move by tens of percent between runs: compare ratios, not times.
# Usage: bench/launch.sh [runs]   (default 5)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
target=${CARGO_TARGET_DIR:-target}
(cd ui && npm run --silent build >/dev/null)
(cd bench/bare-app && CARGO_TARGET_DIR="$target" cargo build --release --quiet)
ZMEET_BENCH_BARE="$(realpath "$target/release/bare-tauri")" ZMEET_BENCH_RUNS="$runs" \
  cargo test --release --quiet -p zmeet --test launch_bench -- --ignored --exact \
  launch_to_painted_calendar --nocapture
