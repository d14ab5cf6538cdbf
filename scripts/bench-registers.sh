#!/usr/bin/env bash
# Benchmark of the registers: generates a realistic register (default 100,000 applications and 30,000 users over
# the real services and obce) in its own database, then prints the time of the objective-need computation and
# the median of the demand-map and flow requests over the running app.
# Usage: scripts/bench-registers.sh [APPLICATIONS] [USERS] [N]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
APPLICATIONS=${1:-100000}
USERS=${2:-30000}
N=${3:-20}
PORT=${KISSOS_BENCH_PORT:-5083}
BASE="http://127.0.0.1:$PORT"
DB=kissos_bench

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
if ! psql -h 127.0.0.1 -p "${KISSOS_PGPORT:-55432}" -U postgres -qAtc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
  psql -h 127.0.0.1 -p "${KISSOS_PGPORT:-55432}" -U postgres -qc "CREATE DATABASE $DB"
fi
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=${KISSOS_PGPORT:-55432};Database=$DB;Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
APP="dotnet $ASPNETCORE_CONTENTROOT/Kissos.Web.dll"

$APP import >/dev/null
$APP generate-registers "$APPLICATIONS" "$USERS"
$APP measure-demand

$APP --urls "$BASE" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 240); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done

measure() {
  local name=$1 url=$2 times
  curl -sf --compressed -o /dev/null "$BASE$url"
  times=$(for _ in $(seq 1 "$N"); do curl -sf --compressed -o /dev/null -w '%{time_total}\n' "$BASE$url"; done | sort -n)
  printf '%-40s median %7.1f ms   p95 %7.1f ms   %s\n' "$name" \
    "$(echo "$times" | awk -v n="$N" 'NR == int((n + 1) / 2) { print $1 * 1000 }')" \
    "$(echo "$times" | awk -v n="$N" 'NR == int(n * 0.95) { print $1 * 1000 }')" "$url"
}
measure "demand map, ORP of a kraj, one druh" "/api/map/demand/orp?kraj=CZ071&druh=13"
measure "demand map, ORP of the country" "/api/map/demand/orp"
measure "demand map, obce of a kraj" "/api/map/demand/obce?kraj=CZ071"
measure "flows to places of provision" "/api/map/flows"
