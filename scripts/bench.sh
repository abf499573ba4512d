#!/usr/bin/env bash
# Benchmark of the scan engine against a local lab of real servers on loopback: dnsmasq answers the lab zone,
# nginx serves HTTPS (certificate from a lab CA) and HTTP for every lab domain. Prints scans/s and per-module
# p50/p95 latency. Usage: scripts/bench.sh [DOMAINS=20] [CONCURRENCY=4] [REPEAT=1]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
N="${1:-20}"; CONCURRENCY="${2:-4}"; REPEAT="${3:-1}"
export DEBIAN_FRONTEND=noninteractive
need=()
command -v dnsmasq >/dev/null 2>&1 || need+=(dnsmasq-base)
command -v nginx >/dev/null 2>&1 || need+=(nginx-light)
command -v openssl >/dev/null 2>&1 || need+=(openssl)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -q >/dev/null
  apt-get install -y -q "${need[@]}" >/dev/null || apt-get install -y -q "${need[@]}" >/dev/null
fi
[ -f ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll ] || scripts/setup.sh

LAB="$(mktemp -d "${TMPDIR:-/tmp}/cl-bench-XXXXXX")"
DNS_PORT=5399; HTTPS_PORT=18443; HTTP_PORT=18080
cleanup() {
  [ -f "$LAB/nginx.pid" ] && kill "$(cat "$LAB/nginx.pid")" 2>/dev/null || true
  [ -f "$LAB/dnsmasq.pid" ] && kill "$(cat "$LAB/dnsmasq.pid")" 2>/dev/null || true
  rm -rf "$LAB"
}
trap cleanup EXIT

# Lab CA and a wildcard certificate for the lab zone.
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=ComplianceLayer bench CA" \
  -keyout "$LAB/ca.key" -out "$LAB/ca.pem" 2>/dev/null
openssl req -newkey rsa:2048 -nodes -subj "/CN=*.bench.example.com" -keyout "$LAB/site.key" -out "$LAB/site.csr" 2>/dev/null
printf 'subjectAltName=DNS:*.bench.example.com,DNS:bench.example.com\nextendedKeyUsage=serverAuth\n' > "$LAB/ext.cnf"
openssl x509 -req -in "$LAB/site.csr" -CA "$LAB/ca.pem" -CAkey "$LAB/ca.key" -CAcreateserial -days 2 \
  -extfile "$LAB/ext.cnf" -out "$LAB/site.pem" 2>/dev/null

mkdir -p "$LAB/www"; chmod 755 "$LAB"  # nginx workers must read the site
cat > "$LAB/www/index.html" <<'HTML'
<!doctype html><html><head><title>bench</title><script src="/js/jquery-1.8.3.min.js"></script></head><body>lab</body></html>
HTML
mkdir -p "$LAB/www/js"; echo '/*! jQuery v1.8.3 jquery.com | jquery.org/license */' > "$LAB/www/js/jquery-1.8.3.min.js"
cat > "$LAB/nginx.conf" <<CONF
worker_processes 2;
pid $LAB/nginx.pid;
error_log $LAB/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  server { listen 127.0.0.1:$HTTP_PORT; server_name _; return 301 https://\$host:$HTTPS_PORT\$request_uri; }
  server {
    listen 127.0.0.1:$HTTPS_PORT ssl; server_name _;
    ssl_certificate $LAB/site.pem; ssl_certificate_key $LAB/site.key;
    ssl_protocols TLSv1.2 TLSv1.3;
    root $LAB/www;
    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
    add_header X-Content-Type-Options nosniff always;
    add_header Set-Cookie "sessionid=lab; Path=/; HttpOnly" always;
  }
}
CONF
nginx -c "$LAB/nginx.conf" -p "$LAB"
dnsmasq --port="$DNS_PORT" --listen-address=127.0.0.1 --bind-interfaces --no-resolv --no-hosts \
  --local=/bench.example.com/ --address=/bench.example.com/127.0.0.1 \
  --txt-record=bench.example.com,"v=spf1 -all" --pid-file="$LAB/dnsmasq.pid"

domains=(); for i in $(seq 1 "$N"); do domains+=("site$i.bench.example.com"); done
echo "lab: dnsmasq 127.0.0.1:$DNS_PORT, nginx https 127.0.0.1:$HTTPS_PORT http 127.0.0.1:$HTTP_PORT; $N domains x $REPEAT"
settings=("--Scanning:DnsServers:0=127.0.0.1:$DNS_PORT" --Scanning:AllowPrivateNetworks=true \
  "--Scanning:HttpsPort=$HTTPS_PORT" "--Scanning:HttpPort=$HTTP_PORT" "--Scanning:SmtpPort=2525"
  "--Scanning:ExtraTrustedRootsPath=$LAB/ca.pem" --Scanning:ConnectTimeout=00:00:02 --Scanning:PortProbeTimeout=00:00:01)
WEB=ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll
# BENCH_SHOW_REPORT=1 also prints the report of the first lab domain, to see what the numbers are made of.
if [ "${BENCH_SHOW_REPORT:-0}" = 1 ]; then dotnet "$WEB" scan "${domains[0]}" "${settings[@]}" || true; fi
dotnet "$WEB" bench "${domains[@]}" --repeat "$REPEAT" --concurrency "$CONCURRENCY" "${settings[@]}"
