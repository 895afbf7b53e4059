#!/usr/bin/env bash
# Publishes the solarhub CLI as one self-contained executable for a Linux machine without .NET
# (docs/running.md, "Publishing"):
#   scripts/publish.sh linux-arm64                -> artifacts/publish/linux-arm64/solarhub   (Raspberry Pi 3/4/5, 64-bit OS)
#   scripts/publish.sh linux-x64 [out-dir] [dotnet publish arguments...]
# Self-contained (the .NET and ASP.NET Core runtimes inside), single file: the native libraries (SQLite's e_sqlite3,
# System.IO.Ports') are inside too and are extracted on first start (to $DOTNET_BUNDLE_EXTRACT_BASE_DIR, by default
# ~/.net/solarhub/); the symbols are embedded, so stack traces keep their line numbers.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [[ $1 == -* ]]; then
  echo "usage: scripts/publish.sh <runtime identifier: linux-x64 | linux-arm64 | ...> [out-dir] [dotnet publish arguments...]" >&2
  exit 2
fi
rid=$1
shift
out=artifacts/publish/$rid
if [ $# -gt 0 ] && [[ $1 != -* ]]; then
  out=$1
  shift
fi
if ! command -v dotnet >/dev/null 2>&1; then
  echo "publish.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
rm -rf "$out"
start=$SECONDS
if ! dotnet publish src/SolarHub.Cli/SolarHub.Cli.csproj -c Release -r "$rid" --self-contained -nologo -v q -o "$out" \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded "$@"; then
  echo "publish.sh: dotnet publish for $rid failed" >&2
  exit 1
fi
[ -x "$out/solarhub" ] || { echo "publish.sh: $out/solarhub was not made" >&2; exit 1; }
echo "publish.sh: $out/solarhub ($rid, $(( $(stat -c %s "$out/solarhub") / 1024 / 1024 )) MiB, $((SECONDS - start)) s)"
