#!/usr/bin/env bash
# Start-to-exit time of QuickStart `print_config`: the Native AOT binary vs the same program under the JIT.
# Prints min / median / p90 over N runs (default 50). Publishes first if publish/quickstart is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
[ -x publish/quickstart/quickstart ] || bash build/publish.sh quickstart >/dev/null
dotnet build samples/QuickStart/QuickStart.csproj -c Release -v quiet -nologo >/dev/null

measure() {
    local label=$1; shift
    local times=()
    "$@" >/dev/null 2>&1 # warm the page cache
    for _ in $(seq "$runs"); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '
        { t[NR] = $1 }
        END { printf "%-40s min %6.1f ms  median %6.1f ms  p90 %6.1f ms  (n=%d)\n", label, t[1] / 1000, t[int((NR + 1) / 2)] / 1000, t[int(NR * 0.9)] / 1000, NR }'
}

measure "AOT   quickstart print_config" publish/quickstart/quickstart print_config with fast
measure "JIT   dotnet quickstart.dll print_config" dotnet samples/QuickStart/bin/Release/net10.0/quickstart.dll print_config with fast
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
measure "AOT   quickstart with fast (train, -u)" publish/quickstart/quickstart with fast seed=1 -u
measure "AOT   quickstart with fast (train, recorded)" publish/quickstart/quickstart with fast seed=1 --store "$store/aot"
measure "JIT   quickstart.dll with fast (recorded)" dotnet samples/QuickStart/bin/Release/net10.0/quickstart.dll with fast seed=1 --store "$store/jit"
measure "AOT   quickstart with steps=1 (recorded)" publish/quickstart/quickstart with steps=1 samples=8 --store "$store/aot1"
measure "JIT   quickstart.dll with steps=1 (recorded)" dotnet samples/QuickStart/bin/Release/net10.0/quickstart.dll with steps=1 samples=8 --store "$store/jit1"
