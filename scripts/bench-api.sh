#!/usr/bin/env bash
# API benchmark with wrk on loopback: GET /v1/scan/jobs/{id} and POST /v1/scan answered from the result cache.
# Runs the built app against a throw-away database with rate limits raised (the limits are what 429 tests cover),
# completes one scan of a lab domain (dnsmasq answers with a silent loopback address), then loads both endpoints.
# Usage: scripts/bench-api.sh [DURATION=15s] [CONNECTIONS=32]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
DURATION="${1:-15s}"; CONNECTIONS="${2:-32}"
need=(); command -v wrk >/dev/null 2>&1 || need+=(wrk); command -v dnsmasq >/dev/null 2>&1 || need+=(dnsmasq-base)
command -v curl >/dev/null 2>&1 || need+=(curl)
if [ ${#need[@]} -gt 0 ]; then apt-get update -q >/dev/null; apt-get install -y -q "${need[@]}" >/dev/null; fi
[ -f ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll ] || scripts/setup.sh
BASE="$(scripts/pg-start.sh | tail -1)"
PG_PORT="$(printf '%s' "$BASE" | sed -E 's/.*Port=([0-9]+).*/\1/')"
DB="cl_bench_api_$$"
LAB="$(mktemp -d "${TMPDIR:-/tmp}/cl-api-XXXXXX")"
APP_PID=""
cleanup() {
  [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null || true
  [ -f "$LAB/dnsmasq.pid" ] && kill "$(cat "$LAB/dnsmasq.pid")" 2>/dev/null || true
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$LAB"
}
trap cleanup EXIT
dnsmasq --port=5397 --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
  --local=/api-bench.example.com/ --address=/api-bench.example.com/127.83.0.1 --pid-file="$LAB/dnsmasq.pid"
export ASPNETCORE_ENVIRONMENT=Development ConnectionStrings__DefaultConnection="$BASE;Database=$DB"
export Logging__LogLevel__Default=Warning Scanning__DnsServers__0=127.0.0.1:5397 Scanning__AllowPrivateNetworks=true
export Scanning__ConnectTimeout=00:00:01 Scanning__PortProbeTimeout=00:00:00.500
export Api__RateLimit__KeyTokenLimit=1000000 Api__RateLimit__KeyTokensPerPeriod=1000000
# The demo organization on the plan without a per-plan API rate (the trial allows 60 requests a minute).
export Billing__NewOrganizationPlan=business
export Api__RateLimit__OrganizationTokenLimit=1000000 Api__RateLimit__OrganizationTokensPerPeriod=1000000 Api__RateLimit__ReplenishmentPeriod=00:00:01
WEB=ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll
CONTENT=(--contentroot "$ROOT/ComplianceLayer.Web")
dotnet "$WEB" migrate "${CONTENT[@]}" >/dev/null
KEY="$(dotnet "$WEB" seed-demo "${CONTENT[@]}" | grep -o 'cl_[A-Za-z0-9_-]\{20,\}' | head -1)"
[ -n "$KEY" ] || { echo "seed-demo printed no API key" >&2; exit 1; }
dotnet "$WEB" --urls http://127.0.0.1:5091 "${CONTENT[@]}" >"$LAB/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:5091/healthz >/dev/null && break; sleep 0.5; done
curl -fs http://127.0.0.1:5091/healthz >/dev/null || { echo "the app did not start:" >&2; tail -20 "$LAB/app.log" >&2; exit 1; }
BODY='{"domain":"www.api-bench.example.com"}'
JOB="$(curl -fs -X POST http://127.0.0.1:5091/v1/scan -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' -d "$BODY" | grep -o 'cl_job_[0-9a-f]*')"
for _ in $(seq 1 120); do
  curl -fs "http://127.0.0.1:5091/v1/scan/jobs/$JOB" -H "Authorization: Bearer $KEY" | grep -q '"status":"completed"' && break; sleep 0.5
done
cat > "$LAB/post.lua" <<LUA
wrk.method = "POST"
wrk.body = '$BODY'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer $KEY"
LUA
echo "GET /v1/scan/jobs/{id} ($DURATION, $CONNECTIONS connections):"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -H "Authorization: Bearer $KEY" "http://127.0.0.1:5091/v1/scan/jobs/$JOB" | grep -E "Requests/sec|99%|50%|Non-2xx"
echo "POST /v1/scan, cache hit ($DURATION, $CONNECTIONS connections):"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s "$LAB/post.lua" http://127.0.0.1:5091/v1/scan | grep -E "Requests/sec|99%|50%|Non-2xx"
