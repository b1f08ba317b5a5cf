#!/usr/bin/env bash
# Publishes the samples as self-contained Native AOT executables into publish/<sample>/.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
dotnet publish samples/QuickStart/QuickStart.csproj -c Release -r linux-x64 -o publish/quickstart -warnaserror
echo "published: publish/quickstart/quickstart"
# The binary plus libtorch's shared libraries (~510 MB), which must stay beside it.
dotnet publish samples/Mnist/Mnist.csproj -c Release -r linux-x64 -o publish/mnist -warnaserror
echo "published: publish/mnist/mnist"
