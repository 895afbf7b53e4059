#!/usr/bin/env bash
# Publishes the solarhub CLI as one self-contained executable for a Linux machine without .NET
# (docs/running.md, "Publishing"):
#   scripts/publish.sh linux-arm64                -> artifacts/publish/linux-arm64/solarhub   (Raspberry Pi 3/4/5, 64-bit OS)
#   scripts/publish.sh linux-x64 [out-dir] [--no-trim] [dotnet publish arguments...]
# Self-contained (the .NET and ASP.NET Core runtimes inside), single file: the native libraries (SQLite's e_sqlite3,
# System.IO.Ports') are inside too and are extracted on first start (to $DOTNET_BUNDLE_EXTRACT_BASE_DIR, by default
# ~/.net/solarhub/); the symbols are embedded, so stack traces keep their line numbers. Our assemblies and the packages'
# are compiled ahead of time (ReadyToRun, not composite: the framework's own are already), which takes the JIT off the
# start: a node's first fresh data costs about 40 % less CPU (docs/benchmarks.md, issue 15). -p:PublishReadyToRun=false
# leaves it out.
# The .NET and ASP.NET Core framework inside is trimmed to what the node reaches: about 14 MiB less resident memory, which
# a small board feels first (docs/running.md, "On a Raspberry Pi"). scripts/test-published.sh runs the CLI's tests
# against the file.
#   scripts/publish.sh linux-arm64 --no-trim       -> the framework whole, as before issue 15 (158 MiB for linux-x64)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || [[ $1 == -* ]]; then
  echo "usage: scripts/publish.sh <runtime identifier: linux-x64 | linux-arm64 | ...> [out-dir] [--no-trim] [dotnet publish arguments...]" >&2
  exit 2
fi
rid=$1
shift
out=artifacts/publish/$rid
if [ $# -gt 0 ] && [[ $1 != -* ]]; then
  out=$1
  shift
fi
# Trimming: the .NET and ASP.NET Core assemblies keep only what is reached (partial trimming: ours and the packages' stay
# whole). linq2db reaches PostgreSQL's driver and ADO.NET's base classes by name, so those stay whole too (the csproj's
# TrimmerRootAssembly); System.Text.Json keeps its reflection, which the configuration and the API use. --trim, the
# default since, is still accepted.
args=()
trim=yes
for arg in "$@"; do
  case "$arg" in
    --trim) trim=yes ;;
    --no-trim) trim=no ;;
    *) args+=("$arg") ;;
  esac
done
framework=", framework whole"
if [ $trim = yes ]; then
  args+=(-p:PublishTrimmed=true -p:TrimMode=partial -p:SuppressTrimAnalysisWarnings=true -p:JsonSerializerIsReflectionEnabledByDefault=true)
  framework=", trimmed"
fi
set -- ${args[@]+"${args[@]}"}
if ! command -v dotnet >/dev/null 2>&1; then
  echo "publish.sh: the .NET 10 SDK is required (dotnet not found on PATH)" >&2
  exit 1
fi
rm -rf "$out"
start=$SECONDS
if ! dotnet publish src/SolarHub.Cli/SolarHub.Cli.csproj -c Release -r "$rid" --self-contained -nologo -v q -o "$out" \
    --artifacts-path artifacts/publish-build \
    -p:PublishSingleFile=true -p:IncludeNativeLibrariesForSelfExtract=true -p:DebugType=embedded \
    -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=false "$@"; then
  echo "publish.sh: dotnet publish for $rid failed" >&2
  exit 1
fi
exe=$out/solarhub
[ -x "$exe" ] || { echo "publish.sh: $exe was not made" >&2; exit 1; }
seconds=$((SECONDS - start))

# Check what was made: the ELF machine of the executable (bytes 18-19) is the one asked for; on a machine of that
# kind, it runs too: --help, a decode, and the stored configuration in a new SQLite file (the bundled native e_sqlite3).
machine=$(od -An -tu2 -j18 -N2 "$exe" | tr -d ' ')
case "$rid" in
  *-x64) want=62 ;;     # x86-64
  *-arm64) want=183 ;;  # aarch64
  *-arm) want=40 ;;     # 32-bit ARM
  *) want=$machine ;;
esac
if [ "$machine" != "$want" ]; then
  echo "publish.sh: $exe is an ELF for machine $machine, not $want ($rid)" >&2
  exit 1
fi
host=$(uname -m)
if { [ "$host" = x86_64 ] && [ "$want" = 62 ]; } || { [ "$host" = aarch64 ] && [ "$want" = 183 ]; }; then
  check=$(mktemp -d)
  trap 'rm -rf "$check"' EXIT
  frame=$(awk -F'\t' '!/^#/ && $3 == "jk02-type02" && $5 == "JK02_32S" { print $6; exit }' tests/SolarHub.Protocol.Jk.Tests/Data/frames.tsv)
  "$exe" --help >"$check/out" 2>&1 || { cat "$check/out" >&2; echo "publish.sh: $exe --help failed" >&2; exit 1; }
  "$exe" decode "$frame" --format table >"$check/out" 2>&1 && grep -q "decoded" "$check/out" ||
    { cat "$check/out" >&2; echo "publish.sh: $exe decode failed" >&2; exit 1; }
  # SQLite's native library must load from the single file: store a bank, then read it back.
  "$exe" config bank add smoke --packs 1 --tcp 127.0.0.1:8899 --database "$check/solarhub.db" >"$check/out" 2>&1 ||
    { cat "$check/out" >&2; echo "publish.sh: $exe config bank add (SQLite) failed" >&2; exit 1; }
  "$exe" config show --database "$check/solarhub.db" >"$check/out" 2>&1 && grep -q "smoke" "$check/out" ||
    { cat "$check/out" >&2; echo "publish.sh: $exe config show (SQLite) failed" >&2; exit 1; }
  # The node itself: the demo's bank on its own database (store, history, API), healthy with every pack fresh.
  "$exe" run --database "$check/demo.db" --urls http://127.0.0.1:0 --duration 00:00:08 >"$check/out" 2>&1 &&
    grep -q "demo-bank Healthy .*packs 3/3 fresh" "$check/out" ||
    { tail -n 40 "$check/out" >&2; echo "publish.sh: $exe run (the demo's bank) did not become healthy with every pack fresh" >&2; exit 1; }
  ran="; ran --help, decode, config bank add, config show and the demo's node"
fi
echo "publish.sh: $exe ($rid$framework, $(( $(stat -c %s "$exe") / 1024 / 1024 )) MiB, $seconds s${ran:-})"
