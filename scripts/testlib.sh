# Shared by the operation tests (test-backup.sh, test-crash.sh, test-newcomer.sh); sourced, not run. Expects ROOT.
DLL="$ROOT/src/Kissos.Web/bin/Release/net10.0/Kissos.Web.dll"

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# start_app PGPORT URL LOG [NAME=VALUE…]: the Release build on database kissos at 127.0.0.1:PGPORT, in the
# background (its pid in app_pid); waits up to 2 minutes for /healthz (a first start loads the data).
start_app() {
  local pgport=$1 url=$2 log=$3
  shift 3
  [ -f "$DLL" ] || dotnet build "$ROOT/src/Kissos.Web" -c Release -nologo -v quiet >/dev/null
  env ConnectionStrings__Kissos="Host=127.0.0.1;Port=$pgport;Database=kissos;Username=postgres;Timeout=3" \
    Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}" ConnectionStrings__Redis= \
    Kissos__Registers__PseudonymKey="$(head -c 32 /dev/urandom | base64)" ASPNETCORE_CONTENTROOT="$(dirname "$DLL")" \
    "$@" dotnet "$DLL" --urls "$url" > "$log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 240); do curl -sf "$url/healthz" >/dev/null && return; sleep 0.5; done
  echo "the app did not start:"; tail -20 "$log"; return 1
}
