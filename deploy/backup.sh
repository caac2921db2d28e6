#!/bin/sh
# The nightly backup (docs/operations.md#backups): a checked copy of the SQLite database
# with `kommune backup`, or a dump of the PostgreSQL database with pg_dump; the newest 14
# are kept. Reads DATABASE_URL like kommune; BACKUP_DIR says where (default
# /var/backups/kommune). Run by kommune-backup.timer, or by hand as the kommune user.
set -eu

fail() {
  echo "backup: $*" >&2
  exit 1
}

dir="${BACKUP_DIR:-/var/backups/kommune}"
[ -n "${DATABASE_URL:-}" ] || fail "DATABASE_URL is not set (see /etc/kommune/kommune.env)"
mkdir -p "$dir" || fail "cannot create $dir"
[ -w "$dir" ] || fail "$dir is not writable by $(id -un)"
# The copies hold personal data: readable by their owner only.
umask 077
stamp=$(date +%F)

case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    command -v pg_dump >/dev/null || fail "pg_dump is not installed (postgresql-client)"
    file="$dir/kommune-$stamp.dump"
    pattern='kommune-*.dump'
    # Written aside and renamed when whole, so a failed dump never replaces a good one
    # nor counts among the 14 kept.
    part="$file.part"
    trap 'rm -f -- "$part"' EXIT
    # A password in the URL would show in the process list as pg_dump's argument; it
    # goes to pg_dump in PGPASSWORD instead, which only this user can read.
    url="$DATABASE_URL"
    userinfo=$(printf '%s' "$url" | sed -n 's#^postgres[a-z]*://\([^@/]*\)@.*#\1#p')
    case "$userinfo" in
      # A percent-encoded password is left in the URL, which pg_dump decodes; give it in
      # PGPASSWORD instead to keep it out of the process list.
      *:*%*) echo "backup: the password stays in pg_dump's URL (percent-encoded); PGPASSWORD keeps it out of the process list" >&2 ;;
      *:*)
        PGPASSWORD="${userinfo#*:}"
        export PGPASSWORD
        url=$(printf '%s' "$url" | sed 's#^\(postgres[a-z]*://[^:@/]*\):[^@/]*@#\1@#')
        ;;
    esac
    pg_dump --format=custom --file "$part" "$url" \
      || fail "pg_dump failed; the previous dumps are untouched"
    mv -f -- "$part" "$file"
    trap - EXIT
    ;;
  *)
    command -v kommune >/dev/null || fail "kommune is not on PATH"
    file="$dir/kommune-$stamp.db"
    pattern='kommune-*.db'
    # Written aside and renamed when whole and checked, as the dump is: a copy cut short
    # never stands as today's, and two runs at once never remove each other's copy. A
    # second run the same day keeps the copy already made.
    if [ -e "$file" ]; then
      echo "backup: today's copy exists already; kept"
    else
      part="$file.part.$$"
      trap 'rm -f -- "$part"' EXIT
      kommune backup --to "$part" || fail "kommune backup failed; the previous copies are untouched"
      mv -f -- "$part" "$file"
      trap - EXIT
    fi
    ;;
esac
echo "backup: $file"

# Keep the newest 14 (ls gives one path a line; the names hold no line breaks).
ls -1t "$dir"/$pattern 2>/dev/null | tail -n +15 | while read -r old; do
  rm -f -- "$old"
done
