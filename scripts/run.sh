#!/usr/bin/env bash
# Runs the product on http://127.0.0.1:5080 with a demo tenant, from a fresh Debian 12 machine.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh
CS="$(scripts/pg-start.sh | tail -1);Database=compliancelayer"
export ConnectionStrings__DefaultConnection="$CS"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"
WEB=ComplianceLayer.Web/bin/Debug/net10.0/ComplianceLayer.Web.dll
CONTENT=(--contentroot "$ROOT/ComplianceLayer.Web")
dotnet "$WEB" migrate "${CONTENT[@]}" | tail -1
dotnet "$WEB" seed-demo "${CONTENT[@]}"
URL="${CL_URL:-http://127.0.0.1:5080}"
# Quiet start-up logs so that the last line printed is the URL (printed by the app once it accepts requests).
exec env "Logging__LogLevel__Microsoft.Hosting.Lifetime=Warning" Logging__LogLevel__Quartz=Error Hosting__PrintUrl=true \
  dotnet "$WEB" --urls "$URL" "${CONTENT[@]}"
