#!/usr/bin/env bash
# The installed-package test (part of scripts/test.sh; needs root or sudo, as it installs):
#   1. builds the .deb (scripts/package.sh deb; the release build is reused when current),
#   2. installs it with apt, as a person would,
#   3. runs tests/e2e_package.rs against the installed /usr/bin/zmeet in private headless
#      sessions: --version/--help, the launcher, icons and metadata (desktop-file-validate,
#      appstreamcli validate --no-net), a painted window, plain xdg-open reaching the one
#      running instance,
#   4. removes the package (also when a test failed) and checks that no file of it is left
#      under /usr.
set -euo pipefail
cd "$(dirname "$0")/.."
say() { printf '\033[1m[package-test]\033[0m %s\n' "$*"; }
started=$SECONDS

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
if dpkg-query -W zmeet >/dev/null 2>&1; then
  say "a zmeet package is already installed on this machine; remove it first (apt remove zmeet)"
  exit 1
fi

scripts/package.sh deb
target=${CARGO_TARGET_DIR:-$PWD/target}
version=$(node -p 'require("./tauri.conf.json").version')
deb=$(ls "$target"/release/bundle/deb/zmeet_"${version}"_*.deb)
built=$SECONDS

say "installing $deb with apt"
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$deb" >/dev/null
files=$(mktemp)
remove() {
  say "removing the package"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq zmeet >/dev/null
}
trap 'remove; rm -f "$files"' EXIT
dpkg-query -L zmeet >"$files"
say "installed $(dpkg-query -W -f='${Package} ${Version}, Installed-Size ${Installed-Size} KiB' zmeet)"
say "depends on: $(dpkg-query -W -f='${Depends}' zmeet)"

say "testing the installed app (tests/e2e_package.rs)"
ZMEET_INSTALLED_APP=/usr/bin/zmeet ZMEET_PACKAGE_VERSION=$(dpkg-query -W -f='${Version}' zmeet) \
  cargo test -p zmeet --locked --test e2e_package -- --ignored --test-threads=1
trap 'rm -f "$files"' EXIT
remove

left=()
while read -r path; do
  [ -d "$path" ] && continue # folders such as /usr/share/applications belong to others too
  [ -e "$path" ] && left+=("$path")
done <"$files"
while read -r path; do left+=("$path"); done < <(find /usr -iname '*zmeet*')
# The desktop's handler cache must no longer name the removed launcher.
if grep -qs 'zmeet' /usr/share/applications/mimeinfo.cache; then
  left+=("the zmeet entry in /usr/share/applications/mimeinfo.cache")
fi
if [ ${#left[@]} -gt 0 ]; then
  say "the removed package left files behind: ${left[*]}"
  exit 1
fi
say "removed: no file of the package is left under /usr"
say "done in $((SECONDS - started)) s (package build $((built - started)) s)"
