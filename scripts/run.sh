#!/usr/bin/env bash
# Builds and runs zmeet. With no Zoho client configured it starts in demo mode against the
# built-in Zoho simulator. Extra arguments go to the app.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
printf '\033[1m[run]\033[0m building the UI\n'
(cd ui && npm run --silent build)
printf '\033[1m[run]\033[0m building and starting the app (the first build takes a few minutes)\n'
exec cargo run --quiet -- "$@"
