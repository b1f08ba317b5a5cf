#!/usr/bin/env bash
# Publishes the samples as self-contained Native AOT executables into publish/<sample>/.
# Usage: build/publish.sh [quickstart|mnist]...   (default: both)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
samples=("$@")
[ "${#samples[@]}" -gt 0 ] || samples=(quickstart mnist)
for sample in "${samples[@]}"; do
    case "$sample" in
        quickstart)
            dotnet publish samples/QuickStart/QuickStart.csproj -c Release -r linux-x64 -o publish/quickstart -warnaserror
            echo "published: publish/quickstart/quickstart" ;;
        mnist)
            # The binary plus libtorch's shared libraries (~510 MB), which must stay beside it.
            dotnet publish samples/Mnist/Mnist.csproj -c Release -r linux-x64 -o publish/mnist -warnaserror
            echo "published: publish/mnist/mnist" ;;
        *)
            echo "error: unknown sample '$sample'; valid: quickstart, mnist" >&2
            exit 2 ;;
    esac
done
