#!/usr/bin/env bash
# Runs the `sacred` command (ls, show, metrics, compare, board, sync) over the runs recorded in this folder, e.g.:
#   build/sacred.sh ls
#   build/sacred.sh show 1
# The command is published once as a Native AOT executable into .cache/sacred-tool/ (git-ignored) and reused,
# so it starts like a native tool; it is published again only when a source it is built from is newer than it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
tool="$root/.cache/sacred-tool/sacred"
stale() {
    [ ! -x "$tool" ] && return 0
    [ -n "$(find "$root/Sacred.Tool" "$root/Sacred.Runtime" "$root/Sacred.Mongo" "$root/Directory.Build.props" "$root/Directory.Packages.props" \
        \( -name bin -o -name obj \) -prune -o -type f -newer "$tool" -print -quit)" ]
}
if stale; then
    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
    echo "building the sacred command (Native AOT, once; about a minute) ..." >&2
    out=$(mktemp)
    if ! dotnet publish "$root/Sacred.Tool/Sacred.Tool.csproj" -c Release -r linux-x64 \
        -o "$root/.cache/sacred-tool" -warnaserror -nologo -v quiet >"$out" 2>&1; then
        cat "$out" >&2
        rm -f "$out"
        exit 1
    fi
    rm -f "$out"
    touch "$tool"
fi
exec "$tool" "$@"
