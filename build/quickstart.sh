#!/usr/bin/env bash
# Runs the QuickStart sample experiment. Extra arguments go to the experiment, e.g.:
#   build/quickstart.sh print_config with fast
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
if [ "$#" -eq 0 ]; then
    set -- with fast
fi
dotnet build samples/QuickStart/QuickStart.csproj -c Release -v quiet -nologo >/dev/null
exec dotnet samples/QuickStart/bin/Release/net10.0/quickstart.dll "$@"
