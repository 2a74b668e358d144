#!/usr/bin/env bash
# Installs what zmeet needs on Debian 12, skipping what is already there.
#   scripts/setup.sh build   - to build and run the app
#   scripts/setup.sh test    - also what the tests need (Xvfb, D-Bus, gnome-keyring, WebDriver)
set -euo pipefail
cd "$(dirname "$0")/.."

want=${1:-test}
say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

build_packages=(build-essential pkg-config libssl-dev libwebkit2gtk-4.1-dev libgtk-3-dev
  libayatana-appindicator3-dev librsvg2-dev libxdo-dev xdg-utils desktop-file-utils
  gnome-keyring libsecret-tools dbus-x11)
test_packages=(xvfb xauth dbus webkit2gtk-driver libglib2.0-bin imagemagick x11-utils
  at-spi2-core fonts-dejavu-core xclip xdotool appstream)

packages=("${build_packages[@]}")
[ "$want" = test ] && packages+=("${test_packages[@]}")

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  say "installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  say "Debian packages: all present"
fi

command -v cargo >/dev/null || { say "cargo not found: install Rust (rustup) first"; exit 1; }
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    say "adding rustup component $component"
    rustup component add "$component"
  fi
done

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  say "Node.js 20 or newer is needed for the UI build (found: ${node_major})"; exit 1
fi

if [ "$want" = test ] && ! command -v tauri-driver >/dev/null && [ ! -x "${CARGO_HOME:-$HOME/.cargo}/bin/tauri-driver" ]; then
  say "installing tauri-driver 2"
  cargo install tauri-driver --version '^2' --locked --quiet
fi

stamp=ui/node_modules/.package-lock.json
if [ ! -f "$stamp" ] || [ ui/package-lock.json -nt "$stamp" ]; then
  say "installing UI packages (npm ci)"
  (cd ui && npm ci --no-audit --no-fund --loglevel=error)
else
  say "UI packages: up to date"
fi
