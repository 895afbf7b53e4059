#!/usr/bin/env bash
# Runs the CLI's tests against a published single file instead of the solarhub.dll built beside them:
#
#   scripts/test-published.sh artifacts/publish/linux-x64/solarhub [dotnet test arguments...]
#
# Every test of SolarHub.Cli.Tests that starts solarhub (run, config, bench, status, watch, the cluster script...) then
# starts this file (CliProcess reads SOLARHUB_TEST_BINARY). The published file's framework is trimmed by default, so a
# member that only reflection reaches and that trimming removed fails here rather than on a user's board. The fault
# matrix is left out: it runs its hub in the test's own process. Needs what ./solarhub.sh test needs (socat,
# PostgreSQL, mosquitto); ends with "N passed, N failed, N skipped" and fails when a test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [[ $1 == -* ]]; then
  echo "usage: scripts/test-published.sh <published solarhub file> [dotnet test arguments...]" >&2
  exit 2
fi
binary=$(realpath "$1")
shift
[ -x "$binary" ] || { echo "test-published.sh: $binary is not an executable file" >&2; exit 1; }

results=artifacts/test-results-published
rm -rf "$results"
mkdir -p "$results"
dotnet build tests/SolarHub.Cli.Tests -c Release -nologo -v q
export SOLARHUB_TEST_POSTGRES SOLARHUB_TEST_BINARY=$binary
SOLARHUB_TEST_POSTGRES="$(scripts/postgres-test-server.sh start artifacts/postgres-published)"
trap 'scripts/postgres-test-server.sh stop artifacts/postgres-published >/dev/null 2>&1 || true' EXIT
status=0
dotnet test tests/SolarHub.Cli.Tests -c Release --no-build --nologo --filter 'FullyQualifiedName!~FaultMatrixTests' \
  --logger trx --logger "console;verbosity=normal" --results-directory "$results/SolarHub.Cli.Tests" \
  --blame-hang-timeout 5m "$@" || status=1
scripts/test-summary.sh "$results" SolarHub.Cli.Tests || status=1
exit $status
