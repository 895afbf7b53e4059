#!/usr/bin/env bash
# Packs SolarHub into a folder feed: every library under src/ as a NuGet package and the CLI as the .NET tool
# SolarHub.Cli (command: solarhub). The version is <Version> in Directory.Build.props.
#   scripts/pack.sh [out-dir] [dotnet pack arguments...]
#   scripts/pack.sh                                   -> artifacts/packages
#   scripts/pack.sh /tmp/feed -p:Version=1.0.0-rc.1   -> another folder and version
# Use the folder as a package source: dotnet tool install --global SolarHub.Cli --add-source <out-dir>, or
# dotnet add package SolarHub.Core --source <out-dir> (docs/embedding.md, "Packages").
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-artifacts/packages}
[ $# -gt 0 ] && shift
if ! command -v dotnet >/dev/null 2>&1; then
  echo "pack.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)
# Packages of an earlier run (perhaps another version) would be served beside the new ones.
rm -f "$out"/SolarHub.*.nupkg "$out"/SolarHub.*.snupkg

start=$SECONDS
# The solution packs every project that is packable: those under src/ unless they say otherwise (Directory.Build.props).
if ! dotnet pack SolarHub.sln -c Release -nologo -v q -p:PackageOutputPath="$out" "$@"; then
  echo "pack.sh: dotnet pack failed" >&2
  exit 1
fi
shopt -s nullglob
packages=("$out"/SolarHub.*.nupkg)
if [ ${#packages[@]} -eq 0 ]; then
  echo "pack.sh: no package was made in $out" >&2
  exit 1
fi
echo "pack.sh: ${#packages[@]} packages in $out ($((SECONDS - start)) s):"
for p in "${packages[@]}"; do
  printf '  %-45s %8d KiB\n' "$(basename "$p")" $(( $(stat -c %s "$p") / 1024 ))
done
