#!/usr/bin/env bash
# Builds the release app and its Linux packages with the Tauri bundler (the CLI in ui/):
# a .deb and an .rpm by default, or the formats named. Prints each package's path and size.
#   scripts/package.sh            # .deb and .rpm
#   scripts/package.sh deb        # only the .deb (what scripts/package-test.sh installs)
# The release build lands in $CARGO_TARGET_DIR (default target/).
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[package]\033[0m %s\n' "$*"; }

formats=("$@")
[ ${#formats[@]} -gt 0 ] || formats=(deb rpm)
for format in "${formats[@]}"; do
  case "$format" in
    deb | rpm) ;;
    *) say "unknown package format '$format' (deb or rpm)"; exit 2 ;;
  esac
done

scripts/setup.sh build
target=${CARGO_TARGET_DIR:-$PWD/target}
export CARGO_TARGET_DIR=$target

# A rebuilt UI makes cargo rebuild the release app (it embeds ui/dist), so build it only
# when a source is newer than the last build.
if [ -f ui/dist/index.html ] && [ -z "$(find ui/index.html ui/quick.html ui/src ui/package-lock.json \
  ui/vite.config.ts ui/tsconfig.json -newer ui/dist/index.html | head -n 1)" ]; then
  say "UI: up to date"
else
  say "building the UI"
  (cd ui && npm run --silent build)
fi
# What `tauri build` would run, spelled out so that the benchmarks (bench/compare.sh) build
# the very same binary and one release build serves both.
say "building the release app (a cold build takes several minutes)"
cargo build --release --locked --features tauri/custom-protocol
say "bundling ${formats[*]}"
ui/node_modules/.bin/tauri bundle --ci --bundles "$(IFS=,; echo "${formats[*]}")"

version=$(node -p 'require("./tauri.conf.json").version')
for format in "${formats[@]}"; do
  case "$format" in
    deb) package=$(ls "$target"/release/bundle/deb/zmeet_"${version}"_*.deb) ;;
    rpm) package=$(ls "$target"/release/bundle/rpm/zmeet[-_]"${version}"-*.rpm) ;;
  esac
  say "$format: $package ($(( $(stat -c %s "$package") / 1024 )) KiB)"
done
