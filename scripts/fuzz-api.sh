#!/usr/bin/env bash
# Fuzzes the JSON API from its own OpenAPI document with schemathesis, against a real
# kommune server on a fresh SQLite database filled with the demo set. Fails on any 5xx
# answer and on any answer the document does not describe (status, content type, body,
# headers), and on any route that answers without a sign-in; prints each failure with a
# curl line that reproduces it.
#
# Installs the pinned schemathesis (PyPI) into a virtual environment under
# ${KOMMUNE_CACHE:-$HOME/.cache/kommune}/schemathesis-venv when it is missing or of another
# version; builds kommune with cargo into $CARGO_TARGET_DIR (by default scripts/test's);
# starts `kommune serve` on a free loopback port that the system picks. The server and its
# database are gone when the script ends. Deterministic: fixed seeds for schemathesis and
# the demo, a fixed number of examples per operation, one worker; about 1.5 minutes on 2
# cores. POST /api/plans is sent with a short search time (see scripts/fuzz-api-hooks.py).
#
# Extra arguments go to `schemathesis run`, e.g. `scripts/fuzz-api.sh --include-tag people`.
# KOMMUNE_FUZZ_EXAMPLES changes the examples per operation (default 100),
# KOMMUNE_FUZZ_CHECKS the checks (`all` for every one); with KOMMUNE_FUZZ_REPORT_DIR set,
# the JUnit and NDJSON reports are written there.
set -euo pipefail
cd "$(dirname "$0")/.."

log() { echo "fuzz-api.sh: $*" >&2; }

SCHEMATHESIS_VERSION=4.32.5
# Test cases per operation for the generated phases (fuzzing, and the examples' filling);
# the coverage phase adds its boundary and wrong-type cases on top of these.
EXAMPLES="${KOMMUNE_FUZZ_EXAMPLES:-100}"
SEED=1

# --- schemathesis, in its own virtual environment --------------------------------------
. "$(dirname "$0")/venv.sh"
python=$(python_tool schemathesis "$SCHEMATHESIS_VERSION")
venv=$(dirname "$(dirname "$python")")

# --- kommune ------------------------------------------------------------------------------
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/kommune/target}"
cargo build --locked --bin kommune
kommune="${CARGO_TARGET_DIR:-target}/debug/kommune"
[ -x "$kommune" ] || { log "no binary at $kommune"; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/kommune-fuzz.XXXXXX")
server=""
cleanup() {
  if [ -n "$server" ] && kill -0 "$server" 2>/dev/null; then
    kill "$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# The database is named on every command so that a DATABASE_URL in the environment (the
# PostgreSQL test server, say) is never touched.
db="sqlite://$work/kommune.db"
# The demo's seed is fixed; its start is this week's Monday, as the server's clock is.
"$kommune" --database-url "$db" demo --seed 1 >"$work/demo.txt"
token=$("$kommune" --database-url "$db" account token koordinator@demo.kommune.dk)

# Port 0: the system picks a free port, and the server logs the address it bound.
"$kommune" --database-url "$db" serve --addr 127.0.0.1:0 2>"$work/server.log" &
server=$!
base=""
for _ in $(seq 1 300); do
  base=$(grep -o 'listening on http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -n 1 | sed 's/^listening on //' || true)
  [ -n "$base" ] && curl -fsS -o /dev/null "$base/health" 2>/dev/null && break
  kill -0 "$server" 2>/dev/null || { log "the server stopped; its log:"; cat "$work/server.log" >&2; exit 1; }
  base=""
  sleep 0.1
done
[ -n "$base" ] || { log "the server did not answer /health within 30 s; its log:"; cat "$work/server.log" >&2; exit 1; }
log "fuzzing $base/api/openapi.json with schemathesis $SCHEMATHESIS_VERSION"

# Checks, and why these:
# - not_a_server_error: a 5xx is a bug whatever the input.
# - status_code_conformance: every status must be documented; clients code against them.
# - content_type_conformance: JSON as application/json, problems as
#   application/problem+json, PDFs and UBL as documented.
# - response_schema_conformance: every body must match the schema of its status.
# - response_headers_conformance: documented headers (Retry-After on 503) must be there.
# - ignored_auth: an answered request sent again without the token, and with a wrong token
#   or session cookie, must be refused: every route but /health and /api/openapi.json needs
#   a sign-in.
# Not these: positive_data_acceptance and negative_data_rejection judge the server's input
# validation against the document's types, which cannot carry the business rules (CVR check
# digits, a week's dates, an agreement for the task type, …): schema-valid data is rightly
# refused with 422 or 409 by the hundred; use_after_free and ensure_resource_availability,
# because deletes are soft and some reads of a deleted record are meant to work (a deleted
# person's GDPR export); missing_required_header, unsupported_method and
# allow_header_conformance test the HTTP framework more than kommune.
checks=not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance,ignored_auth

# Nothing is excluded: no API call ends the coordinator's token or empties the demo (erasing
# a person is only on the command line), and records deleted with random ids leave plenty.
reports=()
if [ -n "${KOMMUNE_FUZZ_REPORT_DIR:-}" ]; then
  mkdir -p "$KOMMUNE_FUZZ_REPORT_DIR"
  reports=(--report junit,ndjson --report-dir "$KOMMUNE_FUZZ_REPORT_DIR")
fi
hooks="$PWD/scripts/fuzz-api-hooks.py"
status=0
# Run in the work directory so that schemathesis leaves no files in the repository; the
# outer timeout only guards against a hang (each request has its own 30 s limit).
(
  cd "$work"
  SCHEMATHESIS_HOOKS="$hooks" timeout 600 \
    "$venv/bin/schemathesis" run "$base/api/openapi.json" \
    --header "Authorization: Bearer $token" \
    --checks "${KOMMUNE_FUZZ_CHECKS:-$checks}" \
    --seed "$SEED" \
    --continue-on-failure \
    --max-examples "$EXAMPLES" \
    --workers 1 \
    --generation-database none \
    --generation-with-security-parameters false \
    --request-timeout 30 \
    "${reports[@]}" "$@"
) || status=$?

if ! kill -0 "$server" 2>/dev/null; then
  log "the server died during the run; its log ends:"
  tail -n 50 "$work/server.log" >&2
  status=1
fi
if [ "$status" -eq 124 ]; then
  log "schemathesis did not finish within 10 minutes"
elif [ "$status" -ne 0 ]; then
  log "schemathesis found failures (exit $status); the server log's errors:"
  grep -iE 'error|panic' "$work/server.log" | tail -n 30 >&2 || true
fi
exit "$status"
