#!/usr/bin/env bash
# Packs every package, one version for all (Directory.Build.props), deterministic (ContinuousIntegrationBuild):
#   Sacred            the runtime + the generator as an analyzer + the targets that pick up JSON config files
#   Sacred.Tool       the `sacred` command as a .NET tool: a pointer package and the Native AOT linux-x64 package
#   Sacred.Templates  `dotnet new sacred`
# Usage: build/pack.sh [OUTPUT_DIR]   (default: artifacts/packages); SACRED_VERSION=X.Y.Z overrides the version.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$(realpath -m "${1:-$root/artifacts/packages}")
mkdir -p "$out"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 SACRED_PACK=1
version_arg=()
if [ -n "${SACRED_VERSION:-}" ]; then
    version_arg=("-p:Version=$SACRED_VERSION")
fi
pack() {
    local log
    log=$(mktemp)
    if ! dotnet pack "$@" "${version_arg[@]}" -c Release -o "$out" -nologo >"$log" 2>&1; then
        grep -E "error|warning" "$log" | sort -u | head -40 >&2
        echo "pack failed: dotnet pack $*" >&2
        rm -f "$log"
        exit 1
    fi
    rm -f "$log"
}
pack "$root/Sacred.Runtime/Sacred.Runtime.csproj"
pack "$root/Sacred.Tool/Sacred.Tool.csproj"
pack "$root/Sacred.Tool/Sacred.Tool.csproj" -r linux-x64
pack "$root/templates/Sacred.Templates/Sacred.Templates.csproj"
ls -1 "$out"
