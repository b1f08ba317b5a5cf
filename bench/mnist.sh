#!/usr/bin/env bash
# Mnist sample figures on the rendered digits (data.source=synthetic; real digits: bench/mnist-real.sh):
# start-to-first-step (AOT binary vs `dotnet mnist.dll` vs `dotnet run`) and `with fast` end to end (wall time,
# ms/step, validation accuracy). Usage: bench/mnist.sh [RUNS] [extra updates...]
# e.g. bench/mnist.sh 10 threads=1. Publishes first if publish/mnist is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
[ -x publish/mnist/mnist ] || bash build/publish.sh >/dev/null
dotnet build samples/Mnist/Mnist.csproj -c Release -v quiet -nologo >/dev/null
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

# Milliseconds from launch until the line of the first training step is printed.
first_step() {
    local start line
    start=$(date +%s%N)
    while IFS= read -r line; do
        if [[ $line == *"step 1/"* ]]; then
            echo $(( ($(date +%s%N) - start) / 1000000 ))
        fi
    done < <("$@" 2>/dev/null)
}

stats() {
    sort -n | awk -v label="$1" '{ t[NR] = $1 } END { printf "%-44s min %7.0f ms  median %7.0f ms  max %7.0f ms  (n=%d)\n", label, t[1], t[int((NR + 1) / 2)], t[NR], NR }'
}

smoke=(with fast data.source=synthetic epochs=1 steps_per_epoch=5 print_every=1 output_dir="$work/runs" -u "$@")
aot=("$root/publish/mnist/mnist")
jit=(dotnet "$root/samples/Mnist/bin/Release/net10.0/mnist.dll")
run=(dotnet run --project "$root/samples/Mnist/Mnist.csproj" -c Release --no-launch-profile --)

"${aot[@]}" "${smoke[@]}" >/dev/null 2>&1 # warm the page cache (libtorch is ~490 MB)
for _ in $(seq "$runs"); do first_step "${aot[@]}" "${smoke[@]}"; done | stats "start to first step: AOT mnist"
for _ in $(seq "$runs"); do first_step "${jit[@]}" "${smoke[@]}"; done | stats "start to first step: dotnet mnist.dll"
for _ in $(seq "$(( (runs + 1) / 2 ))"); do first_step "${run[@]}" "${smoke[@]}"; done | stats "start to first step: dotnet run (no changes)"

fast=(with fast data.source=synthetic seed=1 output_dir="$work/runs" -u "$@")
for label in aot jit; do
    declare -n command=$label
    for _ in $(seq 3); do
        start=$(date +%s%N)
        summary=$("${command[@]}" "${fast[@]}" 2>/dev/null | grep '^trained')
        echo "$(( ($(date +%s%N) - start) / 1000000 )) $summary"
    done | sort -n | awk -v label="$label" 'NR == 2 { printf "with fast seed=1 (%s, median of 3): %d ms wall; %s\n", label, $1, substr($0, index($0, "trained")) }'
done
