#!/usr/bin/env bash
# Backup round trip: scripts/backup.sh of a loaded database (KISSOS_PGPORT, KISSOS_DB), scripts/restore.sh into an
# empty cluster of its own, then the same row count in every table and the same bytes from API endpoints of an
# app on each. Usage: scripts/test-backup.sh SOURCE_APP_URL (an app running on the source database; test.sh
# passes its browser-test app). Needs the Release build. Prints the round-trip time; exit code 0 when all match.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SOURCE_URL=${1:?usage: scripts/test-backup.sh SOURCE_APP_URL}
SOURCE_PORT=${KISSOS_PGPORT:-55432}
SOURCE_DB=${KISSOS_DB:-kissos}
. scripts/testlib.sh
WORK=$(mktemp -d /tmp/kissos-backup.XXXXXX)
chmod 755 "$WORK" # the postgres user enters it to reach the cluster
TARGET_PORT=$(free_port)
APP_PORT=$(free_port)
target() { KISSOS_PGROOT="$WORK/pg" KISSOS_PGPORT=$TARGET_PORT KISSOS_DB=kissos "$@"; }
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  target scripts/db.sh stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

start=$(date +%s.%N)
KISSOS_PGPORT=$SOURCE_PORT KISSOS_DB=$SOURCE_DB scripts/backup.sh "$WORK/kissos.dump" >/dev/null
dumped=$(date +%s.%N)
target scripts/restore.sh "$WORK/kissos.dump" >/dev/null
restored=$(date +%s.%N)
awk -v a="$start" -v b="$dumped" -v c="$restored" -v size="$(du -h "$WORK/kissos.dump" | cut -f1)" 'BEGIN {
  printf "backup round trip: backup %.1f s (%s), restore into an empty cluster %.1f s, total %.1f s\n", b - a, size, c - b, c - a }'

# Every table's row count, as "schema.table count" lines.
counts() {
  psql -h 127.0.0.1 -p "$1" -U postgres -d "$2" -qAtX -F ' ' <<'SQL'
SELECT format('SELECT %L, count(*) FROM %I.%I', n.nspname || '.' || c.relname, n.nspname, c.relname)
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1
\gexec
SQL
}
counts "$SOURCE_PORT" "$SOURCE_DB" > "$WORK/source.counts"
counts "$TARGET_PORT" kissos > "$WORK/target.counts"
failed=0
if ! diff "$WORK/source.counts" "$WORK/target.counts"; then echo "backup round trip: row counts differ"; failed=1; fi
rows=$(awk '{ s += $2 } END { print s + 0 }' "$WORK/source.counts")
echo "backup round trip: $(wc -l < "$WORK/source.counts") tables, $rows rows"
if [ "$rows" = 0 ]; then echo "backup round trip: the source database is empty"; failed=1; fi

# An app on the restored database answers as the one on the source does, byte for byte.
start_app "$TARGET_PORT" "http://127.0.0.1:$APP_PORT" "$WORK/app.log" Kissos__ImportOnStart=false
for path in /api/territory/kraje '/api/map/stats/orp?kraj=CZ071' '/api/map/services?kraj=CZ072' \
  /api/catalogue/services/mpsv-4365 /api/vacancies '/api/territory/obce?orp=7107'; do
  a=$(curl -sf "$SOURCE_URL$path" | sha256sum) || a="source failed"
  b=$(curl -sf "http://127.0.0.1:$APP_PORT$path" | sha256sum) || b="restored failed"
  if [ "$a" != "$b" ]; then echo "backup round trip: $path answers differently after the restore"; failed=1; fi
done
[ "$failed" = 0 ] && echo "backup round trip: the same row counts and API answers"
exit "$failed"
