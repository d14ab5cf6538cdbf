#!/usr/bin/env bash
# Crash test: a provider publishes vacancies through the API in a loop on a cluster started by scripts/db.sh the
# way scripts/run.sh starts it; the postmaster and its children are killed with SIGKILL mid-stream; after a
# restart every vacancy that was answered 201 must be there. Uses its own cluster, folder and free ports, and
# removes them. Needs the Release build (scripts/test.sh builds it). Exit code 0 when nothing acknowledged is lost.
# KISSOS_PG_DURABLE=0 scripts/test-crash.sh runs it on the fast mode of the test suite, which does lose writes.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/testlib.sh
WRITERS=4
WRITE_SECONDS=${KISSOS_CRASH_SECONDS:-4}

WORK=$(mktemp -d /tmp/kissos-crash.XXXXXX)
chmod 755 "$WORK" # the postgres user enters it to reach the cluster
export KISSOS_PGROOT="$WORK/pg" KISSOS_PGPORT=$(free_port) KISSOS_DB=kissos
APP_PORT=$(free_port)
BASE="http://127.0.0.1:$APP_PORT"
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  scripts/db.sh stop 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

scripts/db.sh start >/dev/null
start_app "$KISSOS_PGPORT" "$BASE" "$WORK/app.log" Kissos__DemoAccounts=true

# Sign in as the demo provider; the antiforgery token is bound to the signed-in user, so take it after.
JAR="$WORK/cookies"
token() { curl -sf -b "$JAR" -c "$JAR" "$BASE/api/account/antiforgery" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
curl -sf -b "$JAR" -c "$JAR" -H "X-XSRF-TOKEN: $(token)" -H 'Content-Type: application/json' \
  -d '{"email":"poskytovatel@demo.kissos.cz","password":"Kissos-demo-2026"}' "$BASE/api/account/login" >/dev/null
TOKEN=$(token)
TODAY=$(date +%F); UNTIL=$(date -d '+30 days' +%F)
BODY="{\"serviceId\":\"mpsv-4365\",\"placeId\":\"misto-11091614\",\"places\":1,\"availableFrom\":\"$TODAY\",\"validUntil\":\"$UNTIL\",\"description\":\"Test havárie\",\"barrierFree\":false,\"contactName\":\"Test\",\"contactPhone\":\"581 292 611\"}"

# Each writer publishes until told to stop and records the id of every 201 (an acknowledged write).
writer() {
  while [ ! -f "$WORK/stop" ]; do
    out=$(curl -s -m 10 -b "$JAR" -H "X-XSRF-TOKEN: $TOKEN" -H 'Content-Type: application/json' -d "$BODY" \
      -w '\n%{http_code}' "$BASE/api/my/vacancies" || true)
    if [ "${out##*$'\n'}" = 201 ]; then
      body=${out%%$'\n'*}
      body=${body#*\"id\":\"}
      echo "${body%%\"*}" >> "$WORK/acked.$1"
    fi
  done
}
writer_pids=()
for w in $(seq 1 $WRITERS); do writer "$w" & writer_pids+=($!); done
sleep "$WRITE_SECONDS"

# SIGKILL the postmaster and all its processes at once, as a power cut or the OOM killer would.
postmaster=$(head -1 "$KISSOS_PGROOT/data/postmaster.pid")
kill -9 "$postmaster" $(pgrep -P "$postmaster") 2>/dev/null || true
# Until it is reaped: pg_ctl takes a dead postmaster that is still a zombie for a running server.
for _ in $(seq 1 100); do [ -e "/proc/$postmaster" ] || break; sleep 0.1; done
sleep 1
touch "$WORK/stop"
wait "${writer_pids[@]}" || true
cat "$WORK"/acked.* | sort -u > "$WORK/acked"
acked=$(wc -l < "$WORK/acked")

if ! scripts/db.sh start > "$WORK/restart.log" 2>&1; then # recovery
  echo "crash test: PostgreSQL did not come back"; cat "$WORK/restart.log"; tail -20 "$KISSOS_PGROOT/server.log"; exit 1
fi
ids=$(paste -sd, "$WORK/acked")
present=$(psql -h 127.0.0.1 -p "$KISSOS_PGPORT" -U postgres -d kissos -qAtX \
  -c "SELECT count(*) FROM vacancies.vacancy WHERE id::text = ANY (string_to_array('$ids', ','))")
echo "crash test: $acked writes acknowledged, $present present after SIGKILL of PostgreSQL and restart"
[ "$acked" -gt 0 ] && [ "$present" -eq "$acked" ]
