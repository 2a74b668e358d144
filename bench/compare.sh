#!/usr/bin/env bash
# zmeet against a bare Tauri 2 app (bench/bare-app: one window, one static page), both
# release builds: binary size and process-tree memory with the window open (method: see
# bench/measure.sh). Builds both first (several minutes when cold).
# Usage: bench/compare.sh [settle seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/measure.sh
settle=${1:-15}
target=${CARGO_TARGET_DIR:-target}
(cd ui && npm run --silent build >/dev/null)
# As `tauri build` (scripts/package.sh) builds: the packaged binary is the one measured,
# and one release build serves both.
cargo build --release --locked --features tauri/custom-protocol --quiet
(cd bench/bare-app && CARGO_TARGET_DIR="$target" cargo build --release --features tauri/custom-protocol --quiet)
zmeet=$target/release/zmeet bare=$target/release/bare-tauri
size() { stat -c %s "$1"; }
echo "binary size: zmeet $(( $(size "$zmeet") / 1024 )) KiB, bare $(( $(size "$bare") / 1024 )) KiB," \
  "ratio $(awk "BEGIN {printf \"%.2f\", $(size "$zmeet") / $(size "$bare")}")"
printf "memory, window open, zmeet: "; measure "$zmeet" "" "$settle"
printf "memory, window open, bare:  "; measure "$bare" "" "$settle"
printf "memory, tray only,   zmeet: "; measure "$zmeet" "--minimized" "$settle"
