#!/usr/bin/env bash
# Runs every test: xunit (unit + integration on the real PostGIS) and the browser test (playwright-core driving
# Debian's chromium against the app on loopback). Ends with one line "N passed, N failed".
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ARTIFACTS="$ROOT/artifacts"
E2E_PORT=${KISSOS_E2E_PORT:-5081}
E2E_DB=kissos_e2e
mkdir -p "$ARTIFACTS"

# Only the test suite trades durability for speed (fsync etc. off); scripts/run.sh switches it back on.
KISSOS_PG_DURABLE=0 scripts/db.sh start >/dev/null || exit 1
scripts/redis.sh start || exit 1
export KISSOS_TEST_REDIS="127.0.0.1:${KISSOS_REDIS_PORT:-56379}"
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null || exit 1
fi
if ! command -v ogrinfo >/dev/null; then # GDAL's OGC API client, for the test that reads the OGC API with it
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends gdal-bin >/dev/null || exit 1
fi
# The SMTP sink (Debian's python3-aiosmtpd) saves every e-mail the tests send as a file in artifacts/mail/.
if ! /usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-aiosmtpd >/dev/null || exit 1
fi
SMTP_PORT=${KISSOS_SMTP_PORT:-2525}
export KISSOS_TEST_SMTP="127.0.0.1:$SMTP_PORT" KISSOS_TEST_SMTP_DIR="$ARTIFACTS/mail"
rm -rf "$KISSOS_TEST_SMTP_DIR"
/usr/bin/python3 tests/smtp-sink/smtp_sink.py "$SMTP_PORT" "$KISSOS_TEST_SMTP_DIR" > "$ARTIFACTS/smtp-sink.log" 2>&1 &
sink_pid=$!
trap 'kill "$sink_pid" 2>/dev/null' EXIT
dotnet build Kissos.sln -c Release -nologo -v quiet || exit 1

export KISSOS_DATA="${KISSOS_DATA:-$ROOT/../shared}"
export KISSOS_TEST_PG="Host=127.0.0.1;Port=${KISSOS_PGPORT:-55432};Username=postgres"
dotnet test Kissos.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$ARTIFACTS/dotnet-test.log"
dotnet_rc=${PIPESTATUS[0]}

# Browser test: the app on its own fresh database, loading the real data on start.
psql -h 127.0.0.1 -p "${KISSOS_PGPORT:-55432}" -U postgres -qc "DROP DATABASE IF EXISTS $E2E_DB WITH (FORCE)" -c "CREATE DATABASE $E2E_DB"
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=${KISSOS_PGPORT:-55432};Database=$E2E_DB;Username=postgres"
export Kissos__DataPath="$KISSOS_DATA"
export Kissos__DemoAccounts=true
export Kissos__Registers__PseudonymKey="$(head -c 32 /dev/urandom | base64)"
export ConnectionStrings__Redis="$KISSOS_TEST_REDIS"
export Kissos__Smtp__Host=127.0.0.1 Kissos__Smtp__Port="$SMTP_PORT" Kissos__Smtp__Tls=None Kissos__Smtp__Sender="KISSoS <kissos@test.kissos.cz>"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
APP="dotnet $ASPNETCORE_CONTENTROOT/Kissos.Web.dll"
$APP --urls "http://127.0.0.1:$E2E_PORT" > "$ARTIFACTS/e2e-app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$E2E_PORT/healthz" >/dev/null && break; sleep 0.5; done
# The app loaded the real data on start; give one service a declared catchment area, and add one without a place
# of provision (only a contact address), for the tests.
$APP import-services tests/e2e/fixtures/catchment.csv > "$ARTIFACTS/e2e-import.log" 2>&1
psql -h 127.0.0.1 -p "${KISSOS_PGPORT:-55432}" -U postgres -d "$E2E_DB" -qf tests/e2e/fixtures/bez-mista.sql >> "$ARTIFACTS/e2e-import.log" 2>&1
(cd tests/e2e && npm ci --no-audit --no-fund --silent >/dev/null 2>&1 || npm install --no-audit --no-fund --silent >/dev/null)
(cd tests/e2e && KISSOS_URL="http://127.0.0.1:$E2E_PORT" KISSOS_CATCHMENT_SERVICE=mpsv-6276 \
  node --test --test-reporter=tap 2>&1) | tee "$ARTIFACTS/e2e.log"
e2e_rc=${PIPESTATUS[0]}

# Operations, each one test: a backup round trip of the browser test's database (its app still running), a crash
# of a durable cluster, and the README's run command from a fresh clone under a 0700 folder.
passed=0; failed=0
: > "$ARTIFACTS/operations.log"
operation() { if "$@" 2>&1 | tee -a "$ARTIFACTS/operations.log"; then passed=$((passed + 1)); else failed=$((failed + 1)); fi; }
operation env KISSOS_DB=$E2E_DB scripts/test-backup.sh "http://127.0.0.1:$E2E_PORT"
kill "$app_pid" 2>/dev/null; wait "$app_pid" 2>/dev/null
operation scripts/test-crash.sh
operation scripts/test-newcomer.sh

# The summary of `dotnet test` with the normal console logger: "Total tests: N", "     Passed: N", "     Failed: N".
read -r p f < <(awk '/^ +Passed: +[0-9]+$/ { p += $2 } /^ +Failed: +[0-9]+$/ { f += $2 } END { print p + 0, f + 0 }' "$ARTIFACTS/dotnet-test.log")
passed=$((passed + p)); failed=$((failed + f))
read -r p f < <(awk '/^# pass / { p = $3 } /^# fail / { f = $3 } END { print p + 0, f + 0 }' "$ARTIFACTS/e2e.log")
passed=$((passed + p)); failed=$((failed + f))
[ "$dotnet_rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
[ "$e2e_rc" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
