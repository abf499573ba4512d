#!/usr/bin/env bash
# Installs what is missing on a fresh Debian 12 machine (as root), builds the front-end assets,
# restores .NET tools and packages, and builds the solution. Idempotent.
# Usage: scripts/setup.sh [--with-browser]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
export DEBIAN_FRONTEND=noninteractive DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

need=()
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql)
command -v openssl >/dev/null 2>&1 || need+=(openssl)   # the TLS tests start openssl s_server for legacy protocols
if [ "${1:-}" = "--with-browser" ]; then command -v chromium >/dev/null 2>&1 || need+=(chromium); fi
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "missing packages: ${need[*]} (run as root or install them)" >&2; exit 1; fi
  echo "installing: ${need[*]}" >&2
  apt-get update -q >/dev/null
  # dpkg sometimes fails transiently on this machine kind; the identical retry passes.
  apt-get install -y -q "${need[@]}" >/dev/null || apt-get install -y -q "${need[@]}" >/dev/null
fi

( cd wwwroot-assets && { [ -d node_modules/apexcharts ] && [ -d node_modules/psl ] || npm ci --no-audit --no-fund --loglevel=error; } && node build.mjs >/dev/null )
dotnet tool restore >/dev/null
dotnet restore ComplianceLayer.sln --verbosity quiet
dotnet build ComplianceLayer.sln --no-restore --verbosity quiet --nologo -clp:ErrorsOnly
