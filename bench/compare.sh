#!/usr/bin/env bash
# zmeet against the bare Tauri 2 app (bench/bare-app): binary size and process-tree memory,
# quickly and without writing bench/RESULTS.md. The full report with every row and several
# runs is bench/report.sh; this is its quick mode without the packages.
# Usage: bench/compare.sh [report.sh options]
set -euo pipefail
exec "$(dirname "$0")/report.sh" --quick --runs 1 --no-package --stdout "$@"
