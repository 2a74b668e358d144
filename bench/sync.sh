#!/usr/bin/env bash
# A full sync of 1,000 and 10,000 meetings from the simulator (loopback) by the app's own
# code path (a fresh zoho-core session with its paging probes, EventCache::fetch, the write
# to a real SQLite store) against the same list pages fetched by a minimal reqwest client
# (same requests, each body parsed to JSON values; and again parsing nothing, the floor of
# HTTP alone). Each app run then re-syncs on the same session and store (no paging probes,
# the rows replaced). Runs alternated, min/median/max in ms, requests made by each and the
# ratios of medians (target <= 1.2). The method is in crates/zmeet-core/tests/sync_bench.rs.
#   bench/sync.sh [--report] [runs]     (default 9 runs; ZMEET_SYNC_SIZES=1000 runs one size)
set -euo pipefail
cd "$(dirname "$0")/.."
report=false
if [ "${1:-}" = "--report" ]; then report=true; shift; fi
runs=${1:-9}
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
out=$(ZMEET_SYNC_RUNS="$runs" cargo test --release --quiet --locked -p zmeet-core --test sync_bench \
  -- --ignored --nocapture --test-threads=1 2>&1) || { echo "$out" >&2; exit 1; }
lines=$(grep '^SYNC ' <<<"$out")
if $report; then
  while read -r _ size _ amin amed amax _ areq _ rmin rmed rmax _ rreq _ ratio _ n _ store _ bmin bmed bmax _ bratio _ smin smed smax _ sreq _ sratio; do
    printf '| full sync, %s meetings | %s / %s / %s ms (%s requests) | %s / %s / %s ms (%s requests), raw HTTP + JSON parse | %s× | %s |\n' \
      "$size" "$amin" "$amed" "$amax" "$areq" "$rmin" "$rmed" "$rmax" "$rreq" "$ratio" \
      "app's sync path incl. store write vs reqwest on the same pages, each parsed to JSON values; loopback simulator, $n alternated runs, of which the store write ${store} ms (median) (bench/sync.sh)"
    printf '| full sync, %s meetings, vs HTTP only | %s / %s / %s ms | %s / %s / %s ms, raw HTTP, bytes scanned | %s× | %s |\n' \
      "$size" "$amin" "$amed" "$amax" "$bmin" "$bmed" "$bmax" "$bratio" \
      "the same runs against the same client that parses nothing (counts the sessions' key in the bytes): the floor of HTTP alone"
    printf '| re-sync, %s meetings | %s / %s / %s ms (%s requests) | %s / %s / %s ms (%s requests), raw HTTP + JSON parse | %s× | %s |\n' \
      "$size" "$smin" "$smed" "$smax" "$sreq" "$rmin" "$rmed" "$rmax" "$rreq" "$sratio" \
      "each app run's second sync on the same session and store (the background loop's case: paging reading known, no probes; the write replaces the stored rows) vs the same raw runs"
  done <<<"$lines"
else
  echo "$lines"
fi
