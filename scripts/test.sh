#!/usr/bin/env bash
# Same set-up as run.sh, then every test against a private PostgreSQL; prints "N passed, N failed".
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
scripts/setup.sh --with-browser
CS="$(scripts/pg-start.sh | tail -1)"
export CL_TEST_PG="$CS"
RESULTS="$ROOT/artifacts/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
set +e
dotnet test ComplianceLayer.sln --no-build --nologo --verbosity quiet \
  --logger "trx;LogFileName=results.trx" --results-directory "$RESULTS" "$@"
rc=$?
set -e
passed=0; failed=0; skipped=0
for trx in $(find "$RESULTS" -name '*.trx'); do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  get() { printf '%s' "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
[ "$rc" = 0 ] || [ "$failed" -gt 0 ] || failed=1   # a crashed test host counts as a failure
echo "$passed passed, $failed failed, $skipped skipped"
exit $rc
