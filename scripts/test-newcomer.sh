#!/usr/bin/env bash
# The newcomer path: a fresh clone of this repository's HEAD under a 0700 folder (as Debian makes /root), the
# README's run command there, then the map page and one API answer; stops it and removes the clone and its
# cluster. Exit code 0 when both answered.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DATA=$(cd "${KISSOS_DATA:-$ROOT/../shared}" && pwd)
. "$ROOT/scripts/testlib.sh"
HOME_DIR=$(mktemp -d /tmp/kissos-home.XXXXXX)
chmod 700 "$HOME_DIR"
CLONE="$HOME_DIR/kissos"
export KISSOS_PORT=$(free_port) KISSOS_PGPORT=$(free_port) KISSOS_DATA=$DATA
unset KISSOS_PGROOT KISSOS_DB KISSOS_PG_DURABLE
BASE="http://127.0.0.1:$KISSOS_PORT"
run_pid=
cleanup() {
  [ -n "$run_pid" ] && kill -- "-$run_pid" 2>/dev/null && wait "$run_pid" 2>/dev/null
  if [ -x "$CLONE/scripts/db.sh" ]; then
    cluster=$("$CLONE/scripts/db.sh" dir)
    "$CLONE/scripts/db.sh" stop || true
    rm -rf "$cluster"
  fi
  rm -rf "$HOME_DIR"
}
trap cleanup EXIT

git clone -q "$ROOT" "$CLONE"
(cd "$CLONE" && exec setsid scripts/run.sh) > "$HOME_DIR/run.log" 2>&1 &
run_pid=$!
for _ in $(seq 1 600); do
  curl -sf "$BASE/healthz" >/dev/null && break
  kill -0 "$run_pid" 2>/dev/null || break
  sleep 0.5
done
failed=0
if ! curl -sf "$BASE/" | grep -q 'id="map"'; then echo "newcomer path: no map page"; failed=1; fi
if ! curl -sf "$BASE/api/map/services?kraj=CZ071" | grep -q '"FeatureCollection"'; then
  echo "newcomer path: no services from the API"; failed=1
fi
if [ "$failed" = 0 ]; then
  echo "newcomer path: scripts/run.sh from a clone under a 0700 folder serves the map and the API"
else
  tail -30 "$HOME_DIR/run.log"
fi
exit "$failed"
