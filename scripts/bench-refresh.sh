#!/usr/bin/env bash
# Benchmark of the registry refresh at national size: generates a synthetic rpss.json like MPSV's (default 6,733
# registrations, ~19,000 facilities, ~100 MB) and the matching ČÚZK address-point ZIP (one Windows-1250 CSV per
# obec, ~3 million rows) into a temporary folder, then runs the refresh into its own database: the first load, and
# the daily refresh that finds nothing changed (with the web host's server GC, and with the workstation GC a cron
# job may choose). Prints the wall time and the peak memory of each.
# Usage: scripts/bench-refresh.sh [SERVICES]
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
SERVICES=${1:-6733}
DB=kissos_bench_refresh
DIR=$(mktemp -d "${TMPDIR:-/tmp}/kissos-bench-refresh.XXXXXX")
trap 'rm -rf "$DIR"' EXIT
PGPORT=${KISSOS_PGPORT:-55432}

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
export Logging__LogLevel__Default=Warning
APP="dotnet $ASPNETCORE_CONTENTROOT/Kissos.Web.dll"

$APP import >/dev/null
$APP generate-rpss "$DIR" "$SERVICES"
ls -l "$DIR"

# GNU time gives the peak resident memory as the kernel counts it; the command prints its own peak working set too.
TIME=()
[ -x /usr/bin/time ] && TIME=(/usr/bin/time -f 'wall %e s, peak memory (max RSS) %M kB')
for run in "first load" "second run, same files" "third run, same files, workstation GC (DOTNET_gcServer=0)"; do
  echo "== refresh: $run"
  [[ $run == *workstation* ]] && export DOTNET_gcServer=0
  "${TIME[@]}" $APP refresh --rpss "$DIR/rpss.json" --addresses "$DIR/adresy.zip"
done
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)"
