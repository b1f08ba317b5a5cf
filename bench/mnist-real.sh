#!/usr/bin/env bash
# Mnist on the 10,000 real MNIST digits of build/mnist-data.sh: the sample's defaults and `with full`, each run a
# whole recorded process under /usr/bin/time -v. One line per run: best validation accuracy, wall and CPU time,
# peak memory, ms/step, and the load average around it (the figures mean little on a loaded machine).
# Usage: bench/mnist-real.sh [SEEDS] [extra updates...]     e.g. bench/mnist-real.sh "1 2 3" threads=1
set -euo pipefail
cd "$(dirname "$0")/.."
seeds=${1:-1}
shift || true
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
bash build/mnist-data.sh >/dev/null
dotnet build samples/Mnist/Mnist.csproj -c Release -v quiet -nologo >/dev/null
root=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "$(lscpu | sed -nE 's/^Model name: +//p'), $(nproc) CPUs; updates: ${*:-none}"
for config in defaults full; do
    named=()
    [ "$config" = defaults ] || named=("$config")
    for seed in $seeds; do
        before=$(cut -d' ' -f1 /proc/loadavg)
        /usr/bin/time -v -o "$work/time" dotnet "$root/samples/Mnist/bin/Release/net10.0/mnist.dll" \
            with "${named[@]}" seed="$seed" data.dir="$root/.cache/mnist" output_dir="$work/runs" "$@" \
            --store "$work/store" >"$work/out" 2>&1
        after=$(cut -d' ' -f1 /proc/loadavg)
        accuracy=$(sed -nE 's/.*best validation accuracy ([0-9.]+%).*/\1/p' "$work/out")
        step=$(sed -nE 's/.*\(([0-9.]+ ms\/step).*/\1/p' "$work/out")
        wall=$(sed -nE 's/.*Elapsed \(wall clock\) time .*: //p' "$work/time")
        user=$(sed -nE 's/.*User time \(seconds\): //p' "$work/time")
        system=$(sed -nE 's/.*System time \(seconds\): //p' "$work/time")
        rss=$(sed -nE 's/.*Maximum resident set size \(kbytes\): //p' "$work/time")
        printf "%-8s seed %-3s accuracy %-7s wall %-8s user %6ss sys %5ss  max RSS %4d MiB  %s  load %s -> %s\n" \
            "$config" "$seed" "$accuracy" "$wall" "$user" "$system" "$((rss / 1024))" "$step" "$before" "$after"
    done
done
