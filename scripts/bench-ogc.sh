#!/usr/bin/env bash
# OGC API – Features side by side: KISSoS (Release build), MapServer 8 (Debian's mapserver-bin) and QGIS Server 3.22
# (Debian's qgis-server), both peers FastCGI behind one lighttpd with the same number of workers, over the same
# PostGIS tables, driven by wrk at the same concurrency with the same requests, the servers taking turns. Part 2
# compares the API's time with the bare SQL it runs (printed by `Kissos.Web ogc-sql URL`, run by pgbench the way
# psql would run it). Installs what it lacks (as root), stops everything it started, prints the figures and, last,
#   mapserver_ratio_min=… qgis_ratio_min=… p99_vs_best_peer_max=… api_vs_sql_max=…
# (the smallest features-per-second ratio over the three requests against each peer; the largest KISSoS p99 over
# the better peer's p99; the largest API / bare SQL ratio one request at a time).
# Usage: scripts/bench-ogc.sh   (KISSOS_BENCH_SECONDS=10 KISSOS_BENCH_CONNECTIONS=16 KISSOS_BENCH_MS_WORKERS=4
#        KISSOS_BENCH_ROUNDS=2; the app's Kissos__MapRequests__Concurrency etc. are passed through)
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
BUILT_PORT=${KISSOS_BENCH_BUILT_PORT:-$((APP_PORT + 1000))}
BUILT="http://127.0.0.1:$BUILT_PORT"   # a second instance with the answer cache off: what a miss costs
MS="http://127.0.0.1:$MS_PORT/mapserv/kissos/ogcapi"
QG="http://127.0.0.1:$MS_PORT/qgis/wfs3"
QGIS_FCGI=/usr/lib/cgi-bin/qgis_mapserv.fcgi

missing=()
command -v mapserv >/dev/null || missing+=(mapserver-bin)
[ -x "$QGIS_FCGI" ] || missing+=(qgis-server)
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
app_pid=""; built_pid=""; httpd_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null
  [ -n "$built_pid" ] && kill "$built_pid" 2>/dev/null && wait "$built_pid" 2>/dev/null
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

# --- QGIS Server over the same tables: a project written here, the same layers and SQL sources as MapServer's ---
# Pitfall 1: QGIS's default S-JTSK -> WGS84 operation is the 3-parameter shift (S-JTSK to WGS 84 (3), ~3 m off what
# PostGIS answers). The operation PostGIS (PROJ's proj_create_crs_to_crs) uses is S-JTSK to WGS 84 (5), the
# 7-parameter Helmert below; the project pins it for EPSG:4326 and for OGC:CRS84 (the API's default), both needed.
# A layer's CRS needs a srsid besides its authid, or QGIS 3.22 reads it as invalid and transforms nothing; a layer id
# must be longer than 10 characters, or QGIS replaces it (and the WFS layer list no longer names it).
PINNED_OP="+proj=pipeline +step +inv +proj=krovak +lat_0=49.5 +lon_0=24.8333333333333 +alpha=30.2881397527778 +k=0.9999 +x_0=0 +y_0=0 +ellps=bessel +step +proj=push +v_3 +step +proj=cart +ellps=bessel +step +proj=helmert +x=572.213 +y=85.334 +z=461.94 +rx=-4.9732 +ry=-1.529 +rz=-5.2484 +s=3.5378 +convention=coordinate_frame +step +inv +proj=cart +ellps=WGS84 +step +proj=pop +v_3 +step +proj=unitconvert +xy_in=rad +xy_out=deg"
xml() { sed -e 's/&/\&amp;/g' -e 's/</\&lt;/g' -e 's/>/\&gt;/g' -e 's/"/\&quot;/g'; }
qgis_layer() { # name wkbType sql
  local source="dbname='$DB' host=127.0.0.1 port=$PGPORT user='postgres' sslmode=disable key='id' srid=5514 type=$2 checkPrimaryKeyUnicity='0' table=\"($3)\" (geom)"
  cat <<EOF
    <maplayer type="vector" geometry="${2#Multi}" wkbType="$2">
      <id>kissos_$1</id>
      <datasource>$(echo "$source" | xml)</datasource>
      <shortname>$1</shortname>
      <layername>$1</layername>
      <srs><spatialrefsys><srsid>26812</srsid><authid>EPSG:5514</authid></spatialrefsys></srs>
      <provider encoding="UTF-8">postgres</provider>
    </maplayer>
EOF
}
{
  cat <<EOF
<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
<qgis projectname="kissos" version="3.22.16-Białowieża">
  <title>KISSoS in QGIS Server</title>
  <projectCrs><spatialrefsys><srsid>3452</srsid><authid>EPSG:4326</authid></spatialrefsys></projectCrs>
  <transformContext>
    <srcDest source="EPSG:5514" dest="EPSG:4326" coordinateOp="$PINNED_OP" allowFallback="0"/>
    <srcDest source="EPSG:5514" dest="OGC:CRS84" coordinateOp="$PINNED_OP" allowFallback="0"/>
  </transformContext>
  <projectlayers>
EOF
  # QGIS needs an integer key to address a feature by it: the obec code as a number (the code stays a property).
  qgis_layer obce MultiPolygon "SELECT o.code::int AS id, o.code, o.name, o.orp_csu_code, r.kraj_nuts3, o.population, o.geom FROM territory.obec o JOIN territory.orp r ON r.csu_code = o.orp_csu_code"
  qgis_layer services MultiPoint "$SERVICES"
  cat <<EOF
  </projectlayers>
  <layer-tree-group>
    <layer-tree-layer id="kissos_obce" name="obce" providerKey="postgres" checked="Qt::Checked" expanded="0"/>
    <layer-tree-layer id="kissos_services" name="services" providerKey="postgres" checked="Qt::Checked" expanded="0"/>
  </layer-tree-group>
  <properties>
    <WFSLayers type="QStringList"><value>kissos_obce</value><value>kissos_services</value></WFSLayers>
  </properties>
</qgis>
EOF
} > "$WORK/kissos.qgs"
mkdir -m 777 "$WORK/qgis-home"

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
)), "/qgis" => ((
  "bin-path" => "$QGIS_FCGI",
  "socket" => "$WORK/qgis.sock",
  "check-local" => "disable",
  "max-procs" => $MS_WORKERS,
  "bin-environment" => ( "QGIS_PROJECT_FILE" => "$WORK/kissos.qgs", "HOME" => "$WORK/qgis-home", "QT_QPA_PLATFORM" => "offscreen",
                         "QGIS_SERVER_LOG_STDERR" => "1", "QGIS_SERVER_LOG_LEVEL" => "2" )
)))
EOF
detached lighttpd -D -f "$WORK/lighttpd.conf" > "$WORK/lighttpd.out" 2>&1 &
httpd_pid=$!
for _ in $(seq 1 40); do curl -sf "$MS/collections?f=json" >/dev/null && break; sleep 0.25; done
curl -sf "$MS/collections?f=json" >/dev/null || { echo "MapServer did not start:"; cat "$WORK/lighttpd.out" "$WORK/lighttpd.log"; exit 1; }
for _ in $(seq 1 80); do curl -sf "$QG/collections/obce.json" >/dev/null && break; sleep 0.25; done
curl -sf "$QG/collections/obce.json" >/dev/null || { echo "QGIS Server did not start:"; tail -30 "$WORK/lighttpd.out" "$WORK/lighttpd.log"; exit 1; }

# --- the requests: the same question to every server ---
NAMES=("obce in a bbox (limit 100)" "services, druh=13 (limit 100)" "one obec by id")
OURS=("/ogc/collections/obce/items?bbox=17.1,49.5,17.4,49.7&limit=100"
      "/ogc/collections/services/items?druh=13&limit=100"
      "/ogc/collections/obce/items/500496")
MAPSERVER=("/collections/obce/items?f=json&bbox=17.1,49.5,17.4,49.7&limit=100"
           "/collections/services_druh13/items?f=json&limit=100"
           "/collections/obce/items/500496?f=json")
QGIS=("/collections/obce/items.json?bbox=17.1,49.5,17.4,49.7&limit=100"
      "/collections/services/items.json?druh=13&limit=100"
      "/collections/obce/items/500496.json")
SERVERS=(KISSoS MapServer QGIS)
url() { # server index -> URL
  case $1 in KISSoS) echo "$APP${OURS[$2]}" ;; MapServer) echo "$MS${MAPSERVER[$2]}" ;; QGIS) echo "$QG${QGIS[$2]}" ;; esac
}

# A feature's key: the obec code or service id (QGIS numbers features itself and keeps them as properties).
KEY='def key(x): p = x.get("properties") or {}; return str(p.get("code") or p.get("id") or x["id"])'
features() { python3 -c "import json,sys
$KEY
d = json.load(sys.stdin); f = d.get('features', [d]); print(len(f), ' '.join(sorted(key(x) for x in f))[:60])"; }
# The largest distance in metres between the bounding boxes of the same features in two answers (CRS84).
offset_m() { python3 - "$1" "$2" <<EOF
import json, math, sys
$KEY
def boxes(path):
    d = json.load(open(path)); out = {}
    for f in d.get('features', [d]):
        if not f.get('geometry'): continue
        pts = []
        def walk(c):
            if isinstance(c[0], (int, float)): pts.append(c)
            else: [walk(x) for x in c]
        walk(f['geometry']['coordinates'])
        out[key(f)] = (min(p[0] for p in pts), min(p[1] for p in pts), max(p[0] for p in pts), max(p[1] for p in pts))
    return out
a, b = boxes(sys.argv[1]), boxes(sys.argv[2])
worst = 0
for k in a.keys() & b.keys():
    for i in range(4):
        scale = 111320 * (math.cos(math.radians(49.5)) if i % 2 == 0 else 1)
        worst = max(worst, abs(a[k][i] - b[k][i]) * scale)
print(f'{worst:.2f}')
EOF
}

echo "KISSoS OGC API vs MapServer $(mapserv -v | awk '{print $3}') and QGIS Server $(dpkg-query -W -f '${Version}' qgis-server | cut -d+ -f1)"
echo "$(nproc) cores shared by the servers, PostgreSQL and wrk (and by whatever else runs on the machine)"
echo "wrk -t$THREADS -c$CONNECTIONS -d${SECONDS_PER_RUN}s; MapServer and QGIS Server: $MS_WORKERS FastCGI workers each (lighttpd);"
echo "KISSoS: one Kestrel process, map requests in progress at most ${Kissos__MapRequests__Concurrency:-2 × cores} (Kissos:MapRequests:Concurrency)"
echo
declare -A FEATURES
for i in "${!NAMES[@]}"; do
  line="  $(printf '%-30s' "${NAMES[$i]}")"
  for s in "${SERVERS[@]}"; do
    curl -sf "$(url "$s" "$i")" > "$WORK/answer-$s-$i.json" || { echo "$s did not answer $(url "$s" "$i")"; exit 1; }
    read -r n ids < <(features < "$WORK/answer-$s-$i.json")
    FEATURES[$s,$i]=$n
    line+=" $s $n: $(echo "$ids" | cut -c1-22) |"
  done
  echo "${line% |}"
done
echo "  (features per answer and their first keys.) Known differences, handled below:"
echo "  - QGIS Server's bbox keeps every feature whose bounding box overlaps the box (${FEATURES[QGIS,0]} obce where the exact"
echo "    test of KISSoS and MapServer gives ${FEATURES[KISSoS,0]}), so throughput is compared in features per second."
echo "  - MapServer drops services without a location; MapServer 8.0 has no property filters (its layer has druh=13 built in)."
echo "  - QGIS Server runs a count query besides the page query per request (numberMatched); KISSoS counts only when the"
echo "    page is full."
echo "  - Coordinates: largest offset from KISSoS's (PostGIS's) answer, metres, over the features both return:"
for i in "${!NAMES[@]}"; do
  printf '      %-30s MapServer %8s m   QGIS Server %8s m\n' "${NAMES[$i]}" \
    "$(offset_m "$WORK/answer-KISSoS-$i.json" "$WORK/answer-MapServer-$i.json")" \
    "$(offset_m "$WORK/answer-KISSoS-$i.json" "$WORK/answer-QGIS-$i.json")"
done
echo "    QGIS lists use the pinned operation; QGIS 3.22's single-feature resource exports with its default 3-parameter"
echo "    shift whatever the project pins (its JSON exporter ignores the transform context). MapServer 8.0 answers"
echo "    without the datum shift (≈ 110 m, with +towgs84 as with init=epsg:5514); its multipoints' extents differ more."
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
calc() { awk "BEGIN { print $* }"; }
min() { awk -v a="$1" -v b="$2" 'BEGIN { print (b < a ? b : a) }'; }
max() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a ? b : a) }'; }

# The machine is shared: each figure is the better of ROUNDS runs, the servers taking turns.
ROUNDS=${KISSOS_BENCH_ROUNDS:-2}
better() { # "rps med p99 avg" lines on stdin -> the line with the highest rps
  sort -k1,1gr | head -1
}
echo "Part 1: throughput and latency at $CONNECTIONS connections (better of $ROUNDS rounds, servers taking turns)"
printf '%-30s %-10s %9s %10s %11s %9s   %s\n' "request" "server" "req/s" "features/s" "median ms" "p99 ms" "KISSoS: × features/s, p99 ÷"
ms_ratio_min=999999; qgis_ratio_min=999999; p99_max=0
declare -A RPS MED P99
for i in "${!NAMES[@]}"; do
  for s in "${SERVERS[@]}"; do run_wrk "$(url "$s" "$i")" 1 2 2 >/dev/null; : > "$WORK/wrk-$s"; done   # warm-up
  for _ in $(seq 1 "$ROUNDS"); do
    for s in "${SERVERS[@]}"; do run_wrk "$(url "$s" "$i")" "$THREADS" "$CONNECTIONS" "$SECONDS_PER_RUN" >> "$WORK/wrk-$s"; done
  done
  for s in "${SERVERS[@]}"; do read -r "RPS[$s]" "MED[$s]" "P99[$s]" _ < <(better < "$WORK/wrk-$s"); done
  for s in "${SERVERS[@]}"; do
    fps=$(calc "${RPS[$s]} * ${FEATURES[$s,$i]}")
    compare=""
    if [ "$s" != KISSoS ]; then
      ratio=$(calc "${RPS[KISSoS]} * ${FEATURES[KISSoS,$i]} / ($fps)")
      compare=$(printf '%.1f× / %.2f' "$ratio" "$(calc "${P99[KISSoS]} / ${P99[$s]}")")
      if [ "$s" = MapServer ]; then ms_ratio_min=$(min "$ms_ratio_min" "$ratio"); else qgis_ratio_min=$(min "$qgis_ratio_min" "$ratio"); fi
    fi
    printf '%-30s %-10s %9.0f %10.0f %11s %9s   %s\n' "$([ "$s" = KISSoS ] && echo "${NAMES[$i]}")" "$s" "${RPS[$s]}" "$fps" "${MED[$s]}" "${P99[$s]}" "$compare"
  done
  p99_max=$(max "$p99_max" "$(calc "${P99[KISSoS]} / $(min "${P99[MapServer]}" "${P99[QGIS]}")")")
done
echo "  (features/s = req/s × features per answer, the throughput compared where answers differ; × = KISSoS's features/s"
echo "   over the peer's; p99 ÷ = KISSoS's p99 over the peer's, below 1 means KISSoS's tail is shorter)"
echo "  KISSoS's answer cache: $(for i in "${!NAMES[@]}"; do
    raw=$(curl -s -o /dev/null -w '%{size_download}' "$APP${OURS[$i]}")
    gz=$(curl -s -o /dev/null -w '%{size_download}' -H 'Accept-Encoding: gzip' "$APP${OURS[$i]}")
    printf '%s %d + %d gzipped bytes; ' "${NAMES[$i]%% (*}" "$raw" "$gz"; done)app RSS $(( $(awk '/VmRSS/ { print $2 }' /proc/$app_pid/status) / 1024 )) MB"
echo

pgb() { pgbench -n -h 127.0.0.1 -p "$PGPORT" -U postgres -f "$1" "${@:2}" "$DB" 2>/dev/null; }
pgb_median() { # sql file, seconds -> median ms of executions one at a time
  rm -f "$WORK"/pglog*
  pgb "$1" -c 1 -T "$2" --log --log-prefix="$WORK/pglog" >/dev/null
  cat "$WORK"/pglog* | awk '{ print $3 / 1000 }' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
Kissos__CacheAnswers=false detached $KISSOS --urls "$BUILT" > "$WORK/app-built.log" 2>&1 &
built_pid=$!
for _ in $(seq 1 120); do curl -sf "$BUILT/healthz" >/dev/null && break; sleep 0.5; done
echo "Part 2: the API against its bare SQL (the statements from 'Kissos.Web ogc-sql URL', run by pgbench as psql would)"
echo "        one at a time: median, the best of 3 alternating runs of 3 s; then throughput at $CONNECTIONS connections"
printf '%-30s %8s %8s %8s %8s %10s   %9s %9s %9s\n' "request" "API ms" "built ms" "SQL ms" "API/SQL" "built/SQL" "API/s" "built/s" "SQL tx/s"
api_vs_sql_max=0
for i in "${!NAMES[@]}"; do
  $KISSOS ogc-sql "${OURS[$i]}" > "$WORK/q$i.sql" 2>"$WORK/ogc-sql.log"
  pgb "$WORK/q$i.sql" -c 1 -T 2 >/dev/null; run_wrk "$APP${OURS[$i]}" 1 1 2 >/dev/null; run_wrk "$BUILT${OURS[$i]}" 1 1 2 >/dev/null   # warm-up
  sql_one=999999; api_one=999999; built_one=999999
  for _ in 1 2 3; do
    sql_one=$(min "$sql_one" "$(pgb_median "$WORK/q$i.sql" 3)")
    read -r _ a1 _ _ < <(run_wrk "$APP${OURS[$i]}" 1 1 3)
    api_one=$(min "$api_one" "$a1")
    read -r _ b1 _ _ < <(run_wrk "$BUILT${OURS[$i]}" 1 1 3)
    built_one=$(min "$built_one" "$b1")
  done
  sql_tps=$(pgb "$WORK/q$i.sql" -c "$CONNECTIONS" -j "$THREADS" -T "$SECONDS_PER_RUN" | awk '/^tps/ { print $3 }')
  read -r api_rps _ _ _ < <(run_wrk "$APP${OURS[$i]}" "$THREADS" "$CONNECTIONS" "$SECONDS_PER_RUN")
  read -r built_rps _ _ _ < <(run_wrk "$BUILT${OURS[$i]}" "$THREADS" "$CONNECTIONS" "$SECONDS_PER_RUN")
  ratio=$(calc "$api_one / $sql_one")
  api_vs_sql_max=$(max "$api_vs_sql_max" "$ratio")
  printf '%-30s %8.2f %8.2f %8.2f %8.2f %10.2f   %9.0f %9.0f %9.0f\n' "${NAMES[$i]}" "$api_one" "$built_one" "$sql_one" "$ratio" \
    "$(calc "$built_one / $sql_one")" "$api_rps" "$built_rps" "$sql_tps"
done
echo "  (The SQL side includes PostgreSQL's protocol and the rows sent to pgbench over TCP. The API answers a request"
echo "   it has answered under the same data version from its answer cache (Common/MapAnswerCache.cs): one prepared"
echo "   'SELECT version' and the kept bytes. 'built' is a second instance with Kissos__CacheAnswers=false, i.e. what"
echo "   the first request after an import costs: the bare SQL plus HTTP, the envelope, links and the ETag hash.)"
echo
printf 'mapserver_ratio_min=%.2f qgis_ratio_min=%.2f p99_vs_best_peer_max=%.2f api_vs_sql_max=%.2f\n' \
  "$ms_ratio_min" "$qgis_ratio_min" "$p99_max" "$api_vs_sql_max"
