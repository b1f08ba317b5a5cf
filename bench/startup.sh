#!/usr/bin/env bash
# Start-to-exit time of whole processes: QuickStart's Native AOT binary (and, without a second argument, the same
# program under the JIT). Prints min / median / p90 over N runs (default 50) after one warm-up run each.
# Recorded runs go into the default store (./sacred_runs of the working directory, here a fresh temporary one),
# as a user's do; the experiment's git state is read from this repository.
# Usage: bench/startup.sh [N] [OTHER_AOT_BINARY]
#   With OTHER_AOT_BINARY (e.g. a build of an older commit), the AOT rows run both binaries alternately, run by
#   run, into separate stores ("A" = publish/quickstart/quickstart, "B" = the other): an A/B on a noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
other=${2:-}
[ -x publish/quickstart/quickstart ] || bash build/publish.sh quickstart >/dev/null
aot=$PWD/publish/quickstart/quickstart
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lscpu | grep 'Model name' || true

# measure LABEL DIR CMD... : runs CMD in DIR (its default store is DIR/sacred_runs).
declare -A samples
run_once() {
    local key=$1 dir=$2; shift 2
    local start end
    start=$(date +%s%N)
    (cd "$dir" && "$@" >/dev/null 2>&1)
    end=$(date +%s%N)
    samples[$key]+="$(( (end - start) / 1000 )) "
}
report() {
    local label=$1 key=$2
    printf '%s\n' ${samples[$key]} | sort -n | awk -v label="$label" -v load="$(cut -d' ' -f1 /proc/loadavg)" '
        { t[NR] = $1 }
        END { printf "%-52s min %6.1f ms  median %6.1f ms  p90 %6.1f ms  (n=%d, load %s)\n", label, t[1] / 1000, t[int((NR + 1) / 2)] / 1000, t[int(NR * 0.9)] / 1000, NR, load }'
}
# case LABEL ARGS... : the AOT binary (and the other one, alternating) with ARGS, each in its own directory.
case_aot() {
    local label=$1; shift
    local binaries=("A:$aot")
    [ -n "$other" ] && binaries+=("B:$other")
    for b in "${binaries[@]}"; do
        mkdir -p "$work/${b%%:*}-$label"
        run_once warm "$work/${b%%:*}-$label" "${b#*:}" "$@"
    done
    for _ in $(seq "$runs"); do
        for b in "${binaries[@]}"; do
            run_once "${b%%:*}-$label" "$work/${b%%:*}-$label" "${b#*:}" "$@"
        done
    done
    for b in "${binaries[@]}"; do
        report "${b%%:*} AOT quickstart $label" "${b%%:*}-$label"
    done
}

case_aot "print_config" print_config with fast
case_aot "trivial run, recorded" with steps=1 samples=8
case_aot "trivial run, -u" with steps=1 samples=8 -u
case_aot "with fast (300 steps), recorded" with fast seed=1
if [ -z "$other" ]; then
    dotnet build samples/QuickStart/QuickStart.csproj -c Release -v quiet -nologo >/dev/null
    jit=(dotnet "$PWD/samples/QuickStart/bin/Release/net10.0/quickstart.dll")
    mkdir -p "$work/jit"
    run_once warm "$work/jit" "${jit[@]}" print_config with fast
    for _ in $(seq "$runs"); do run_once jit-print "$work/jit" "${jit[@]}" print_config with fast; done
    report "JIT dotnet quickstart.dll print_config" jit-print
    for _ in $(seq "$runs"); do run_once jit-run "$work/jit" "${jit[@]}" with steps=1 samples=8; done
    report "JIT dotnet quickstart.dll trivial run, recorded" jit-run
fi
