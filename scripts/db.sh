#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS 3 from Debian's packages and runs a local cluster for KISSoS.
# Usage: scripts/db.sh start|stop|status|psql [args]. Idempotent: a second start is a no-op.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
PGROOT=${KISSOS_PGROOT:-$ROOT/.pgdata}
PGPORT=${KISSOS_PGPORT:-55432}
DB=${KISSOS_DB:-kissos}

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

install() {
  if [ -x "$PGBIN/postgres" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then return; fi
  [ "$(id -u)" = 0 ] || { echo "db.sh: PostgreSQL/PostGIS missing; run as root to install them" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-postgis-3 >/dev/null
}

running() { [ -f "$PGROOT/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; }

start() {
  install
  if running; then return; fi
  if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
    mkdir -p "$PGROOT"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$PGROOT"
    as_postgres "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null
  if ! psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qAtc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1; then
    psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE $DB"
  fi
  echo "PostGIS on 127.0.0.1:$PGPORT, database $DB"
}

stop() { if running; then as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null; fi; }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo running; else echo stopped; exit 1; fi ;;
  psql) shift; exec psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" "$@" ;;
  *) echo "usage: $0 start|stop|status|psql" >&2; exit 2 ;;
esac
