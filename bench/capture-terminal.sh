#!/usr/bin/env bash
# What capturing through a pseudo-terminal costs against pipes: a run that prints N lines (Console.WriteLine, 66
# characters) with stdout and stderr a pipe (read by cat) or a terminal (`script`'s pseudo-terminal, as a terminal
# window), recorded into a fresh embedded store, or unobserved (-u: no capture at all) for the floor.
# Whole processes under /usr/bin/time; prints the median wall time, CPU (user+sys) and peak RSS of R runs each.
set -euo pipefail
cd "$(dirname "$0")/.."
lines=${1:-100000}
runs=${2:-5}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build tests/fixtures/CaptureProbe/CaptureProbe.csproj -c Release -v quiet -nologo >/dev/null
probe="$(pwd)/tests/fixtures/CaptureProbe/bin/Release/net10.0/captureprobe.dll"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
measure() { # name, then "pipe" or "terminal", then the probe's options
    local name=$1 where=$2; shift 2
    rm -rf "$work/store"
    local run="/usr/bin/time -f '%e %U %S %M' -o $work/time dotnet $probe print with lines=$lines --store $work/store $*"
    if [ "$where" = pipe ]; then
        sh -c "$run" 2>&1 | cat >/dev/null
    else
        script -q -c "stty rows 50 cols 200; $run" /dev/null </dev/null >/dev/null
    fi
    echo "$name $(cat "$work/time")"
}
for i in $(seq "$runs"); do
    measure "pipe,unobserved" pipe -u
    measure "pipe,recorded" pipe
    measure "terminal,unobserved" terminal -u
    measure "terminal,recorded" terminal
done | awk '
    { wall[$1] = wall[$1] " " $2; cpu[$1] = cpu[$1] " " ($3 + $4); rss[$1] = rss[$1] " " $5 }
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] + 0 < a[i] + 0) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        for (k in wall) printf "%-22s %10.2f %10.2f %10.0f\n", k, median(wall[k]), median(cpu[k]), median(rss[k]) / 1024
    }' | sort | { printf "%-22s %10s %10s %10s\n" what "wall s" "cpu s" "rss MiB"; cat; }
