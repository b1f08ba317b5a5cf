#!/usr/bin/env bash
# Builds everything and runs every test assembly; ends with one line "N passed, N failed" summed over all of them.
set -uo pipefail
cd "$(dirname "$0")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The board's browser tests drive Debian's Chromium.
if [ ! -x /usr/bin/chromium ]; then
    bash build/install-chromium.sh || echo "warning: Chromium could not be installed; the board's browser tests will fail"
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT

if ! dotnet build Sacred.sln -c Debug -nologo >"$log" 2>&1; then
    grep -E "error|warning" "$log" | sort -u | head -50
    echo "build failed"
    echo "0 passed, 1 failed"
    exit 1
fi

dotnet test Sacred.sln -c Debug --no-build 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# "Passed!  - Failed:     0, Passed:   207, Skipped: ..." or "Failed!  - Failed: 1, Passed: 206, ..." per assembly.
summary=$(grep -E "^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+" "$log" \
    | sed -E 's/.*Failed: +([0-9]+), Passed: +([0-9]+).*/\1 \2/' \
    | awk '{ failed += $1; passed += $2 } END { printf "%d passed, %d failed\n", passed, failed }')
if [ -z "$summary" ] || [ "$summary" = "0 passed, 0 failed" ]; then
    echo "no test results found"
    echo "0 passed, 1 failed"
    exit 1
fi
echo "$summary"
if [ "$status" -ne 0 ] || ! echo "$summary" | grep -q " 0 failed$"; then
    exit 1
fi
