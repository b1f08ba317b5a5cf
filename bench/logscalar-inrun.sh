#!/usr/bin/env bash
# LogScalar as a user's training loop meets it: a real recorded run (tests/fixtures/RecorderProbe `time`, Release,
# recorded into a fresh store, the writer running) logs POINTS points in batches of 1000 calls, each batch timed
# with a Stopwatch; the probe prints the median / p90 / p99 per-call cost over the batches, the mean over the whole
# loop, and how many batches took 1 ms or more (a wait for the writer, a GC, the scheduler). Also /usr/bin/time -v's
# peak RSS of the whole process. Each case ROUNDS times, alternating, recorded and -u; tight and paced loops.
# Usage: bench/logscalar-inrun.sh [POINTS] [ROUNDS] [PAUSE_US]   (defaults 20000000 3 100)
set -euo pipefail
cd "$(dirname "$0")/.."
points=${1:-20000000}
rounds=${2:-3}
pause=${3:-100}
dotnet build tests/fixtures/RecorderProbe/RecorderProbe.csproj -c Release -v quiet -nologo >/dev/null
probe=tests/fixtures/RecorderProbe/bin/Release/net10.0/recorderprobe
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
lscpu | grep 'Model name' || true
run() {
    local label=$1; shift
    local out
    out=$(/usr/bin/time -v "$probe" "$@" 2>&1)
    printf '%-34s %s | max RSS %s MiB | load %s\n' "$label" \
        "$(grep -m1 '^per call' <<<"$out")" \
        "$(( $(awk '/Maximum resident/ { print $6 }' <<<"$out") / 1024 ))" \
        "$(cut -d' ' -f1 /proc/loadavg)"
}
for round in $(seq "$rounds"); do
    rm -rf "$store"/*
    run "tight, recorded" time with points="$points" --store "$store/tight"
    run "tight, -u" time with points="$points" -u
    # A paced loop: batches of 1000 points with PAUSE_US of work between them (10 M points/s at 100 us).
    run "paced ${pause} us/1000, recorded" time with points="$((points / 10))" pause_us="$pause" --store "$store/paced"
    run "paced ${pause} us/1000, -u" time with points="$((points / 10))" pause_us="$pause" -u
done
