#!/usr/bin/env bash
# Packs the packages into one folder (default artifacts/packages, or the first argument): Dnssec, Dnssec.Testing and
# Dnssec.Extensions.Http with their symbol packages (.snupkg), and the dnssec tool as .NET 10 RID-specific tool packages: the
# pointer package that `dotnet tool install` finds by name, the Native AOT package for this machine's runtime identifier
# (when it is one the tool lists and clang is installed) and the framework-dependent "any" package for every other
# platform. The builds are CI builds (ContinuousIntegrationBuild: deterministic, source paths mapped for SourceLink) in
# their own folder under artifacts/, so packing neither uses nor disturbs a developer's bin/ and obj/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

out=${1:-artifacts/packages}
mkdir -p "$out"
out=$(cd "$out" && pwd)
build=${DNSSEC_PACK_BUILD:-$root/artifacts/pack-build}

fail() {
  echo "eng/pack.sh: $*" >&2
  exit 1
}

command -v dotnet >/dev/null 2>&1 || fail "dotnet is not on PATH; install the .NET 10 SDK (global.json names the version)."

# The runtime identifier dotnet itself runs as; the tool's native package exists only for those it lists.
rid=$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')
[[ -n $rid ]] || fail "could not read this machine's runtime identifier from 'dotnet --info'."
tool_rids=$(sed -n 's|.*<ToolPackageRuntimeIdentifiers>\(.*\)</ToolPackageRuntimeIdentifiers>.*|\1|p' src/Dnssec.Cli/Dnssec.Cli.csproj)
[[ -n $tool_rids ]] || fail "src/Dnssec.Cli/Dnssec.Cli.csproj names no ToolPackageRuntimeIdentifiers."

# A pack writes over same-named files; earlier versions of these packages in the folder are left for the caller.
before=$(mktemp)
trap 'rm -f "$before"' EXIT
touch "$before"

pack() {
  echo "eng/pack.sh: dotnet pack $*" >&2
  dotnet pack "$@" -c Release -o "$out" --artifacts-path "$build" -p:ContinuousIntegrationBuild=true -nologo -v:quiet \
    || fail "dotnet pack $* failed (output above)."
}

pack src/Dnssec
pack src/Dnssec.Testing
pack src/Dnssec.Extensions.Http
pack src/Dnssec.Cli

native=""
if [[ ";$tool_rids;" != *";$rid;"* ]]; then
  echo "eng/pack.sh: no native tool package: this machine is $rid, which the tool does not list ($tool_rids); the 'any' package serves it." >&2
elif ! command -v clang >/dev/null 2>&1; then
  echo "eng/pack.sh: no native tool package for $rid: Native AOT links with clang, which is not installed (apt-get install clang zlib1g-dev); packing the framework-dependent 'any' package only." >&2
else
  pack src/Dnssec.Cli -r "$rid"
  native=$rid
fi
pack src/Dnssec.Cli -r any -p:PublishAot=false

echo "Packages in $out:"
find "$out" -maxdepth 1 \( -name '*.nupkg' -o -name '*.snupkg' \) -newer "$before" -printf '  %f\n' | sort
if [[ -z $native ]]; then
  echo "(no native tool package: see the note above)"
fi
