#!/usr/bin/env bash
# Runs the `sacred` command (ls, show, metrics, compare, board) over the runs recorded in this folder, e.g.:
#   build/sacred.sh ls
#   build/sacred.sh show 1
set -euo pipefail
here=$(pwd)
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet build Sacred.Tool/Sacred.Tool.csproj -c Release -v quiet -nologo >/dev/null
cd "$here"
exec dotnet "$(dirname "$0")/../Sacred.Tool/bin/Release/net10.0/sacred.dll" "$@"
