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
dotnet "$WEB" migrate
dotnet "$WEB" seed-demo
URL="http://127.0.0.1:5080"
echo "$URL"
exec dotnet "$WEB" --urls "$URL" --contentroot "$ROOT/ComplianceLayer.Web"
