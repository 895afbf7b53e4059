#!/usr/bin/env bash
# One entry point for people and CI:
#   ./solarhub.sh test            set up what the tests need, run every test, print "N passed, N failed"
#   ./solarhub.sh <verb> [args]   build and run the solarhub CLI (e.g. run, simulate, decode, bench)
set -euo pipefail
cd "$(dirname "$0")"

need_dotnet() {
  if ! command -v dotnet >/dev/null 2>&1; then
    echo "solarhub.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
    exit 1
  fi
}

install_test_tools() {
  # Serial tests run over real pseudo-terminals made by socat; configuration and history tests need a PostgreSQL server.
  local missing=()
  command -v socat >/dev/null 2>&1 || missing+=(socat)
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
  # MQTT tests start their own mosquitto broker on a loopback port.
  command -v mosquitto >/dev/null 2>&1 || [ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "solarhub.sh: the tests need: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
}

summarise() {
  # Sum the counters of every TRX file into the one line CI reads.
  local dir=$1 passed=0 failed=0 p f
  for trx in "$dir"/*.trx; do
    [ -f "$trx" ] || continue
    p=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' passed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    f=$(grep -o '<Counters [^>]*' "$trx" | grep -o ' failed="[0-9]*"' | grep -o '[0-9]*' || echo 0)
    passed=$((passed + p)); failed=$((failed + f))
  done
  echo "$passed passed, $failed failed"
}

verb=${1:-run}
case "$verb" in
  test)
    shift || true
    need_dotnet
    install_test_tools
    results=artifacts/test-results
    rm -rf "$results"
    status=0
    dotnet build SolarHub.sln -c Release -nologo -v q || exit 1
    # A throwaway PostgreSQL cluster on a loopback port, for the configuration-store tests.
    SOLARHUB_TEST_POSTGRES="$(scripts/postgres-test-server.sh start artifacts/postgres)" || exit 1
    export SOLARHUB_TEST_POSTGRES
    trap 'scripts/postgres-test-server.sh stop artifacts/postgres >/dev/null 2>&1 || true' EXIT
    dotnet test SolarHub.sln -c Release --no-build --nologo \
      --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
      --blame-hang-timeout 5m "$@" || status=$?
    summarise "$results"
    exit $status
    ;;
  *)
    need_dotnet
    dotnet build src/SolarHub.Cli -c Release -nologo -v q >/dev/null || dotnet build src/SolarHub.Cli -c Release -nologo -v q
    exec src/SolarHub.Cli/bin/Release/net10.0/solarhub "$@"
    ;;
esac
