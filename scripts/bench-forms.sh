#!/usr/bin/env bash
# The forms module over generated data (generate-forms, both kraje, 2024–2026): the staff overview of all forms of a
# term through the API (p50/p95 of N requests, alternating CZ071 and CZ072) and the bare SQL returning the same rows
# in the same run (median, via psql \timing), saving one full form (p95), the XLSX of one form, the XLSX export of a
# whole term (every form of term 1/2026 of each kraj; the slower one is reported); generating and transferring the
# annual reports (Výkaz skutečnost I and II) of every service of both kraje for 2026 (transfer_year_s), and all checks
# of one report (checks_p95_ms); the overview of the annual reports with their stored check counts
# (report_overview_p95_ms), the sums per druh and ORP (sums_p95_ms), and the overview made afresh right after a save
# (overview_fresh_p95_ms: the overview is otherwise answered from the answers kept per forms version).
# Usage: scripts/bench-forms.sh [N]   (default 40; the app runs on 127.0.0.1:${KISSOS_BENCH_PORT:-5083})
# Last line: overview_p95_ms=… overview_vs_sql=… save_p95_ms=… xlsx_form_ms=… xlsx_term_s=… transfer_year_s=… checks_p95_ms=…
#            report_overview_p95_ms=… sums_p95_ms=… overview_fresh_p95_ms=…
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
N=${1:-40}
PORT=${KISSOS_BENCH_PORT:-5083}
PGPORT=${KISSOS_PGPORT:-55432}
DB=${KISSOS_DB:-kissos}

scripts/db.sh start >/dev/null
dotnet build src/Kissos.Web -c Release -nologo -v quiet >/dev/null
export ConnectionStrings__Kissos="Host=127.0.0.1;Port=$PGPORT;Database=$DB;Username=postgres"
export Kissos__DataPath="${KISSOS_DATA:-$ROOT/../shared}" Kissos__DemoAccounts=true
export ASPNETCORE_CONTENTROOT="$ROOT/src/Kissos.Web/bin/Release/net10.0"
dotnet "$ASPNETCORE_CONTENTROOT/Kissos.Web.dll" --urls "http://127.0.0.1:$PORT" >/dev/null 2>&1 &
app=$!
trap 'kill $app 2>/dev/null' EXIT
for _ in $(seq 1 600); do curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null && break; sleep 0.5; done
dotnet "$ASPNETCORE_CONTENTROOT/Kissos.Web.dll" generate-forms --years 2024,2025,2026

# The reports of 2026 made again from the settlements already there: what is left to generate-forms is exactly
# generating and transferring the annual reports of every service of both kraje for one year.
psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -c "DELETE FROM forms.form WHERE family = 'vykaz-skutecnost' AND year = 2026"
start=$(date +%s.%N)
dotnet "$ASPNETCORE_CONTENTROOT/Kissos.Web.dll" generate-forms --years 2026
transfer_s=$(echo "$(date +%s.%N) - $start" | bc)
report_id=$(psql -X -At -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -c \
  "SELECT id FROM forms.form WHERE family = 'vykaz-skutecnost' AND year = 2026 AND term = 3 AND kraj = 'CZ072' ORDER BY service_id LIMIT 1")

# The bare SQL of the overview (the same rows and columns as GET /api/forms?year=2026&term=1), N times per kraj.
sql_ms=$(for kraj in CZ071 CZ072; do for _ in $(seq 1 "$N"); do cat <<SQL
SELECT s.id, s.name, s.provider_ico, p.name, s.druh_code, d.name, n.units, n.beds, f.id, coalesce(f.state, 'nezalozeno'), f.updated_at, f.totals
FROM forms.network_entry n JOIN catalogue.service s ON s.id = n.service_id JOIN catalogue.provider p ON p.ico = s.provider_ico
JOIN catalogue.druh d ON d.code = s.druh_code
LEFT JOIN forms.form f ON f.service_id = n.service_id AND f.year = n.year AND f.term = 1 AND f.family = 'rozpocet-a-vyuctovani'
WHERE n.kraj = '$kraj' AND n.year = 2026 ORDER BY s.name;
SQL
done; done | psql -X -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$DB" -c '\timing on' -f - 2>&1 | sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' \
  | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')

python3 - "$PORT" "$N" "$sql_ms" "$transfer_s" "$report_id" <<'EOF'
import http.client, json, statistics, sys, time
port, n, sql_ms, transfer_s, report_id = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]

class Client:
    def __init__(self):
        self.c, self.cookies, self.token = http.client.HTTPConnection("127.0.0.1", port, timeout=600), {}, None
    def send(self, method, url, body=None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Content-Type": "application/json"}
        if self.token: headers["X-XSRF-TOKEN"] = self.token
        start = time.perf_counter()
        self.c.request(method, url, json.dumps(body) if body is not None else None, headers)
        r = self.c.getresponse(); data = r.read()
        elapsed = (time.perf_counter() - start) * 1000
        for h, v in r.getheaders():
            if h.lower() == "set-cookie":
                name, value = v.split(";")[0].split("=", 1)
                self.cookies[name] = value
        return r.status, data, elapsed

def p(values, q): return sorted(values)[min(len(values) - 1, int(round(q * (len(values) - 1))))]

admin = Client()
admin.token = json.loads(admin.send("GET", "/api/account/antiforgery")[1])["token"]
assert admin.send("POST", "/api/account/login", {"email": "admin@demo.kissos.cz", "password": "Kissos-demo-2026"})[0] == 200
admin.token = json.loads(admin.send("GET", "/api/account/antiforgery")[1])["token"]

rows, overview = {}, []
for kraj in ["CZ071", "CZ072"] * 3: admin.send("GET", f"/api/forms?year=2026&term=1&kraj={kraj}")  # warm-up
for i in range(n):
    kraj = ["CZ071", "CZ072"][i % 2]
    status, data, ms = admin.send("GET", f"/api/forms?year=2026&term=1&kraj={kraj}")
    assert status == 200, (status, data[:300])
    rows[kraj] = json.loads(data)["count"]; overview.append(ms)
print(f"overview of term 1/2026 ({rows['CZ071']} + {rows['CZ072']} forms), {n} requests: p50 {p(overview, .5):.1f} ms, "
      f"p95 {p(overview, .95):.1f} ms; bare SQL median {sql_ms:.1f} ms")

# The overview of the annual reports with their check counts (FormCheckCounts): the first request checks and stores the
# counts of the generated reports (as the first overview after the migration does), the later ones read them.
reports = []
for i in range(n + 1):
    status, data, ms = admin.send("GET", "/api/forms?year=2026&term=3&family=vykaz-skutecnost&kraj=CZ072")
    assert status == 200, (status, data[:300])
    reports.append(ms)
report_rows = json.loads(data)["count"]
print(f"overview of the annual reports 3/2026 of CZ072 ({report_rows} services): first {reports[0]:.0f} ms (counts checked and stored), "
      f"then p50 {p(reports[1:], .5):.1f} ms, p95 {p(reports[1:], .95):.1f} ms")
sums = [admin.send("GET", f"/api/forms/sums?year=2026&term=3&family=vykaz-skutecnost&by={by}&include=all&kraj=CZ072")[2]
        for by in ["druh", "orp"] * (n // 2)]
print(f"sums of the annual reports 3/2026 of CZ072 per druh and per ORP, {len(sums)} requests: p50 {p(sums, .5):.1f} ms, p95 {p(sums, .95):.1f} ms")

# Saving one full form: a generated draft of term 3 of 2026 (still before its deadline), all its cells sent each time.
items = json.loads(admin.send("GET", "/api/forms?year=2026&term=3&kraj=CZ072&state=rozpracovano")[1])["items"]
form_id = items[0]["formId"]
form = json.loads(admin.send("GET", f"/api/my/forms/{form_id}")[1])
saves, fresh = [], []
for i in range(n):
    values = dict(form["values"])
    values["jednotky/1.6/skutecnost"] = form["values"]["jednotky/1.6/skutecnost"] + (0.01 if i % 2 == 0 else -0.01)
    status, data, ms = admin.send("PUT", f"/api/my/forms/{form_id}", {"version": form["version"], "values": values, "obce": []})
    assert status == 200, (status, data[:500])
    form = json.loads(data); saves.append(ms)
    # The overview right after a change: its kept answer is stale, so this is the answer made afresh.
    status, data, ms = admin.send("GET", "/api/forms?year=2026&term=3&kraj=CZ072")
    assert status == 200, (status, data[:300])
    fresh.append(ms)
print(f"save of one full form ({len(form['values'])} cells), {n} requests: p50 {p(saves, .5):.1f} ms, p95 {p(saves, .95):.1f} ms")
print(f"overview of term 3/2026 of CZ072 made afresh after each save: p50 {p(fresh, .5):.1f} ms, p95 {p(fresh, .95):.1f} ms "
      "(the overview above is answered from the answers kept per forms version)")

xlsx = []
for _ in range(5):
    status, data, ms = admin.send("GET", f"/api/forms/{form_id}/xlsx")
    assert status == 200 and data[:2] == b"PK", status
    xlsx.append(ms)
print(f"XLSX of one form: median of 5 {statistics.median(xlsx):.1f} ms ({len(data)} bytes)")
terms = {}
for kraj in ["CZ071", "CZ072"]:
    status, data, ms = admin.send("GET", f"/api/forms/export?year=2026&term=1&kraj={kraj}")
    assert status == 200 and data[:2] == b"PK", (status, data[:300])
    terms[kraj] = ms / 1000
    print(f"XLSX export of term 1/2026 of {kraj} ({rows[kraj]} forms): {ms / 1000:.2f} s ({len(data)} bytes)")
print(f"annual reports of 2026, both kraje: generated and transferred in {transfer_s:.1f} s (generate-forms --years 2026 after deleting them)")

# All checks of one report (cell rules, cross-set checks with the settlement and the IČO's other reports), as the page asks.
report = json.loads(admin.send("GET", f"/api/my/forms/{report_id}")[1])
checks = []
for _ in range(n):
    status, data, ms = admin.send("POST", f"/api/my/forms/{report_id}/check", {"version": report["version"], "values": report["values"], "obce": []})
    assert status == 200, (status, data[:300])
    checks.append(ms)
protocol = json.loads(data)["protocol"]
print(f"checks of one report ({len(protocol)} cross-set checks, {len(report['values'])} cells), {n} requests: "
      f"p50 {p(checks, .5):.1f} ms, p95 {p(checks, .95):.1f} ms (goal < 50 ms)")
print(f"overview_p95_ms={p(overview, .95):.1f} overview_vs_sql={p(overview, .5) / sql_ms:.2f} "
      f"save_p95_ms={p(saves, .95):.1f} xlsx_form_ms={statistics.median(xlsx):.1f} xlsx_term_s={max(terms.values()):.2f} "
      f"transfer_year_s={transfer_s:.1f} checks_p95_ms={p(checks, .95):.1f} report_overview_p95_ms={p(reports[1:], .95):.1f} "
      f"sums_p95_ms={p(sums, .95):.1f} overview_fresh_p95_ms={p(fresh, .95):.1f}")
EOF
