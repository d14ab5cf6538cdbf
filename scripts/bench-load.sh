#!/usr/bin/env bash
# A bounded soak of the public map: 200 connections (wrk, loopback only) for a set time over the map's mix —
# services of a kraj, ORP statistics, obce, a vector tile, an OGC items page — against the Release build on its own
# database (loaded on first start). Samples the app's resident memory every second and prints errors, p50/p99,
# the slowest answer and the peak RSS; the last line is `errors=… p99_ms=… peak_rss_mb=…`.
# Goals: 0 errors, no answer over 2 s, peak RSS under 300 MB.
# Usage: scripts/bench-load.sh [DURATION]   (default 10m; wrk's syntax: 60s, 10m; KISSOS_BENCH_CONNECTIONS=200)
# The app runs with the runtime settings the README recommends (the project's own, see Kissos.Web.csproj).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
DURATION=${1:-10m}
CONNECTIONS=${KISSOS_BENCH_CONNECTIONS:-200}
PORT=${KISSOS_BENCH_PORT:-5096}
PGPORT=${KISSOS_PGPORT:-55432}
DB=kissos_bench_load
BASE="http://127.0.0.1:$PORT"

if ! command -v wrk >/dev/null; then
  [ "$(id -u)" = 0 ] || { echo "bench-load.sh: wrk missing; run as root to install it" >&2; exit 1; }
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk >/dev/null
fi
scripts/db.sh start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qAtc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 ||
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "CREATE DATABASE $DB"
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null

WORK=$(mktemp -d /tmp/kissos-bench-load.XXXXXX)
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
dotnet "$ASPNETCORE_CONTENTROOT/Kissos.Web.dll" --urls "$BASE" >"$WORK/app.log" 2>&1 &
app=$!
sampler=
cleanup() {
  [ -n "$sampler" ] && kill "$sampler" 2>/dev/null
  kill "$app" 2>/dev/null; wait "$app" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 240); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "$BASE/healthz" >/dev/null || { echo "the app did not start:" >&2; tail -20 "$WORK/app.log" >&2; exit 1; }
VERSION=$(curl -sf "$BASE/tiles/obce.json" | grep -o 'v=[0-9]*' | head -1 | cut -d= -f2)

# The mix a map page of Olomoucký kraj asks for; tiles of Olomouc at zoom 10 under the current data version.
cat >"$WORK/mix.lua" <<LUA
local paths = {
  "/api/map/services?kraj=CZ071",
  "/api/map/stats/orp?kraj=CZ071",
  "/api/territory/obce?kraj=CZ071",
  "/tiles/obce/10/561/349.mvt?v=$VERSION",
  "/api/map/services?kraj=CZ071",
  "/api/map/stats/orp?kraj=CZ071",
  "/tiles/obce/10/560/348.mvt?v=$VERSION",
  "/ogc/collections/obce/items?krajNuts3=CZ071&limit=50",
  "/tiles/obce/10/562/350.mvt?v=$VERSION",
  "/api/map/stats/obce?orp=7107",
}
local counter = 0
local headers = { ["Accept-Encoding"] = "gzip" }   -- as a browser asks
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter % #paths) + 1], headers)
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("RESULT requests=%d errors=%d status_errors=%d socket_errors=%d p50_ms=%.1f p99_ms=%.1f max_ms=%.1f rps=%.1f\n",
    summary.requests, e.status + e.connect + e.read + e.write + e.timeout, e.status, e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6)))
end
LUA

# Warm-up (JIT, PostgreSQL caches), not measured; each answer must be GeoJSON, gzipped or not.
for path in "/api/map/services?kraj=CZ071" "/api/map/stats/orp?kraj=CZ071" "/api/territory/obce?kraj=CZ071" "/api/map/stats/obce?orp=7107"; do
  for encoding in gzip identity; do
    curl -sf --compressed -H "Accept-Encoding: $encoding" -o "$WORK/answer.json" "$BASE$path"
    start=$(head -c 40 "$WORK/answer.json")
    [[ $start == *'"FeatureCollection"'* ]] || { echo "bad answer from $path ($encoding): $start" >&2; exit 1; }
  done
done
for path in "/ogc/collections/obce/items?krajNuts3=CZ071&limit=50" "/tiles/obce/10/561/349.mvt?v=$VERSION"; do
  curl -sf --compressed -o /dev/null "$BASE$path" || { echo "no answer from $path" >&2; exit 1; }
done

# Resident memory each second: the peak, and a timeline (one line per 30 s) that shows whether it grows or levels off.
( peak=0 second=0
  while kill -0 "$app" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ { print $2 }' "/proc/$app/status" 2>/dev/null || echo 0)
    [ "${rss:-0}" -gt "$peak" ] && peak=$rss && echo "$peak" >"$WORK/peak_rss_kb"
    [ $((second % 30)) = 0 ] && echo "$second s: $((rss / 1024)) MB (peak $((peak / 1024)) MB)" >>"$WORK/rss_timeline"
    second=$((second + 1))
    sleep 1
  done ) &
sampler=$!

echo "KISSoS public map under load: $CONNECTIONS connections for $DURATION, $(nproc) cores, data version $VERSION"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --timeout 10s --latency -s "$WORK/mix.lua" "$BASE" | tee "$WORK/wrk.txt"
sleep 1
kill "$sampler" 2>/dev/null; sampler=
peak_mb=$(( $(cat "$WORK/peak_rss_kb" 2>/dev/null || echo 0) / 1024 ))
result=$(grep '^RESULT' "$WORK/wrk.txt")
field() { echo "$result" | tr ' ' '\n' | awk -F= -v k="$1" '$1 == k { print $2 }'; }
app_errors=$(grep -c ' fail: ' "$WORK/app.log" || true)
echo "requests $(field requests) ($(field rps)/s), errors $(field errors) (HTTP $(field status_errors), socket $(field socket_errors)), app log errors $app_errors"
echo "latency p50 $(field p50_ms) ms, p99 $(field p99_ms) ms, slowest $(field max_ms) ms; peak RSS $peak_mb MB"
echo "resident memory:"; sed 's/^/  /' "$WORK/rss_timeline"
grep ' fail: ' -A3 "$WORK/app.log" | head -20 || true
echo "errors=$(field errors) p99_ms=$(field p99_ms) peak_rss_mb=$peak_mb"
