#!/usr/bin/env bash
# Proves that SolarHub's packages work for someone outside this repository (CI runs it; docs/embedding.md, "Packages"):
#   1. packs everything into a folder feed (scripts/pack.sh);
#   2. installs the solarhub .NET tool from that feed into a temporary tool path and runs it (--help, --version, decode);
#   3. copies samples/SolarHub.EmbeddingSample out of the repository (no Directory.Build.props, no central versions, no
#      project references can reach it there), builds it against the packages from the feed and runs it: its own actor
#      receives telemetry and a failover, and its hosted service gets a bank's snapshot.
# Quiet when it passes (one line per step); on a failure it prints the failing step's log and exits non-zero.
#   scripts/package-check.sh            KEEP=1 keeps the temporary folder for a look afterwards
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD

if ! command -v dotnet >/dev/null 2>&1; then
  echo "package-check: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/solarhub-package-check.XXXXXX")
if [ "${KEEP:-0}" = 1 ]; then
  trap 'echo "package-check: kept $work"' EXIT
else
  trap 'rm -rf "$work"' EXIT
fi
feed=$work/feed
log=$work/step.log

# Runs one step with its output in $log; prints "package-check: <what> (N s)" or the log and fails.
step() {
  local what=$1 start=$SECONDS
  shift
  if "$@" >"$log" 2>&1; then
    echo "package-check: $what ($((SECONDS - start)) s)"
  else
    local status=$?
    echo "package-check: FAILED: $what (exit $status); its output:" >&2
    tail -n 80 "$log" >&2
    exit 1
  fi
}
fail() { echo "package-check: FAILED: $*" >&2; [ -f "$log" ] && tail -n 80 "$log" >&2; exit 1; }

version=$(dotnet msbuild src/SolarHub.Protocol.Jk/SolarHub.Protocol.Jk.csproj -nologo -getProperty:Version)
# The NuGet cache keeps a package by id and version for good: a copy from an earlier pack of this same version would
# hide what this pack made. Only SolarHub's own packages of this version are dropped from it.
cache=$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: //p')
[ -n "$cache" ] && rm -rf "$cache"/solarhub.*/"$version"

step "packed $version into a folder feed" scripts/pack.sh "$feed"
ls "$feed"/SolarHub.Cli."$version".nupkg "$feed"/SolarHub.Core."$version".nupkg >/dev/null || fail "the feed lacks SolarHub.Cli or SolarHub.Core $version"

# The tool, as a user installs it (--global puts it in ~/.dotnet/tools; --tool-path is the same without touching it).
# From outside the repository, so that only the user's NuGet settings and the feed are seen.
cd "$work"
step "installed the SolarHub.Cli tool from the feed" \
  dotnet tool install SolarHub.Cli --version "$version" --tool-path "$work/tools" --add-source "$feed"
solarhub=$work/tools/solarhub
step "solarhub --help" "$solarhub" --help
grep -q "decode" "$log" || fail "solarhub --help does not list the decode verb"
step "solarhub --version" "$solarhub" --version
grep -q "^$version" "$log" || fail "solarhub --version does not start with $version"
frame=$(awk -F'\t' '!/^#/ && $3 == "jk02-type02" && $5 == "JK02_32S" { print $6; exit }' "$repo/tests/SolarHub.Protocol.Jk.Tests/Data/frames.tsv")
[ -n "$frame" ] || fail "no JK02_32S cell-info frame in tests/SolarHub.Protocol.Jk.Tests/Data/frames.tsv"
step "solarhub decode <a real cell-info frame>" "$solarhub" decode "$frame" --format table
grep -q "cellInfo.*JK02_32S.*decoded" "$log" || fail "solarhub decode did not decode the frame"

# The embedding sample as an application of its own: a copy outside the repository, with a NuGet.config of its own
# (the repository's sources: the registry this machine reaches) and the feed added by -p:SolarHubPackages.
app=$work/app
mkdir -p "$app"
cp -r "$repo/samples/SolarHub.EmbeddingSample" "$app/"
rm -rf "$app/SolarHub.EmbeddingSample/bin" "$app/SolarHub.EmbeddingSample/obj"
cp "$repo/NuGet.config" "$app/NuGet.config"
project=$app/SolarHub.EmbeddingSample/SolarHub.EmbeddingSample.csproj
imports=$(dotnet msbuild "$project" -nologo -getProperty:DirectoryBuildPropsPath -getProperty:DirectoryPackagesPropsPath -p:SolarHubPackages="$feed")
grep -q '"[^"]*\.props"' <<<"$imports" && fail "the copied sample still sees $imports"
step "built the embedding sample against the packages" \
  dotnet build "$project" -c Release -nologo -v q -p:SolarHubPackages="$feed" -p:SolarHubVersion="$version"
assets=$app/SolarHub.EmbeddingSample/obj/project.assets.json
for id in SolarHub.Core SolarHub.Simulator SolarHub.Configuration SolarHub.Protocol.Jk; do
  grep -q "\"$id/$version\": {" "$assets" || fail "$id $version is not among the sample's restored packages"
done
grep -q '"type": "project"' "$assets" && fail "the sample was restored with a project reference"

dll=$app/SolarHub.EmbeddingSample/bin/Release/net10.0/SolarHub.EmbeddingSample.dll
step "ran the embedding sample (16 s, the primary gateway silenced after 6 s)" \
  timeout 90 dotnet "$dll" --duration 00:00:16 --silence-primary-after 00:00:06
for line in "pack telemetry: plant-bank pack 1 fresh via primary" \
            "bank telemetry: plant-bank Healthy active=primary packs 3/3 fresh" \
            "FAILOVER: plant-bank primary -> secondary" \
            "snapshot: plant-bank"; do
  grep -qF "$line" "$log" || fail "the sample did not print '$line'"
done
# The whole node (SolarHub.Node) in an application of its own, built the same way: it must answer /health and /api/banks.
cp -r "$repo/samples/SolarHub.NodeSample" "$app/"
rm -rf "$app/SolarHub.NodeSample/bin" "$app/SolarHub.NodeSample/obj"
node_project=$app/SolarHub.NodeSample/SolarHub.NodeSample.csproj
step "built the node sample against the packages" \
  dotnet build "$node_project" -c Release -nologo -v q -p:SolarHubPackages="$feed" -p:SolarHubVersion="$version"
node_assets=$app/SolarHub.NodeSample/obj/project.assets.json
for id in SolarHub.Node SolarHub.Dashboard SolarHub.Database SolarHub.ConfigStore SolarHub.History SolarHub.Mqtt SolarHub.Core; do
  grep -q "\"$id/$version\": {" "$node_assets" || fail "$id $version is not among the node sample's restored packages"
done
node_log=$work/node.log
timeout 60 dotnet "$app/SolarHub.NodeSample/bin/Release/net10.0/SolarHub.NodeSample.dll" \
  --database "$work/node/solarhub.db" --urls http://127.0.0.1:0 >"$node_log" 2>&1 &
node_pid=$!
address=
for _ in $(seq 1 120); do
  address=$(sed -n 's/.*Now listening on: \(http:[^ ]*\).*/\1/p' "$node_log" | head -n 1)
  [ -n "$address" ] && curl -sf "$address/health" >"$log" 2>&1 && break
  kill -0 "$node_pid" 2>/dev/null || { cp "$node_log" "$log"; fail "the node sample stopped before it answered /health"; }
  sleep 0.5
done
grep -q '"status": "Healthy"' "$log" || { kill "$node_pid" 2>/dev/null; cp "$node_log" "$log"; fail "the node sample's /health did not say Healthy"; }
curl -sf "$address/api/banks" >"$log" 2>&1 || { kill "$node_pid" 2>/dev/null; fail "the node sample did not answer /api/banks"; }
# The dashboard comes in the package (embedded): the page and the script it names.
curl -sf "$address/" >"$log" 2>&1 || { kill "$node_pid" 2>/dev/null; fail "the node sample did not serve the dashboard at /"; }
script=$(sed -n 's/.*src="\(assets\/app-[^"]*\.js\)".*/\1/p' "$log" | head -n 1)
[ -n "$script" ] && curl -sf "$address/$script" -o /dev/null || { kill "$node_pid" 2>/dev/null; fail "the node sample did not serve the dashboard's script ($script)"; }
kill "$node_pid" 2>/dev/null; wait "$node_pid" 2>/dev/null || true
echo "package-check: ran the node sample: /health Healthy, /api/banks and the dashboard answered at $address"

echo "package-check: passed: the tool, the embedding sample and the node sample work from the packages in a folder feed"
