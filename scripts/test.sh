#!/usr/bin/env bash
# Runs every check and test of zmeet: lints, the UI checks, the unit and integration tests of
# every crate and the end-to-end tests on the real app (each in its own headless session:
# Xvfb, a private D-Bus, an unlocked gnome-keyring, tauri-driver + WebKitWebDriver).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n\033[1m[test]\033[0m %s\n' "$*"; }
started=$SECONDS

scripts/setup.sh test

step "UI: typecheck, lint, build"
(cd ui && npm run --silent typecheck && npm run --silent lint && npm run --silent build)

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (all targets, warnings are errors)"
cargo clippy --workspace --all-targets --locked --quiet -- -D warnings

step "domain crates: unit and integration tests"
cargo test --workspace --exclude zmeet --locked

step "app: unit tests and end-to-end tests on the real app (one at a time)"
cargo test -p zmeet --locked -- --test-threads=1

step "installed package: build the .deb, install it with apt, test it, remove it"
scripts/package-test.sh

step "all tests passed in $((SECONDS - started)) s"
