#!/usr/bin/env bash
# Cost of the per-request session check, and sign-in timing for an existing and an unknown e-mail.
# Prints the median of N keep-alive requests with and without a sign-in cookie (the difference is the cookie's
# decryption plus the security-stamp read) of a request that needs no database (/api/config) and of one that
# reads it anyway, as every signed-in request does (/api/catalogue/taxonomy), and the median time of a
# wrong-password sign-in for
# existing and unknown e-mails (16 each: below the lockout of an account and the per-address limit).
# Usage: scripts/bench-session.sh [N]   (default 2000; the app runs on 127.0.0.1:${KISSOS_BENCH_PORT:-5082})
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-2000}
PORT=${KISSOS_BENCH_PORT:-5082}

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=${KISSOS_PGPORT:-55432};Database=${KISSOS_DB:-kissos};Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}" Kissos__DemoAccounts=true
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
dotnet "$ASPNETCORE_CONTENTROOT/Kissos.Web.dll" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 240); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done

python3 - "$PORT" "$N" <<'EOF'
import http.client, json, statistics, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
DEMO = ["poskytovatel", "obec", "kraj", "admin"]

class Client:
    def __init__(self):
        self.c, self.cookies, self.token = http.client.HTTPConnection("127.0.0.1", port), {}, None
    def send(self, method, url, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Content-Type": "application/json"}
        if self.token: headers["X-XSRF-TOKEN"] = self.token
        start = time.perf_counter()
        self.c.request(method, url, json.dumps(body) if body is not None else None, headers)
        r = self.c.getresponse(); data = r.read()
        elapsed = time.perf_counter() - start
        for h, v in r.getheaders():
            if h.lower() == "set-cookie":
                name, value = v.split(";")[0].split("=", 1)
                self.cookies[name] = value
        return r.status, data, elapsed
    def refresh_token(self):
        self.token = json.loads(self.send("GET", "/api/account/antiforgery")[1])["token"]

def median_us(client, url):
    for _ in range(200): client.send("GET", url)  # warm-up
    return statistics.median(client.send("GET", url)[2] for _ in range(n)) * 1e6

anonymous, signed_in = Client(), Client()
signed_in.refresh_token()
assert signed_in.send("POST", "/api/account/login", {"email": "kraj@demo.kissos.cz", "password": "Kissos-demo-2026"})[0] == 200
for url in ["/api/config", "/api/catalogue/taxonomy"]:
    without, with_cookie = median_us(anonymous, url), median_us(signed_in, url)
    print(f"GET {url}, {n} requests: without cookie {without:.0f} µs, with a sign-in cookie {with_cookie:.0f} µs, "
          f"difference {with_cookie - without:.0f} µs per request (median)")

client = Client(); client.refresh_token()
def wrong(email): return client.send("POST", "/api/account/login", {"email": email, "password": "Spatne-heslo-123"})
existing, unknown = [], []
for i in range(4):
    for who in DEMO:
        status, _, t = wrong(f"{who}@demo.kissos.cz"); assert status == 401, status; existing.append(t)
        status, _, t = wrong(f"nikdo-{who}-{i}@demo.kissos.cz"); assert status == 401, status; unknown.append(t)
for who in DEMO:  # a successful sign-in resets the accounts' failure counts
    client.cookies.clear(); client.refresh_token()
    assert client.send("POST", "/api/account/login", {"email": f"{who}@demo.kissos.cz", "password": "Kissos-demo-2026"})[0] == 200
print(f"wrong password, 16 each: existing e-mail {statistics.median(existing) * 1e3:.1f} ms, "
      f"unknown e-mail {statistics.median(unknown) * 1e3:.1f} ms (median)")
EOF
