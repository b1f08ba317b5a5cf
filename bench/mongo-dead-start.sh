#!/usr/bin/env bash
# What an unreachable MongoDB costs a run (issue 14 gap (d)): the MongoProbe fixture (JIT), a trivial run with and
# without `-m` at a loopback port nothing listens on, each under /usr/bin/time -v. Prints wall time, CPU time and the
# maximum resident set per run. A refused port is known at once (MongoServerProbe); before it, the observer waited for
# server selection (5 s by default) at the run's start.
# Usage: bench/mongo-dead-start.sh [N]   (after: dotnet build tests/fixtures/MongoProbe)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
probe=$PWD/tests/fixtures/MongoProbe/bin/Debug/net10.0/mongoprobe.dll
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
lscpu | grep 'Model name' || true
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
measure() {
    local label=$1; shift
    for i in $(seq "$runs"); do
        /usr/bin/time -v dotnet "$probe" "$@" --store "$work/store" >/dev/null 2>"$work/time.txt" || true
        printf '%-14s run %s: wall %s, user %s s, sys %s s, max RSS %s KB\n' "$label" "$i" \
            "$(grep 'Elapsed (wall' "$work/time.txt" | awk '{print $NF}')" \
            "$(grep 'User time' "$work/time.txt" | awk '{print $NF}')" \
            "$(grep 'System time' "$work/time.txt" | awk '{print $NF}')" \
            "$(grep 'Maximum resident' "$work/time.txt" | awk '{print $NF}')"
    done
}
measure "no -m" with points=3
measure "-m dead port" with points=3 -m "mongodb://127.0.0.1:$port/lab"
