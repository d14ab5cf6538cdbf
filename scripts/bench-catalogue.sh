#!/usr/bin/env bash
# Benchmark of the public catalogue at national size: loads a synthetic registry of MPSV's size (default 6,733
# registrations, ~19,000 facilities; generated as scripts/bench-refresh.sh does) into its own database, starts the
# app, and times 20 typical searches of /katalog (full text, facets, territory, paging; goal p95 < 100 ms) and
# the pages of 20 services (/sluzba/{id}; goal p95 < 50 ms), each request ROUNDS times after a first one. A search's
# answer is kept per state of the data (PublicCatalogue/SearchAnswerCache.cs), so the first requests, which build
# the answers, are reported apart.
# Times are curl's total time on loopback, client and server on the same machine.
# Usage: scripts/bench-catalogue.sh [SERVICES] — last line: search_p95_ms=… page_p95_ms=…
# KEEP=1 keeps the database afterwards and reuses a kept one (no reload), for studying query plans.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SERVICES=${1:-6733}
ROUNDS=${ROUNDS:-5}
DB=kissos_bench_catalogue
PGPORT=${KISSOS_PGPORT:-55432}
PORT=${KISSOS_BENCH_PORT:-5089}
URL="http://127.0.0.1:$PORT"
DIR=$(mktemp -d "${TMPDIR:-/tmp}/kissos-bench-catalogue.XXXXXX")
app_pid=
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ "${KEEP:-0}" = 1 ] || psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$DIR"
}
trap cleanup EXIT

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
export Logging__LogLevel__Default=Warning
APP="dotnet $ASPNETCORE_CONTENTROOT/Kissos.Web.dll"

sql() { psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -Atc "$1"; }
if [ "${KEEP:-0}" = 1 ] && sql "SELECT 1 FROM catalogue.service LIMIT 1" 2>/dev/null | grep -q 1; then
  echo "== reusing the kept database $DB"
  $APP migrate >/dev/null
else
  echo "== loading a registry of $SERVICES services"
  psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
  $APP import >/dev/null
  $APP generate-rpss "$DIR" "$SERVICES" >/dev/null
  $APP refresh --rpss "$DIR/rpss.json" --addresses "$DIR/adresy.zip" >/dev/null
fi
sql "ANALYZE" >/dev/null
echo "services $(sql 'SELECT count(*) FROM catalogue.service'), places $(sql 'SELECT count(*) FROM catalogue.service_place')"

$APP --urls "$URL" >"$DIR/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 120); do curl -sf "$URL/healthz" >/dev/null && break; sleep 0.5; done

# What people type and click: names, obce with and without diacritics, druhy, IČO, facets, territory, paging.
ico=$(sql "SELECT provider_ico FROM catalogue.service GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
searches=(
  "q=prerov" "q=P%C5%99erov" "q=domov%20pro%20seniory" "q=seniory%20domov%20olomouc" "q=osobni%20asistence"
  "q=pe%C4%8Dovatelsk%C3%A1%20slu%C5%BEba%20brno" "q=praha" "q=ostrava&forma=ter" "q=odlehcovaci" "q=$ico"
  "druh=13&kraj=CZ071" "druh=4&kraj=CZ080&forma=ter" "kraj=CZ064&q=domov" "kraj=CZ071&orp=7107" "volne=true"
  "q=denni%20stacionar&kraj=CZ072" "forma=pob&kraj=CZ010" "q=azylovy%20dum" "" "strana=5&druh=13"
)
mapfile -t services < <(sql "SELECT id FROM catalogue.service ORDER BY md5(id) LIMIT 20")
# The app's own start (compiling its code paths) is not part of any figure.
curl -s -o /dev/null "$URL/katalog?strana=2&forma=amb" && curl -s -o /dev/null "$URL/sluzba/${services[0]}"

# Prints the times (ms) of every URL, ROUNDS times each, after a first, status-checked request per URL whose time
# goes to the file $1: a search's first request builds its answer, later ones find it kept for the data's state.
time_urls() {
  local first=$1; shift
  for url in "$@"; do
    read -r code time < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' "$url")
    [ "$code" = 200 ] || { echo "$url answered $code" >&2; exit 1; }
    awk -v t="$time" 'BEGIN { printf "%.1f\n", t * 1000 }' >>"$first"
  done
  for _ in $(seq 1 "$ROUNDS"); do
    for url in "$@"; do curl -s -o /dev/null -w '%{time_total}\n' "$url"; done
  done | awk '{ printf "%.1f\n", $1 * 1000 }'
}
percentiles() { sort -n | awk '{ v[NR] = $1 } END { printf "%s %s\n", v[int((NR + 1) * 0.5)], v[int(NR * 0.95 + 0.5)] }'; }

read -r search_p50 search_p95 < <(time_urls "$DIR/first-search" "${searches[@]/#/$URL/katalog?}" | percentiles)
read -r page_p50 page_p95 < <(time_urls "$DIR/first-page" "${services[@]/#/$URL/sluzba/}" | percentiles)
read -r first_p50 first_p95 < <(percentiles <"$DIR/first-search")
echo "search, first request of each query (answer built): p50 $first_p50 ms, p95 $first_p95 ms"
echo "search (20 queries × $ROUNDS): p50 $search_p50 ms, p95 $search_p95 ms (goal < 100 ms)"
echo "service page (20 services × $ROUNDS): p50 $page_p50 ms, p95 $page_p95 ms (goal < 50 ms)"
echo "search_p95_ms=$search_p95 page_p95_ms=$page_p95"
