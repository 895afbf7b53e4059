#!/usr/bin/env bash
# The one line a test run ends with, and the verdict on whether every test project really ran.
#
#   scripts/test-summary.sh <results-dir> <project>...
#
# Reads the TRX files in <results-dir>/<project>/ for each test project named (./solarhub.sh test runs each project
# with its own results directory, because a TRX file does not reliably name its project: a run whose test host
# crashed, or that found no test, carries no assembly path). Prints one line per project that did not run properly,
# then, last, "N passed, N failed, N skipped" summed over every project.
#
# A project did not run properly when it wrote no TRX file, ran no test at all, or its run was aborted (a test host
# that crashed, or that the hang timeout killed). Such a run loses the results of the tests it had already run, so
# counting only failures would let it pass. Skipped tests are counted from the results themselves: the TRX counters
# leave notExecuted at 0 for tests xunit skips, and report them only as total minus executed.
#
# Exit status: 0 when every project ran and no test failed, 1 otherwise, 2 on a usage error.
set -euo pipefail

if [[ $# -lt 2 ]]; then
  echo "usage: $0 <results-dir> <project>..." >&2
  exit 2
fi
dir=$1
shift

# The value of a counter attribute (passed, failed, total...) of a TRX file, 0 when absent.
counter() {
  local value
  value=$(grep -o '<Counters [^>]*' "$2" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9][0-9]*' | head -n 1 || true)
  echo "${value:-0}"
}

passed=0 failed=0 skipped=0 broken=0
for project in "$@"; do
  p_passed=0 p_failed=0 p_skipped=0 p_total=0 problem=""
  shopt -s nullglob
  trx_files=("$dir/$project"/*.trx)
  shopt -u nullglob
  if [[ ${#trx_files[@]} -eq 0 ]]; then
    problem="wrote no test results (no .trx file in $dir/$project): its test run did not start, or its test host died"
  fi
  for trx in "${trx_files[@]}"; do
    local_failed=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
    p_passed=$((p_passed + $(counter passed "$trx")))
    p_failed=$((p_failed + local_failed))
    p_total=$((p_total + $(counter total "$trx")))
    p_skipped=$((p_skipped + $( { grep -o '<UnitTestResult [^>]*outcome="NotExecuted"' "$trx" || true; } | wc -l)))
    outcome=$(grep -o '<ResultSummary outcome="[A-Za-z]*"' "$trx" | grep -o '"[A-Za-z]*"' | tr -d '"' || true)
    # The first line of the test platform's own message when it aborted the run ("Test host process crashed", the
    # blame collector's hang timeout...).
    aborted=$(grep -o -m 1 -i 'The active test run was aborted[^<]*' "$trx" | head -n 1 | sed 's/&amp;/\&/g; s/&lt;/</g; s/&gt;/>/g' || true)
    if [[ -n "$aborted" ]]; then
      reason=${aborted#*Reason: }
      problem="its test run was aborted (${reason%.}); the tests it ran before are not counted"
    elif [[ "$outcome" == "Failed" && $local_failed -eq 0 ]]; then
      problem="its test run failed with no failed test ($trx): look for a crashed test host in the log above"
    elif [[ "$outcome" != "Completed" && "$outcome" != "Failed" ]]; then
      problem="its test run ended ${outcome:-without an outcome} ($trx)"
    fi
  done
  if [[ -z "$problem" && $p_total -eq 0 ]]; then
    problem="ran no test (it found none, or a --filter matched none of its tests)"
  fi
  if [[ -n "$problem" ]]; then
    echo "$project: $problem."
    broken=$((broken + 1))
  fi
  passed=$((passed + p_passed)); failed=$((failed + p_failed)); skipped=$((skipped + p_skipped))
done

echo "$passed passed, $failed failed, $skipped skipped"
[[ $broken -eq 0 && $failed -eq 0 ]]
