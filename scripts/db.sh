#!/usr/bin/env bash
# Installs PostgreSQL 15 + PostGIS 3 from Debian's packages and runs a local cluster for KISSoS.
# Usage: scripts/db.sh start|stop|status|psql [args]|dir. Idempotent: a second start is a no-op.
#
# Durable by default: fsync, synchronous_commit and full_page_writes on, so an acknowledged write survives a crash.
# Only the test suite trades that for speed, explicitly, with KISSOS_PG_DURABLE=0. The settings live in the
# cluster's postgresql.auto.conf (ALTER SYSTEM), so a start with the other mode switches a running cluster over.
#
# Where the cluster lives (KISSOS_PGROOT overrides): as root, PostgreSQL runs as the postgres user, which cannot
# enter a folder like /root (0700), so the cluster goes to /var/lib/kissos/<folder name>-<hash of the path>, one per
# clone; as any other user it stays in the repository's .pgdata/ (ignored by git). A cluster an earlier version
# made in .pgdata/ keeps being used.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PGBIN=/usr/lib/postgresql/15/bin
PGPORT=${KISSOS_PGPORT:-55432}
DB=${KISSOS_DB:-kissos}
DURABLE=${KISSOS_PG_DURABLE:-1}

if [ -n "${KISSOS_PGROOT:-}" ]; then PGROOT=$KISSOS_PGROOT
elif [ "$(id -u)" != 0 ] || [ -f "$ROOT/.pgdata/data/PG_VERSION" ]; then PGROOT=$ROOT/.pgdata
else PGROOT=/var/lib/kissos/$(basename "$ROOT")-$(printf %s "$ROOT" | sha256sum | cut -c1-12)
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -qAtX "$@"; }

install() {
  if [ -x "$PGBIN/postgres" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ]; then return; fi
  [ "$(id -u)" = 0 ] || { echo "db.sh: PostgreSQL/PostGIS missing; run as root to install them" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-15-postgis-3 >/dev/null
}

running() { [ -f "$PGROOT/data/postmaster.pid" ] && as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" status >/dev/null 2>&1; }

pg_start() { # $1: start or restart; no durability options on the command line, they would override ALTER SYSTEM
  as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 60 -m fast \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGROOT" "$1" >/dev/null
}

durability() { sql -c "SELECT current_setting('fsync') || current_setting('synchronous_commit') || current_setting('full_page_writes')"; }

# Brings the running cluster to the wanted mode: ALTER SYSTEM and reload; a restart when the settings came from
# the command line of a cluster an earlier version started.
apply_durability() {
  local want=offoffoff value=off
  if [ "$DURABLE" != 0 ]; then want=ononon; value=on; fi
  [ "$(durability)" = "$want" ] && return
  sql -c "ALTER SYSTEM SET fsync = $value" -c "ALTER SYSTEM SET synchronous_commit = $value" \
    -c "ALTER SYSTEM SET full_page_writes = $value" -c "SELECT pg_reload_conf()" >/dev/null
  sleep 0.2
  [ "$(durability)" = "$want" ] || pg_start restart
  if [ "$value" = on ]; then
    # Files written while fsync was off may still sit in the kernel's cache: checkpoint, then flush the disk.
    sql -c CHECKPOINT
    sync -f "$PGROOT/data"
  fi
  [ "$(durability)" = "$want" ] || { echo "db.sh: could not set fsync/synchronous_commit/full_page_writes to $value" >&2; exit 1; }
}

start() {
  install
  if ! running; then
    if [ ! -f "$PGROOT/data/PG_VERSION" ]; then
      mkdir -p "$PGROOT"
      if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGROOT"; fi
      as_postgres "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    pg_start start
  fi
  apply_durability
  if [ "$(sql -c "SELECT 1 FROM pg_database WHERE datname='$DB'")" != 1 ]; then sql -c "CREATE DATABASE $DB"; fi
  if [ "$DURABLE" != 0 ]; then mode=durable; else mode="NOT durable (tests only)"; fi
  echo "PostGIS on 127.0.0.1:$PGPORT, database $DB, $mode, cluster in $PGROOT"
}

stop() { if running; then as_postgres "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast stop >/dev/null; fi; }

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running, $(durability)"; else echo stopped; exit 1; fi ;;
  psql) shift; exec psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" "$@" ;;
  dir) echo "$PGROOT" ;;
  *) echo "usage: $0 start|stop|status|psql|dir" >&2; exit 2 ;;
esac
