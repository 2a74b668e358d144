#!/usr/bin/env bash
# Builds the release app and its Linux packages with the Tauri bundler (the CLI in ui/):
# a .deb and an .rpm by default, or the formats named. Prints each package's path and size.
#   scripts/package.sh            # .deb and .rpm
#   scripts/package.sh deb        # only the .deb (what scripts/package-test.sh installs)
# The release build lands in $CARGO_TARGET_DIR (default target/); the benchmarks in bench/
# build the same way (`--features tauri/custom-protocol`, as `tauri build` does), so one
# release build serves both.
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

say "building the UI and the release app, bundling ${formats[*]} (a cold build takes several minutes)"
bundles=$(IFS=,; echo "${formats[*]}")
# `tauri build` runs the config's beforeBuildCommand in ui/ (the UI build), then
# `cargo build --release --features tauri/custom-protocol`, then the bundler.
ui/node_modules/.bin/tauri build --ci --bundles "$bundles" -- --locked

version=$(node -p 'require("./tauri.conf.json").version')
for format in "${formats[@]}"; do
  case "$format" in
    deb) package=$(ls "$target"/release/bundle/deb/zmeet_"${version}"_*.deb) ;;
    rpm) package=$(ls "$target"/release/bundle/rpm/zmeet-"${version}"-*.rpm) ;;
  esac
  say "$format: $package ($(( $(stat -c %s "$package") / 1024 )) KiB)"
done
