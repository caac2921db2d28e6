#!/usr/bin/env bash
# Installs the Node tools the tests run — node-schematron (with slimdom and fontoxpath) for the
# e-invoice business rules and axe-core for the browser tests — at exactly the versions of
# tests/node/package-lock.json, into tests/node/node_modules with `npm ci`. Skips the install
# when that folder already holds this lock file's install. Needs node and npm (validators.sh
# and browser.sh install them first). Prints the folder that holds node_modules.
set -euo pipefail

log() { echo "node.sh: $*" >&2; }
cd "$(dirname "$0")/../tests/node"

# npm ci empties node_modules first, so the stamp is only there after a complete install.
stamp=node_modules/.kommune-package-lock.json
if ! cmp -s package-lock.json "$stamp"; then
  log "installing tests/node/package-lock.json into tests/node/node_modules (npm ci)"
  npm ci --silent --no-audit --no-fund --prefer-offline >&2
  cp package-lock.json "$stamp"
fi
pwd
