#!/usr/bin/env bash
# What a sync costs with list paging, in requests and wall time, for 1,000 and 10,000
# meetings (three years of history, six weeks ahead) under each of the four readings of
# Zoho's list `index`: the whole list versus what the app syncs (upcoming, then the past back
# to the visible month). Both against zoho-sim on loopback, so the time is the client's and
# the simulator's work, not a network's. Prints a Markdown table.
#
# Method: `cargo test --release -p zoho-core --test paging sync_cost_table -- --ignored`,
# one simulator per row; the first list of each row includes the 3 detection probes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test --locked --release -p zoho-core --test paging sync_cost_table -- \
  --ignored --nocapture --test-threads=1 2>/dev/null | grep '^|'
