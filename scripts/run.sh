#!/usr/bin/env bash
# Sets up everything on a fresh Debian machine (PostgreSQL 15 + PostGIS 3, the schema, the real data) and
# runs KISSoS on http://127.0.0.1:${KISSOS_PORT:-5080}. The first start loads the data (about 15 s).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
scripts/db.sh start
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=${KISSOS_PGPORT:-55432};Database=${KISSOS_DB:-kissos};Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}"
# Local use: one demo account per role (see README); never set in production.
export Kissos__DemoAccounts="${KISSOS_DEMO_ACCOUNTS:-true}"
# The secret key of person codes in the registers: made once for this machine, kept beside the database
# (outside git), never in the database itself. Production passes its own through configuration.
KEY_FILE="$(scripts/db.sh dir)/pseudonym.key"
[ -s "$KEY_FILE" ] || (umask 077; head -c 32 /dev/urandom | base64 > "$KEY_FILE")
export Kissos__Registers__PseudonymKey="${Kissos__Registers__PseudonymKey:-$(cat "$KEY_FILE")}"
exec dotnet run --project src/Kissos.Web -c Release -- --urls "http://127.0.0.1:${KISSOS_PORT:-5080}"
