#!/usr/bin/env bash
# Makes a PostgreSQL server available for the store tests and prints its admin URL.
# Uses KOMMUNE_TEST_POSTGRES_URL when it already answers; otherwise installs PostgreSQL
# from the system's packages if missing and starts a private throw-away server on
# 127.0.0.1:55432 (as the `postgres` user when run as root: the server refuses root).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if [ -n "${KOMMUNE_TEST_POSTGRES_URL:-}" ] && psql "$KOMMUNE_TEST_POSTGRES_URL" -c 'SELECT 1' >/dev/null 2>&1; then
  echo "$KOMMUNE_TEST_POSTGRES_URL"
  exit 0
fi

port=55432
url="postgres://postgres@127.0.0.1:${port}/postgres"
if command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
  echo "$url"
  exit 0
fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bindir" ]; then
  log "installing PostgreSQL from the system's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

data="${TMPDIR:-/tmp}/kommune-postgres-$(id -u)"
if [ ! -f "$data/PG_VERSION" ]; then
  log "creating a test cluster in $data"
  rm -rf "$data"
  mkdir -p "$data"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data"
  as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust -E UTF8 >/dev/null
fi
log "starting the test server on port $port"
as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
echo "$url"
