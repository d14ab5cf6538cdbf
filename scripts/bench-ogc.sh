#!/usr/bin/env bash
# OGC API – Features side by side: KISSoS (Release build) and MapServer 8 (Debian's mapserver-bin, FastCGI behind
# lighttpd) over the same PostGIS tables, driven by wrk at the same concurrency with the same requests. Part 2
# compares the API's time with the bare SQL it runs (printed by `Kissos.Web ogc-sql URL`, run by pgbench the way
# psql would run it). Installs what it lacks (as root), stops everything it started, prints the figures.
# Usage: scripts/bench-ogc.sh   (KISSOS_BENCH_SECONDS=10 KISSOS_BENCH_CONNECTIONS=16 KISSOS_BENCH_MS_WORKERS=4)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SECONDS_PER_RUN=${KISSOS_BENCH_SECONDS:-10}
CONNECTIONS=${KISSOS_BENCH_CONNECTIONS:-16}
THREADS=2
MS_WORKERS=${KISSOS_BENCH_MS_WORKERS:-$(( $(nproc) * 2 ))}
APP_PORT=${KISSOS_BENCH_PORT:-5093}
MS_PORT=${KISSOS_BENCH_MS_PORT:-5094}
PGPORT=${KISSOS_PGPORT:-55432}
DB=${KISSOS_DB:-kissos}
APP="http://127.0.0.1:$APP_PORT"
MS="http://127.0.0.1:$MS_PORT/mapserv/kissos/ogcapi"

missing=()
command -v mapserv >/dev/null || missing+=(mapserver-bin)
command -v wrk >/dev/null || missing+=(wrk)
command -v lighttpd >/dev/null || missing+=(lighttpd)
command -v pgbench >/dev/null || missing+=(postgresql-client-15)
if [ ${#missing[@]} -gt 0 ]; then
  [ "$(id -u)" = 0 ] || { echo "bench-ogc.sh: missing ${missing[*]}; run as root to install them" >&2; exit 1; }
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
KISSOS="dotnet $ASPNETCORE_CONTENTROOT/Kissos.Web.dll"

WORK=$(mktemp -d /tmp/kissos-bench-ogc.XXXXXX)
chmod 755 "$WORK"
app_pid=""; httpd_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  if [ -n "$httpd_pid" ]; then
    # lighttpd first, so that it cannot start new mapserv workers; then the workers it had.
    local workers
    workers=$(pgrep -P "$httpd_pid" || true)
    kill "$httpd_pid" 2>/dev/null; wait "$httpd_pid" 2>/dev/null
    for worker in $workers; do kill "$worker" 2>/dev/null; done
    sleep 0.5
    for worker in $workers; do kill -9 "$worker" 2>/dev/null; done
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
# Servers get no file descriptors beyond stdio: one that outlived this script must not keep a caller's lock
# (e.g. `flock LOCK scripts/bench-ogc.sh`) held.
# Call as `detached COMMAND &`: $! is then the server itself.
detached() { local fd; for fd in /proc/$BASHPID/fd/*; do fd=${fd##*/}; [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done; exec "$@"; }

# --- KISSoS (loads the data on its first start) ---
detached $KISSOS --urls "$APP" > "$WORK/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 240); do curl -sf "$APP/healthz" >/dev/null && break; sleep 0.5; done
curl -sf "$APP/healthz" >/dev/null || { echo "the app did not start:"; tail -20 "$WORK/app.log"; exit 1; }

# --- MapServer over the same tables: the same sources as the API's collections (Ogc/OgcCollections.cs) ---
# S-JTSK with the 7-parameter shift PostGIS uses (EPSG:1623), so both answer the same coordinates if MapServer uses it.
SJTSK='"+proj=krovak +lat_0=49.5 +lon_0=24.8333333333333 +alpha=30.2881397527778 +k=0.9999 +x_0=0 +y_0=0 +ellps=bessel +towgs84=570.8,85.7,462.8,4.998,1.587,5.261,3.56 +units=m +no_defs"'
CONNECTION="host=127.0.0.1 port=$PGPORT dbname=$DB user=postgres"
SERVICES="SELECT s.id, s.name, s.druh_code AS druh, s.provider_ico, pr.name AS provider_name, (SELECT ST_Multi(ST_Collect(p.location ORDER BY p.id)) FROM catalogue.service_place sp JOIN catalogue.place p ON p.id = sp.place_id WHERE sp.service_id = s.id) AS geom FROM catalogue.service s JOIN catalogue.druh d ON d.code = s.druh_code JOIN catalogue.provider pr ON pr.ico = s.provider_ico"
layer() { # name type data featureid
  cat <<EOF
  LAYER
    NAME "$1"
    TYPE $2
    STATUS ON
    CONNECTIONTYPE POSTGIS
    CONNECTION "$CONNECTION"
    DATA "$3"
    PROJECTION $SJTSK END
    TEMPLATE "void"
    METADATA "oga_title" "$1" "gml_include_items" "all" "gml_featureid" "$4" END
  END
EOF
}
{
  cat <<EOF
MAP
  NAME "kissos"
  EXTENT 12 48.5 19 51.1
  PROJECTION "init=epsg:4326" END
  WEB
    METADATA
      "oga_onlineresource" "$MS"
      "oga_title" "KISSoS in MapServer"
      "oga_enable_request" "*"
      "oga_html_template_directory" "/usr/share/mapserver/ogcapi/templates/html-plain/"
    END
  END
EOF
  layer obce POLYGON "geom from (SELECT o.code, o.name, o.orp_csu_code, r.kraj_nuts3, o.population, o.geom FROM territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code) AS t using unique code using srid=5514" code
  layer services POINT "geom from ($SERVICES) AS t using unique id using srid=5514" id
  # MapServer 8.0 has no property filters in its OGC API (it ignores ?druh=): the filter is built into a layer.
  layer services_druh13 POINT "geom from ($SERVICES WHERE s.druh_code = '13') AS t using unique id using srid=5514" id
  echo "END"
} > "$WORK/kissos.map"
cat > "$WORK/mapserver.conf" <<EOF
CONFIG
  ENV MS_MAP_PATTERN "^$WORK/" END
  MAPS "kissos" "$WORK/kissos.map" END
END
EOF
cat > "$WORK/lighttpd.conf" <<EOF
server.document-root = "$WORK"
server.bind = "127.0.0.1"
server.port = $MS_PORT
server.errorlog = "$WORK/lighttpd.log"
server.modules += ( "mod_fastcgi" )
fastcgi.server = ( "/mapserv" => ((
  "bin-path" => "$(command -v mapserv)",
  "socket" => "$WORK/mapserv.sock",
  "check-local" => "disable",
  "max-procs" => $MS_WORKERS,
  "bin-environment" => ( "MAPSERVER_CONFIG_FILE" => "$WORK/mapserver.conf" )
)))
EOF
detached lighttpd -D -f "$WORK/lighttpd.conf" > "$WORK/lighttpd.out" 2>&1 &
httpd_pid=$!
for _ in $(seq 1 40); do curl -sf "$MS/collections?f=json" >/dev/null && break; sleep 0.25; done
curl -sf "$MS/collections?f=json" >/dev/null || { echo "MapServer did not start:"; cat "$WORK/lighttpd.out" "$WORK/lighttpd.log"; exit 1; }

# --- the requests: the same question to both servers ---
NAMES=("obce in a bbox (limit 100)" "services, druh=13 (limit 100)" "one obec by id")
OURS=("/ogc/collections/obce/items?bbox=17.1,49.5,17.4,49.7&limit=100"
      "/ogc/collections/services/items?druh=13&limit=100"
      "/ogc/collections/obce/items/500496")
THEIRS=("/collections/obce/items?f=json&bbox=17.1,49.5,17.4,49.7&limit=100"
        "/collections/services_druh13/items?f=json&limit=100"
        "/collections/obce/items/500496?f=json")

features() { python3 -c 'import json,sys; d=json.load(sys.stdin); f=d.get("features",[d]); print(len(f), " ".join(sorted(str(x["id"]) for x in f))[:60])'; }
echo "KISSoS OGC API vs MapServer $(mapserv -v | awk '{print $3}') — $(nproc) cores shared by servers, PostgreSQL and wrk"
echo "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s; MapServer: $MS_WORKERS FastCGI workers (lighttpd); KISSoS: one Kestrel process"
echo
for i in "${!NAMES[@]}"; do
  printf '  %-32s KISSoS %s | MapServer %s\n' "${NAMES[$i]}" \
    "$(curl -sf "$APP${OURS[$i]}" | features | cut -c1-40)" "$(curl -sf "$MS${THEIRS[$i]}" | features | cut -c1-40)"
done
echo "  (features and first ids of each answer: the same data; MapServer drops services without a location)"
echo

# wrk's latency figures in ms; "1.23ms", "456.00us", "1.02s"
to_ms() { awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'; }
run_wrk() { # url threads connections seconds -> "rps median p99 avg"
  local out
  out=$(wrk -t"$2" -c"$3" -d"$4"s --latency "$1")
  if echo "$out" | grep -q "Non-2xx"; then echo "non-2xx answers from $1" >&2; echo "$out" >&2; exit 1; fi
  echo "$(echo "$out" | awk '/^Requests\/sec/ { print $2 }')" \
       "$(to_ms "$(echo "$out" | awk '$1 == "50%" { print $2 }')")" \
       "$(to_ms "$(echo "$out" | awk '$1 == "99%" { print $2 }')")" \
       "$(to_ms "$(echo "$out" | awk '$1 == "Latency" { print $2; exit }')")"
}

# The machine is shared: each figure is the better of ROUNDS runs, the two sides taking turns.
ROUNDS=${KISSOS_BENCH_ROUNDS:-2}
better() { # "rps med p99 avg" lines on stdin -> the line with the highest rps
  sort -k1,1gr | head -1
}
echo "Part 1: throughput and latency at $CONNECTIONS connections (better of $ROUNDS rounds, servers taking turns)"
printf '%-32s %-10s %10s %11s %11s\n' "request" "server" "req/s" "median ms" "p99 ms"
for i in "${!NAMES[@]}"; do
  run_wrk "$APP${OURS[$i]}" 1 2 2 >/dev/null; run_wrk "$MS${THEIRS[$i]}" 1 2 2 >/dev/null   # warm-up
  : > "$WORK/a"; : > "$WORK/m"
  for _ in $(seq 1 "$ROUNDS"); do
    run_wrk "$APP${OURS[$i]}" "$THREADS" "$CONNECTIONS" "$SECONDS_PER_RUN" >> "$WORK/a"
    run_wrk "$MS${THEIRS[$i]}" "$THREADS" "$CONNECTIONS" "$SECONDS_PER_RUN" >> "$WORK/m"
  done
  read -r a_rps a_med a_p99 _ < <(better < "$WORK/a")
  read -r m_rps m_med m_p99 _ < <(better < "$WORK/m")
  printf '%-32s %-10s %10.0f %11s %11s\n' "${NAMES[$i]}" KISSoS "$a_rps" "$a_med" "$a_p99"
  printf '%-32s %-10s %10.0f %11s %11s\n' "" MapServer "$m_rps" "$m_med" "$m_p99"
  printf '%-32s %-10s %9.1f× %10.1f× %10.1f×\n' "" "ratio" \
    "$(awk -v a="$a_rps" -v b="$m_rps" 'BEGIN { print a / b }')" \
    "$(awk -v a="$a_med" -v b="$m_med" 'BEGIN { print b / a }')" \
    "$(awk -v a="$a_p99" -v b="$m_p99" 'BEGIN { print b / a }')"
done
echo "  (ratio: KISSoS throughput / MapServer's; latencies: MapServer's / KISSoS's, so above 1× means KISSoS is faster)"
echo

pgb() { pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -f "$1" "${@:2}" "$DB" 2>/dev/null; }
pgb_median() { # sql file, seconds -> median ms of executions one at a time
  rm -f "$WORK"/pglog*
  pgb "$1" -c 1 -T "$2" --log --log-prefix="$WORK/pglog" >/dev/null
  cat "$WORK"/pglog* | awk '{ print $3 / 1000 }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; }
echo "Part 2: the API against its bare SQL (the statements from 'Kissos.Web ogc-sql URL', run by pgbench as psql would)"
echo "        one at a time: median, the best of 3 alternating runs of 3 s; then throughput at $CONNECTIONS connections"
printf '%-32s %12s %12s %9s   %11s %11s\n' "request" "API ms" "SQL ms" "overhead" "API req/s" "SQL tx/s"
for i in "${!NAMES[@]}"; do
  $KISSOS ogc-sql "${OURS[$i]}" > "$WORK/q$i.sql" 2>"$WORK/ogc-sql.log"
  pgb "$WORK/q$i.sql" -c 1 -T 2 >/dev/null; run_wrk "$APP${OURS[$i]}" 1 1 2 >/dev/null   # warm-up
  sql_one=999999; api_one=999999
  for _ in 1 2 3; do
    sql_one=$(min "$sql_one" "$(pgb_median "$WORK/q$i.sql" 3)")
    read -r _ a1 _ _ < <(run_wrk "$APP${OURS[$i]}" 1 1 3)
    api_one=$(min "$api_one" "$a1")
  done
  sql_tps=$(pgb "$WORK/q$i.sql" -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" | awk '/^tps/ { print $3 }')
  read -r api_rps _ _ _ < <(run_wrk "$APP${OURS[$i]}" "$THREADS" "$CONNECTIONS" "$SECONDS_PER_RUN")
  printf '%-32s %12.2f %12.2f %8.0f%%   %11.0f %11.0f\n' "${NAMES[$i]}" "$api_one" "$sql_one" \
    "$(awk -v a="$api_one" -v b="$sql_one" 'BEGIN { print (a / b - 1) * 100 }')" "$api_rps" "$sql_tps"
done
echo "  (overhead = API / SQL − 1. The SQL side includes PostgreSQL's protocol and the rows sent to pgbench over"
echo "   TCP; the API side adds HTTP, the JSON envelope and links, and the ETag hash. The API prepares statements"
echo "   without a bbox; pgbench runs the SQL as psql does, parsed and planned each time.)"
