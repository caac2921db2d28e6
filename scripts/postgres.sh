#!/usr/bin/env bash
# Makes a PostgreSQL server available for the store tests and prints its admin URL.
# Uses KOMMUNE_TEST_POSTGRES_URL when it already answers; otherwise installs PostgreSQL
# from the system's packages if missing and runs a private throw-away server on a free
# loopback port (as the `postgres` user when run as root: the server refuses root).
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if [ -n "${KOMMUNE_TEST_POSTGRES_URL:-}" ] && psql "$KOMMUNE_TEST_POSTGRES_URL" -c 'SELECT 1' >/dev/null 2>&1; then
  echo "$KOMMUNE_TEST_POSTGRES_URL"
  exit 0
fi

find_bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | while read -r d; do [ -x "$d/initdb" ] && echo "$d"; done | tail -n 1; }
bindir=$(find_bindir)
if [ -z "$bindir" ]; then
  log "installing PostgreSQL from the system's packages"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  bindir=$(find_bindir)
  [ -n "$bindir" ] || { log "PostgreSQL installed, but no initdb found"; exit 1; }
fi

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Under /tmp, not $TMPDIR or $HOME: the postgres user must be able to reach it.
data="/tmp/kommune-postgres-$(id -u)"
ready() { "$bindir/pg_isready" -q -h 127.0.0.1 -p "$1" >/dev/null 2>&1; }
if as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1 && [ -f "$data/kommune.port" ] \
  && ready "$(cat "$data/kommune.port")"; then
  echo "postgres://postgres@127.0.0.1:$(cat "$data/kommune.port")/postgres"
  exit 0
fi
# Whatever is left of an earlier server (killed with its session, say) is cleared away.
as_owner "$bindir/pg_ctl" -D "$data" -m immediate stop >/dev/null 2>&1 || true
rm -f "$data/postmaster.pid" "$data/kommune.port"

port_taken() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
port=55432
while port_taken "$port"; do
  port=$((port + 1))
  [ "$port" -lt 55500 ] || { log "no free port between 55432 and 55499"; exit 1; }
done

if [ ! -f "$data/PG_VERSION" ]; then
  log "creating a test cluster in $data"
  rm -rf "$data"
  mkdir -p "$data"
  chmod 700 "$data"
  [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$data"
  as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --no-locale -E UTF8 >/dev/null
fi
log "starting the test server on port $port"
as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w \
  -o "-p $port -k $data -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null
if ! ready "$port"; then
  log "the test server did not start; its log ends:"
  tail -n 20 "$data/server.log" >&2 || true
  exit 1
fi
echo "$port" | as_owner tee "$data/kommune.port" >/dev/null
echo "postgres://postgres@127.0.0.1:${port}/postgres"
