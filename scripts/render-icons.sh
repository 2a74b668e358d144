#!/usr/bin/env bash
# Renders the app icon (src-tauri/icons/zmeet.svg, drawn for zmeet) to the PNG sizes the
# packages install under /usr/share/icons/hicolor/ and the window and tray use. The PNGs are
# committed; run this after changing the SVG. Needs rsvg-convert (Debian: librsvg2-bin).
set -euo pipefail
cd "$(dirname "$0")/../src-tauri/icons"
for size in 32 64 128 256 512; do
  rsvg-convert --width "$size" --height "$size" zmeet.svg --output "${size}x${size}.png"
  echo "src-tauri/icons/${size}x${size}.png"
done
