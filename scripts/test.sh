#!/usr/bin/env bash
# Runs every test project. Installs missing OS packages, builds once (Release), runs the tests,
# and ends with one line "N passed, N failed, N skipped" summed over all test projects.
# TEST_FILTER is passed to `dotnet test --filter`: TEST_FILTER='Category!=Lab' runs the fast tests, which need
# no root; TEST_FILTER='Category=Lab' runs the tests that bring up labs (root).
set -uo pipefail
cd "$(dirname "$0")/.."

# As root this installs what is missing; without root it can only check, so a missing package stops the run here.
if ! scripts/install-deps.sh --with-browser; then
    if (( $(id -u) != 0 )); then
        echo "test.sh: installing the missing packages needs root: run 'sudo scripts/install-deps.sh --with-browser' once, then run the tests again." >&2
    fi
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

if (( $(id -u) != 0 )) && [[ "${TEST_FILTER:-}" != *"Category!=Lab"* ]]; then
    echo "test.sh: not root: every lab test (Category=Lab) this run selects will fail; TEST_FILTER='Category!=Lab' runs the fast tests alone." >&2
fi

results=artifacts/test-results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build Orchestrator.sln -c Release -nologo -clp:ErrorsOnly; then
    echo "build failed"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

filter=()
if [[ -n "${TEST_FILTER:-}" ]]; then filter=(--filter "$TEST_FILTER"); fi

status=0
dotnet test Orchestrator.sln -c Release --no-build -nologo \
    --logger "trx" --logger "console;verbosity=normal" \
    --results-directory "$results" "${filter[@]}" || status=$?

# Sum the counters of every TRX file; a test project without one crashed, and counts as a failure.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("aborted", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
projects=$(find tests -maxdepth 2 -name '*.Tests.csproj' -o -maxdepth 2 -name '*Tests.csproj' | sort -u | wc -l)
trx=$(find "$results" -name '*.trx' | wc -l)
if (( trx < projects )); then
    echo "test.sh: only $trx of $projects test projects wrote results; a test host crashed."
    failed=$((failed + projects - trx))
fi
if (( status != 0 && failed == 0 )); then failed=1; fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
(( failed == 0 ))
