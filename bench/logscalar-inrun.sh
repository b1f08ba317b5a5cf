#!/usr/bin/env bash
# LogScalar as a user's training loop meets it: a real recorded run (tests/fixtures/RecorderProbe `time`, Release,
# recorded into a fresh store, the writer running) logs POINTS points in batches of 1000 calls, each batch timed
# with a Stopwatch; the probe prints the median / p90 / p99 per-call cost over the batches, the mean over the whole
# loop, and how many batches took 1 ms or more (a wait for the writer, a GC, the scheduler). Also /usr/bin/time -v's
# peak RSS of the whole process. Each case ROUNDS times, alternating, recorded and -u; tight and paced loops.
# Usage: bench/logscalar-inrun.sh [POINTS] [ROUNDS] [PAUSE_US] [OTHER_PROBE]   (defaults 20000000 3 100)
#   OTHER_PROBE: another build of recorderprobe (e.g. an older commit's, with this `time` command) run alternately
#   with this one ("A" this build, "B" the other): an A/B on a noisy machine.
set -euo pipefail
cd "$(dirname "$0")/.."
points=${1:-20000000}
rounds=${2:-3}
pause=${3:-100}
other=${4:-}
dotnet build tests/fixtures/RecorderProbe/RecorderProbe.csproj -c Release -v quiet -nologo >/dev/null
probes=("A:tests/fixtures/RecorderProbe/bin/Release/net10.0/recorderprobe")
[ -n "$other" ] && probes+=("B:$other")
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
lscpu | grep 'Model name' || true
run() {
    local label=$1 probe=$2; shift 2
    local out
    out=$(/usr/bin/time -v "$probe" "$@" 2>&1)
    printf '%-34s %s | max RSS %s MiB | load %s\n' "$label" \
        "$(grep -m1 '^per call' <<<"$out")" \
        "$(( $(awk '/Maximum resident/ { print $6 }' <<<"$out") / 1024 ))" \
        "$(cut -d' ' -f1 /proc/loadavg)"
}
for round in $(seq "$rounds"); do
    for p in "${probes[@]}"; do
        rm -rf "${store:?}"/*
        k=${p%%:*} probe=${p#*:}
        run "$k tight, recorded" "$probe" time with points="$points" --store "$store/tight"
        run "$k tight, -u" "$probe" time with points="$points" -u
        # A paced loop: batches of 1000 points with PAUSE_US of work between them (10 M points/s at 100 us).
        run "$k paced ${pause} us/1000, recorded" "$probe" time with points="$((points / 10))" pause_us="$pause" --store "$store/paced"
        run "$k paced ${pause} us/1000, -u" "$probe" time with points="$((points / 10))" pause_us="$pause" -u
    done
done
