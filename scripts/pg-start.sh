#!/usr/bin/env bash
# Starts (or reuses) a private PostgreSQL 15 cluster for this checkout; idempotent.
# Usage: scripts/pg-start.sh [PORT]   Prints the connection string on its last line.
set -euo pipefail
CHECKOUT="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${1:-${CL_PG_PORT:-55432}}"
KEY="$(printf '%s' "$CHECKOUT" | sha256sum | cut -c1-10)"
# The data folder must be reachable by the postgres user, and a checkout may sit under a 0700 home.
PGDIR="${CL_PG_DIR:-${TMPDIR:-/tmp}/compliancelayer-pg-$KEY-$PORT}"
cd /
PGBIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$PGBIN/initdb" ] || { echo "PostgreSQL server binaries not found; run scripts/setup.sh first" >&2; exit 1; }
AS_PG=(); if [ "$(id -u)" = 0 ]; then AS_PG=(runuser -u postgres --); fi
if "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  echo "PostgreSQL already accepting connections on 127.0.0.1:$PORT; reusing it" >&2
else
  mkdir -p "$PGDIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDIR"; fi
  if ! [ -s "$PGDIR/data/PG_VERSION" ]; then
    "${AS_PG[@]}" "$PGBIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync >"$PGDIR/initdb.log"
  fi
  "${AS_PG[@]}" mkdir -p "$PGDIR/sock"
  # A stale pid file from a killed cluster would block start-up.
  if ! "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" status >/dev/null 2>&1; then
    rm -f "$PGDIR/data/postmaster.pid"
    "${AS_PG[@]}" "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/server.log" -w -t 60 \
      -o "-p $PORT -c listen_addresses=127.0.0.1 -k $PGDIR/sock -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null
  fi
  "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PORT" -t 30
  echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PORT (data: $PGDIR/data)" >&2
fi
echo "Host=127.0.0.1;Port=$PORT;Username=postgres;Password=postgres"
