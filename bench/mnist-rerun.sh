#!/usr/bin/env bash
# How long `sacred rerun` of a Mnist run takes as a whole process, and which phase dominates.
# Records the run Sacred.Mnist.Tests/RerunTests records (rendered digits, 8 steps, seed 7, one thread), then:
#   1. `sacred rerun 1` under /usr/bin/time -v (wall, max RSS; the tool's own "rebuilt in / ran in" line);
#   2. the phases apart, on the materialised folder it kept (bin/obj removed): restore, then build, then the run;
#   3. the same rerun with every proxy pointing at a closed port: it must still reproduce (restore needs no network
#      once the recorded packages are in the NuGet cache).
# Usage: bench/mnist-rerun.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
root=$(pwd)
dotnet build samples/Mnist/Mnist.csproj -v quiet -nologo >/dev/null
dotnet build Sacred.Tool/Sacred.Tool.csproj -v quiet -nologo >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
sacred=(dotnet "$root/Sacred.Tool/bin/Debug/net10.0/sacred.dll")

lscpu | grep 'Model name'
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
dotnet "$root/samples/Mnist/bin/Debug/net10.0/mnist.dll" with fast data.source=synthetic steps_per_epoch=4 epochs=2 seed=7 \
    data.samples=600 print_every=1 threads=1 output_dir="$work/out" --store "$work/store" >/dev/null 2>&1

/usr/bin/time -v -o "$work/time.txt" "${sacred[@]}" rerun 1 --store "$work/store" --keep "$work/keep" >"$work/rerun.txt"
head -1 "$work/rerun.txt"
tail -n +2 "$work/rerun.txt" | grep -E '^(reproduced|diverged)'
grep -E 'Elapsed \(wall|Maximum resident' "$work/time.txt"

seconds() { awk -v s="$1" -v e="$(date +%s%N)" 'BEGIN { printf "%.1f s", (e - s) / 1e9 }'; }
cd "$work/keep/samples/Mnist"
find "$work/keep" -type d \( -name bin -o -name obj \) -prune -exec rm -rf {} +
start=$(date +%s%N); dotnet restore Mnist.csproj -nologo -v:q --disable-build-servers >/dev/null; echo "phase restore: $(seconds "$start")"
start=$(date +%s%N)
dotnet build Mnist.csproj --no-restore -nologo -v:q --disable-build-servers -clp:PerformanceSummary -f net10.0 -c Debug >"$work/build.txt"
echo "phase build:   $(seconds "$start") (bin: $(du -sh bin | cut -f1)); slowest tasks:"
sed -n '/Task Performance Summary/,$p' "$work/build.txt" | grep -E '^\s+[0-9]+ ms' | sort -rn | head -5
start=$(date +%s%N)
(cd "$work/keep/rerun-working-directory" && dotnet "$work/keep/samples/Mnist/bin/Debug/net10.0/mnist.dll" with fast data.source=synthetic \
    steps_per_epoch=4 epochs=2 seed=7 data.samples=600 print_every=1 threads=1 output_dir="$work/out" -u >/dev/null 2>&1)
echo "phase run:     $(seconds "$start")"
cd "$work"

http_proxy=http://127.0.0.1:9 https_proxy=http://127.0.0.1:9 HTTP_PROXY=http://127.0.0.1:9 HTTPS_PROXY=http://127.0.0.1:9 \
    "${sacred[@]}" rerun 1 --store "$work/store" >"$work/offline.txt" 2>&1 && echo "with no network: $(grep -E '^(reproduced|diverged)' "$work/offline.txt"); $(head -1 "$work/offline.txt")" \
    || { echo "with no network: FAILED"; cat "$work/offline.txt"; }
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
