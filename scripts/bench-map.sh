#!/usr/bin/env bash
# Benchmark of the main map requests over the running app (Release build, real data in PostGIS).
# Prints, per request, the median and 95th percentile of N sequential requests and the response size.
# Usage: scripts/bench-map.sh [N]   (default 50; the app runs on 127.0.0.1:${KISSOS_BENCH_PORT:-5082})
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-50}
PORT=${KISSOS_BENCH_PORT:-5082}
BASE="http://127.0.0.1:$PORT"

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=${KISSOS_PGPORT:-55432};Database=${KISSOS_DB:-kissos};Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
dotnet "$ASPNETCORE_CONTENTROOT/Kissos.Web.dll" --urls "$BASE" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 240); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done

measure() {
  local name=$1 url=$2 times size
  curl -sf --compressed -o /dev/null "$BASE$url"   # warm-up: JIT and PostgreSQL caches
  times=$(for _ in $(seq 1 "$N"); do curl -sf --compressed -o /dev/null -w '%{time_total}\n' "$BASE$url"; done | sort -n)
  size=$(curl -sf -o /dev/null -w '%{size_download}' --compressed "$BASE$url")
  printf '%-34s median %7.1f ms   p95 %7.1f ms   %8d bytes gzip   %s\n' "$name" \
    "$(echo "$times" | awk -v n="$N" 'NR == int((n + 1) / 2) { print $1 * 1000 }')" \
    "$(echo "$times" | awk -v n="$N" 'NR == int(n * 0.95) { print $1 * 1000 }')" "$size" "$url"
}

echo "KISSoS map requests, $N sequential requests each, $(nproc) cores"
measure "ORP of a kraj (layer)" "/api/territory/orp?kraj=CZ071"
measure "ORP choropleth of a kraj" "/api/map/stats/orp?kraj=CZ071"
measure "services of a kraj" "/api/map/services?kraj=CZ071"
measure "services of a kraj, one druh" "/api/map/services?kraj=CZ071&druh=13"
measure "obce of a kraj (generalized)" "/api/territory/obce?kraj=CZ071"
measure "obce of a kraj (full detail)" "/api/territory/obce?kraj=CZ071&detail=full"
measure "obce choropleth of a kraj" "/api/map/stats/obce?kraj=CZ071"
measure "kraje of Czechia" "/api/territory/kraje"
