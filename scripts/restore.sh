#!/usr/bin/env bash
# Restores a backup made by scripts/backup.sh into an empty database (created if missing) of the cluster that
# scripts/db.sh runs, starting that cluster if needed. Usage: scripts/restore.sh FILE. Reads KISSOS_PGPORT and
# KISSOS_DB like scripts/db.sh. Refuses a database that holds any table, so it never mixes two states; to replace
# a database, drop it first (DROP DATABASE kissos WITH (FORCE)), with the app stopped.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
FILE=${1:?usage: scripts/restore.sh FILE}
DB=${KISSOS_DB:-kissos}
PGPORT=${KISSOS_PGPORT:-55432}
[ -r "$FILE" ] || { echo "restore.sh: cannot read $FILE" >&2; exit 1; }
"$ROOT/scripts/db.sh" start >/dev/null # creates the database empty when it does not exist
tables=$(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -qAtX -c \
  "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')")
[ "$tables" = 0 ] || { echo "restore.sh: database $DB is not empty ($tables tables); restore into an empty one" >&2; exit 1; }
/usr/lib/postgresql/15/bin/pg_restore -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" \
  --exit-on-error --single-transaction --no-owner "$FILE"
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -qAtX -c "ANALYZE" # planner statistics are not in a dump
echo "restored $FILE into $DB on 127.0.0.1:$PGPORT"
