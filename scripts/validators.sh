#!/usr/bin/env bash
# Makes the document validators available for the tests: xmllint (UBL schemas),
# node-schematron (EN 16931 and Peppol business rules) and poppler's pdftotext/pdfinfo
# (reading the PDFs back). Installs what is missing — Debian packages libxml2-utils,
# nodejs, npm and poppler-utils, and node-schematron as tests/node/package-lock.json pins
# it (scripts/node.sh, `npm ci`) — and prints the directory that holds node_modules.
set -euo pipefail

log() { echo "validators.sh: $*" >&2; }
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"

missing=()
command -v xmllint >/dev/null 2>&1 || missing+=(libxml2-utils)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} from the system's packages"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >&2
fi

dir=$(bash "$(dirname "$0")/node.sh")
[ -f "$dir/node_modules/node-schematron/package.json" ] || { log "no node-schematron in $dir"; exit 1; }
echo "$dir"
