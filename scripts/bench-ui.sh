#!/usr/bin/env bash
# UI benchmark: server render time of the dashboard, a domain page and the compliance page, and memory per circuit.
# Seeds a throw-away database (DOMAINS domains across ~50 clients, SCANS completed scans with real report JSON), serves
# the built app on loopback, signs in with the Identity form (antiforgery token, cookie), times REQUESTS GETs of each page
# (the prerendered HTML: the server's render time) and prints p50/p95, then opens CIRCUITS interactive circuits in headless
# chromium and prints the app's resident memory growth per circuit. Stops everything it started.
# Usage: scripts/bench-ui.sh [DOMAINS=1000] [SCANS=50000] [REQUESTS=50] [CIRCUITS=20]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DOMAINS="${1:-1000}"; SCANS="${2:-50000}"; REQUESTS="${3:-50}"; CIRCUITS="${4:-20}"
PORT=5093
command -v curl >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q curl >/dev/null; }
WEB=ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll
PW=ComplianceLayer.Tests/bin/Debug/net10.0/.playwright
[ -f "$WEB" ] && [ -d "$PW/package" ] || scripts/setup.sh
BASE="$(scripts/pg-start.sh | tail -1)"
PG_PORT="$(printf '%s' "$BASE" | sed -E 's/.*Port=([0-9]+).*/\1/')"
DB="cl_bench_ui_$$"
LAB="$(mktemp -d "${TMPDIR:-/tmp}/cl-ui-XXXXXX")"
APP_PID=""
cleanup() {
  if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$LAB"
}
trap cleanup EXIT
# Development: the app serves the static web assets (MudBlazor, ApexCharts) straight from the build output.
export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__DefaultConnection="$BASE;Database=$DB"
export Logging__LogLevel__Default=Warning Quartz__Enabled=false
CONTENT=(--contentroot "$ROOT/ComplianceLayer.Web")
dotnet "$WEB" migrate "${CONTENT[@]}" >/dev/null
SEED="$(dotnet "$WEB" seed-bench --domains "$DOMAINS" --scans "$SCANS" "${CONTENT[@]}")"
printf '%s\n' "$SEED" | head -1
read -r EMAIL PASSWORD <<<"$(printf '%s\n' "$SEED" | sed -n 's/^bench-login: //p')"
DOMAIN_ID="$(printf '%s\n' "$SEED" | sed -n 's/^bench-domain: //p')"
psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$DB" -qc "VACUUM ANALYZE" >/dev/null

dotnet "$WEB" --urls "http://127.0.0.1:$PORT" "${CONTENT[@]}" >"$LAB/app.log" 2>&1 &
APP_PID=$!
URL="http://127.0.0.1:$PORT"
for _ in $(seq 1 120); do curl -fs "$URL/healthz" >/dev/null && break; sleep 0.5; done
curl -fs "$URL/healthz" >/dev/null || { echo "the app did not start:" >&2; tail -20 "$LAB/app.log" >&2; exit 1; }

# Sign in: the login form's hidden fields (antiforgery token, form name) plus the credentials; keep the cookie.
JAR="$LAB/cookies"
curl -fs -c "$JAR" -b "$JAR" "$URL/Account/Login" >"$LAB/login.html"
FIELDS=()
while read -r name value; do FIELDS+=(--data-urlencode "$name=$value"); done < <(
  grep -o '<input type="hidden"[^>]*>' "$LAB/login.html" | sed -E 's/.*name="([^"]*)".*value="([^"]*)".*/\1 \2/')
curl -fs -c "$JAR" -b "$JAR" -o /dev/null "${FIELDS[@]}" --data-urlencode "Input.Email=$EMAIL" \
  --data-urlencode "Input.Password=$PASSWORD" "$URL/Account/Login"
[ "$(curl -s -b "$JAR" -o /dev/null -w '%{http_code}' "$URL/")" = 200 ] || { echo "sign-in failed:" >&2; tail -30 "$LAB/app.log" >&2; exit 1; }

time_page() {  # name path marker: REQUESTS timed GETs after 5 warm-ups; checks each answer is the page, not a redirect
  local name="$1" path="$2" marker="$3" times="$LAB/$1.times"
  for _ in 1 2 3 4 5; do curl -fs -b "$JAR" -o /dev/null "$URL$path"; done
  : >"$times"
  for _ in $(seq 1 "$REQUESTS"); do
    curl -fs -b "$JAR" -o "$LAB/$name.html" -w '%{time_total}\n' "$URL$path" >>"$times"
    grep -q "$marker" "$LAB/$name.html" || { echo "$name: unexpected page (marker '$marker' missing)" >&2; exit 1; }
  done
  sort -n "$times" | awk -v name="$name" '{ v[NR] = $1 * 1000 } END {
    p50 = v[int((NR * 50 + 99) / 100)]; p95 = v[int((NR * 95 + 99) / 100)];
    printf "%s: p50 %.0f ms, p95 %.0f ms (%d requests)\n", name, p50, p95, NR }'
}
time_page dashboard "/" 'data-testid="worst-domains"'
time_page "domain page" "/domains/$DOMAIN_ID" 'id="domain-title"'
time_page compliance "/compliance" '<h1'

"$PW/node/linux-x64/node" scripts/bench-ui-circuits.cjs "$ROOT/$PW/package" "$URL" "$EMAIL" "$PASSWORD" "$APP_PID" "$CIRCUITS" /
