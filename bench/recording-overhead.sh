#!/usr/bin/env bash
# The cost of recording on a real training loop: Mnist `with fast threads=1` unobserved (-u) vs recorded into the
# embedded store with a heartbeat every second (10x Sacred's default rate), alternating, N runs each.
# Prints the ms/step the sample reports; the difference over the step time is the recording overhead.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build samples/Mnist/Mnist.csproj -c Release -v quiet -nologo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mnist=(dotnet "$(pwd)/samples/Mnist/bin/Release/net10.0/mnist.dll" with fast data.source=synthetic threads=1 seed=1 output_dir="$work/out")
step_ms() { "$@" 2>/dev/null | sed -nE 's/.*\(([0-9.]+) ms\/step.*/\1/p'; }
for i in $(seq "$runs"); do
    echo "unobserved $(step_ms "${mnist[@]}" -u)"
    echo "recorded $(step_ms "${mnist[@]}" --store "$work/store" -b 1)"
done | awk '{ v[$1] = v[$1] " " $2; s[$1] += $2; n[$1]++ } END { for (k in s) printf "%-11s mean %.3f ms/step  runs:%s\n", k, s[k] / n[k], v[k] }'
