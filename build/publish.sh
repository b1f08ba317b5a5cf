#!/usr/bin/env bash
# Publishes the samples as self-contained Native AOT executables into publish/<sample>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish samples/QuickStart/QuickStart.csproj -c Release -r linux-x64 -o publish/quickstart -warnaserror
echo "published: publish/quickstart/quickstart"
