#!/usr/bin/env bash
# Proves the board is Native AOT clean: publishes the sacred command (which hosts Sacred.Board) with
# Native AOT (PublishAot in Sacred.Tool.csproj; a global -p:PublishAot=true would reach the netstandard2.0
# generator and fail) and warnings as errors, records a QuickStart run into a scratch store, serves it with the
# native binary and asks its API for the runs (a query with a regular expression included).
# Usage: build/board-aot.sh        (takes a few minutes: the AOT compile of ASP.NET Core)
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
scratch=$(mktemp -d)
board=""
cleanup() {
    [ -n "$board" ] && kill "$board" 2>/dev/null || true
    rm -rf "$scratch"
}
trap cleanup EXIT

dotnet publish Sacred.Tool/Sacred.Tool.csproj -c Release -r linux-x64 -warnaserror \
    --artifacts-path "$scratch/artifacts" -o publish/sacred -nologo | tee "$scratch/publish.log" | grep -E "warning|error|->" || true
# The MongoDB driver's assemblies are not annotated for trimming (IL2104/IL3053, one line each; README: Recording to
# MongoDB); any other warning fails.
if grep -E "warning [A-Z]+[0-9]+" "$scratch/publish.log" | grep -vqE "MongoDB\.(Bson|Driver)\.dll : warning IL(2104|3053)"; then
    echo "FAILED: the AOT publish has warnings"
    exit 1
fi
ls -l publish/sacred/sacred

dotnet build samples/QuickStart/QuickStart.csproj -c Release -v quiet -nologo >/dev/null
dotnet samples/QuickStart/bin/Release/net10.0/quickstart.dll with fast --store "$scratch/store" >/dev/null 2>&1
dotnet samples/QuickStart/bin/Release/net10.0/quickstart.dll with fast learning_rate=0.5 -q --store "$scratch/store" >/dev/null 2>&1

publish/sacred/sacred board --store "$scratch/store" --port 0 >"$scratch/board.out" 2>&1 &
board=$!
for _ in $(seq 1 100); do
    url=$(grep -oE "http://127\.0\.0\.1:[0-9]+/" "$scratch/board.out" | head -1 || true)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { cat "$scratch/board.out"; echo "FAILED: the native board printed no address"; exit 1; }
echo "native board at $url"
count=$(curl -sf "${url}api/runs/count?q=experiment%20~%20%22%5Equick%22")
page=$(curl -sf "${url}api/runs?q=status%20%3D%20COMPLETED%20OR%20duration%20%3E%202h&col=config.learning_rate")
html=$(curl -sf "$url")
echo "count: $count"
echo "$page" | head -c 300; echo
[ "$count" = '{"count":2}' ] || { echo "FAILED: expected two runs"; exit 1; }
compare=$(curl -sf "${url}api/compare?ids=1,2")
echo "$compare" | grep -q '"key":"learning_rate"' || { echo "$compare" | head -c 300; echo "FAILED: the comparison lacks learning_rate"; exit 1; }
events=$(curl -sN --max-time 2 "${url}api/events" || true)
echo "$events" | grep -q '^event: hello' || { echo "$events"; echo "FAILED: no server-sent hello"; exit 1; }
curl -sf "${url}api/runs/1/tensorboard" >/dev/null || { echo "FAILED: the TensorBoard endpoint"; exit 1; }
echo "compare, events and TensorBoard endpoints answer from the native binary"
echo "$html" | grep -q '<div id="app">' || { echo "FAILED: the page is not served"; exit 1; }
kill -TERM "$board"  # a background job of a script ignores SIGINT; the board stops on SIGTERM as on Ctrl-C
wait "$board"
board=""
echo "OK: AOT publish without warnings (beyond the MongoDB driver's known IL2104/IL3053); the native board serves the store"
