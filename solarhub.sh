#!/usr/bin/env bash
# One entry point for people and CI:
#   ./solarhub.sh test            set up what the tests need, run every test, print "N passed, N failed, N skipped"
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
  # The dashboard tests drive Debian's chromium with Playwright (which then downloads no browser of its own).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  [ ${#missing[@]} -eq 0 ] && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "solarhub.sh: the tests need: ${missing[*]} (apt-get install ${missing[*]})" >&2
    exit 1
  fi
}

test_projects() {
  # The xunit projects under tests/ (SolarHub.TestSupport and SolarHub.Benchmarks say IsTestProject false).
  local project
  for project in tests/*/*.csproj; do
    grep -q '<IsTestProject>true</IsTestProject>' "$project" && basename "$(dirname "$project")"
  done
  return 0
}

verb=${1:-run}
case "$verb" in
  test)
    shift || true
    need_dotnet
    install_test_tools
    results=artifacts/test-results
    rm -rf "$results"
    mkdir -p "$results"
    dotnet build SolarHub.sln -c Release -nologo -v q || exit 1
    # A throwaway PostgreSQL cluster on a loopback port, for the configuration-store tests.
    SOLARHUB_TEST_POSTGRES="$(scripts/postgres-test-server.sh start artifacts/postgres)" || exit 1
    export SOLARHUB_TEST_POSTGRES
    trap 'scripts/postgres-test-server.sh stop artifacts/postgres >/dev/null 2>&1 || true' EXIT
    # Each project runs with its own results directory, so the summary knows which project wrote which TRX file and
    # which wrote none (a crashed run's TRX does not name its project); as many at once as there are cores, as
    # `dotnet test SolarHub.sln` did. A run that fails leaves its exit code beside its results.
    mapfile -t projects < <(test_projects)
    run_project() {
      ( dotnet test "tests/$1" -c Release --no-build --nologo \
          --logger "trx" --logger "console;verbosity=normal" --results-directory "$results/$1" \
          --blame-hang-timeout 5m "${@:2}" || echo $? >"$results/$1.exit" )
    }
    # SolarHub.Cluster.Tests runs three node processes and times how they survive each other: alone, after the rest,
    # so that neither its figures nor the other projects' timings suffer from the other.
    for project in "${projects[@]}"; do
      [ "$project" = SolarHub.Cluster.Tests ] && continue
      while [ "$(jobs -rp | wc -l)" -ge "$(nproc)" ]; do wait -n || true; done
      run_project "$project" "$@" &
    done
    wait
    for project in "${projects[@]}"; do
      [ "$project" = SolarHub.Cluster.Tests ] && run_project "$project" "$@"
    done
    status=0
    compgen -G "$results/*.exit" >/dev/null && status=1
    # Lines naming any project that ran no test or whose test host crashed, then "N passed, N failed, N skipped".
    scripts/test-summary.sh "$results" "${projects[@]}" || status=1
    exit $status
    ;;
  *)
    need_dotnet
    dotnet build src/SolarHub.Cli -c Release -nologo -v q >/dev/null || dotnet build src/SolarHub.Cli -c Release -nologo -v q
    exec src/SolarHub.Cli/bin/Release/net10.0/solarhub "$@"
    ;;
esac
