#!/usr/bin/env bash
# Backs up the whole KISSoS database with PostgreSQL's own pg_dump, custom format (compressed; pg_restore can
# restore all of it or parts, in parallel). Usage: scripts/backup.sh [FILE]
# (default backups/kissos-YYYYMMDD-HHMMSS.dump; the folder is ignored by git). Reads KISSOS_PGPORT and KISSOS_DB
# like scripts/db.sh. The person-code key (Kissos__Registers__PseudonymKey) is not in the database: keep it apart.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DB=${KISSOS_DB:-kissos}
FILE=${1:-$ROOT/backups/$DB-$(date +%Y%m%d-%H%M%S).dump}
mkdir -p "$(dirname "$FILE")"
/usr/lib/postgresql/15/bin/pg_dump -h 127.0.0.1 -p "${KISSOS_PGPORT:-55432}" -U postgres -d "$DB" \
  --format=custom --file="$FILE.partial"
mv "$FILE.partial" "$FILE" # a file under the final name is always a whole backup
echo "$FILE"
