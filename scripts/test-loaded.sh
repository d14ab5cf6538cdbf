#!/usr/bin/env bash
# Runs the README's test command (scripts/test.sh) N times in a row (default 5) beside a CPU-heavy job that keeps one
# core fully busy (sha256sum of /dev/zero), each run in a clean environment (PATH, HOME and, if set, KISSOS_DATA), to
# show the suite does not depend on timing. Stops at the first run with a failure. Prints one line per run (exit
# code, seconds, load average at its end, the run's last line) and keeps each run's log in $KISSOS_LOADED_LOGS
# (default /tmp/kissos-loaded). Exit code 0 when every run passed.
set -uo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
RUNS=${1:-5}
LOGS=${KISSOS_LOADED_LOGS:-/tmp/kissos-loaded}
mkdir -p "$LOGS"
hog=
trap '[ -n "$hog" ] && kill "$hog" 2>/dev/null' EXIT
for run in $(seq 1 "$RUNS"); do
  sha256sum /dev/zero & hog=$!
  start=$(date +%s)
  env -i PATH="$PATH" HOME="$HOME" DOTNET_CLI_TELEMETRY_OPTOUT=1 ${KISSOS_DATA:+KISSOS_DATA="$KISSOS_DATA"} \
    scripts/test.sh > "$LOGS/run$run.log" 2>&1
  rc=$?
  load=$(cut -d' ' -f1-3 /proc/loadavg)
  kill "$hog"; wait "$hog" 2>/dev/null; hog=
  echo "run $run of $RUNS: rc=$rc $(( $(date +%s) - start )) s, load $load: $(tail -1 "$LOGS/run$run.log")"
  [ "$rc" = 0 ] || exit "$rc"
done
