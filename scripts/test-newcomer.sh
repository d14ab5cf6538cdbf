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
# A newcomer's shell has none of the settings the test command exports for its own app (content root, Redis, SMTP…).
for name in $(compgen -e); do
  case "$name" in Kissos__*|ConnectionStrings__*|ASPNETCORE_*|KISSOS_TEST_*) unset "$name" ;; esac
done
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
# A fresh clone restores, builds and loads the real data first: minutes on a slow machine.
started=$SECONDS
until curl -sf "$BASE/healthz" >/dev/null; do
  if ! kill -0 "$run_pid" 2>/dev/null; then echo "newcomer path: scripts/run.sh ended before the app answered"; break; fi
  if [ $((SECONDS - started)) -ge 900 ]; then echo "newcomer path: no answer from /healthz in 900 s"; break; fi
  sleep 1
done
echo "newcomer path: the app answered after $((SECONDS - started)) s"
failed=0
# Each answer goes to a file first: `curl | grep -q` fails under pipefail when grep stops reading early.
answer() { curl -s -o "$HOME_DIR/answer" -w '%{http_code}' "$BASE$1" || true; }
status=$(answer /)
if ! grep -q 'id="map"' "$HOME_DIR/answer"; then echo "newcomer path: no map page (HTTP $status)"; failed=1; fi
status=$(answer '/api/map/services?kraj=CZ071')
if ! grep -q '"FeatureCollection"' "$HOME_DIR/answer"; then
  echo "newcomer path: no services from the API (HTTP $status)"; failed=1
fi
if [ "$failed" = 0 ]; then
  echo "newcomer path: scripts/run.sh from a clone under a 0700 folder serves the map and the API"
else
  tail -30 "$HOME_DIR/run.log"
fi
exit "$failed"
