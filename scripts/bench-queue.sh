#!/usr/bin/env bash
# Queue benchmark: N scans of lab domains through the real queue (Quartz on PostgreSQL) and engine, at several
# Quartz:MaxConcurrency values. Lab domains resolve (dnsmasq on loopback) to an address where nothing listens, so
# each scan is short and the numbers measure the queue. Usage: scripts/bench-queue.sh [SCANS=1000] [CONCURRENCIES="4 8 16"]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SCANS="${1:-1000}"; CONCURRENCIES="${2:-4 8 16}"
command -v dnsmasq >/dev/null 2>&1 || { apt-get update -q >/dev/null; apt-get install -y -q dnsmasq-base >/dev/null; }
[ -f ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll ] || scripts/setup.sh
BASE="$(scripts/pg-start.sh | tail -1)"
PG_PORT="$(printf '%s' "$BASE" | sed -E 's/.*Port=([0-9]+).*/\1/')"
LAB="$(mktemp -d "${TMPDIR:-/tmp}/cl-queue-XXXXXX")"
cleanup() { [ -f "$LAB/dnsmasq.pid" ] && kill "$(cat "$LAB/dnsmasq.pid")" 2>/dev/null || true; rm -rf "$LAB"; }
trap cleanup EXIT
DNS_PORT=5398
dnsmasq --port="$DNS_PORT" --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
  --local=/queue.example.com/ --address=/queue.example.com/127.82.0.1 --pid-file="$LAB/dnsmasq.pid"
WEB=ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll
for c in $CONCURRENCIES; do
  DB="cl_bench_queue_$$_$c"
  export ConnectionStrings__DefaultConnection="$BASE;Database=$DB"
  dotnet "$WEB" migrate --contentroot "$ROOT/ComplianceLayer.Web" >/dev/null
  Logging__LogLevel__Default=Warning Quartz__MaxConcurrency="$c" Quartz__MaxConcurrentScansPerOrganization="$c" \
  Scanning__DnsServers__0="127.0.0.1:$DNS_PORT" Scanning__AllowPrivateNetworks=true \
  Scanning__ConnectTimeout=00:00:01 Scanning__PortProbeTimeout=00:00:00.500 Billing__NewOrganizationPlan=business \
    dotnet "$WEB" bench-queue --scans "$SCANS" --domain-suffix queue.example.com --urls http://127.0.0.1:0 \
      --contentroot "$ROOT/ComplianceLayer.Web" 2>&1 | grep -E "scans/min|rror" || true
  psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
done
