#!/bin/sh
# The nightly backup (docs/operations.md#backups): a checked copy of the SQLite database
# with `kommune backup`, or a dump of the PostgreSQL database with pg_dump; the newest 14
# are kept. Reads DATABASE_URL like kommune; BACKUP_DIR says where (default
# /var/backups/kommune).
set -eu
dir="${BACKUP_DIR:-/var/backups/kommune}"
: "${DATABASE_URL:?DATABASE_URL is not set}"
mkdir -p "$dir"
stamp=$(date +%Y-%m-%d)
case "$DATABASE_URL" in
  postgres://*|postgresql://*)
    file="$dir/kommune-$stamp.dump"
    pg_dump --format=custom --file "$file" "$DATABASE_URL"
    pattern='kommune-*.dump'
    ;;
  *)
    file="$dir/kommune-$stamp.db"
    kommune backup --to "$file"
    pattern='kommune-*.db'
    ;;
esac
echo "backup: $file"
# Keep the newest 14.
ls -1t "$dir"/$pattern 2>/dev/null | tail -n +15 | while read -r old; do
  rm -f -- "$old"
done
