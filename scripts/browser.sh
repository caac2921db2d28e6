#!/usr/bin/env bash
# Makes a browser available for the browser tests (crates/web/tests/it/browser): Debian's
# Chromium and its ChromeDriver (/usr/bin/chromium, /usr/bin/chromedriver), and axe-core,
# the accessibility engine the tests inject into every page. Installs what is missing —
# Debian packages chromium and chromium-driver, and axe-core as tests/node/package-lock.json
# pins it (scripts/node.sh, `npm ci`) — and prints the path of axe.min.js.
set -euo pipefail

log() { echo "browser.sh: $*" >&2; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from the system's packages"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

dir=$(bash "$(dirname "$0")/node.sh")
js="$dir/node_modules/axe-core/axe.min.js"
[ -f "$js" ] || { log "no $js"; exit 1; }
echo "$js"
