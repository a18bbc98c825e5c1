#!/usr/bin/env bash
# Fuzzes one target with afl-fuzz: builds the harness in Release, instruments the library (Dnssec.Core.dll) with sharpfuzz, then runs
# afl-fuzz on the target's seed corpus and dictionary, for SECONDS seconds or until stopped with Ctrl-C.
#
#   fuzz/run.sh TARGET [SECONDS]        e.g. fuzz/run.sh message 600
#
# Findings go to fuzz/findings/TARGET/ (ignored by git); a later run resumes from them. Reproduce a crash with
#   dotnet fuzz/out/bin/Dnssec.Fuzz.dll TARGET --run fuzz/findings/TARGET/default/crashes/id:...
# Run one fuzzer at a time: the machine is shared.
set -euo pipefail

if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: fuzz/run.sh TARGET [SECONDS]" >&2
  exit 2
fi

target=$1
seconds=${2:-}
root=$(cd "$(dirname "$0")/.." && pwd)
fuzz="$root/fuzz"
out="$fuzz/out/bin"
corpus="$fuzz/corpus/$target"
dictionary="$fuzz/dictionaries/$target.dict"
findings="$fuzz/findings/$target"

if [[ ! -d "$corpus" ]]; then
  echo "No seed corpus at fuzz/corpus/$target" >&2
  exit 2
fi

if ! command -v afl-fuzz >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]]; then
    echo "Installing afl++" >&2
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq afl++ >/dev/null
  else
    echo "afl-fuzz is missing: sudo apt-get install afl++" >&2
    exit 2
  fi
fi

# A fresh publish each time: sharpfuzz instruments Dnssec.Core.dll in place and refuses an already instrumented copy.
rm -rf "$out"
dotnet publish "$fuzz/Dnssec.Fuzz/Dnssec.Fuzz.csproj" -c Release -o "$out" -p:UseAppHost=false --nologo -v quiet
(cd "$fuzz" && dotnet tool restore >/dev/null && dotnet tool run sharpfuzz "$out/Dnssec.Core.dll")

# The harness prints nothing under afl-fuzz; check that the target exists before handing it over.
dotnet "$out/Dnssec.Fuzz.dll" --list | grep -qx "$target" || { echo "Unknown target $target" >&2; exit 2; }

args=(-i "$corpus" -o "$findings" -t 5000 -m none)
[[ -f "$dictionary" ]] && args+=(-x "$dictionary")
[[ -n "$seconds" ]] && args+=(-V "$seconds")

# dotnet itself carries no instrumentation (Dnssec.Core.dll does), core dumps do not matter for managed crashes,
# and the cores are shared, so afl-fuzz neither checks the binary nor pins itself to a core.
export AFL_SKIP_BIN_CHECK=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_SKIP_CPUFREQ=1 AFL_NO_AFFINITY=1 AFL_AUTORESUME=1
[[ -t 1 ]] || export AFL_NO_UI=1

mkdir -p "$findings"
status=0
afl-fuzz "${args[@]}" -- dotnet "$out/Dnssec.Fuzz.dll" "$target" || status=$?

stats="$findings/default/fuzzer_stats"
if [[ -f "$stats" ]]; then
  echo
  grep -E '^(start_time|last_update|run_time|execs_done|execs_per_sec|corpus_count|corpus_found|bitmap_cvg|saved_crashes|saved_hangs|afl_version)\b' "$stats"
  shopt -s nullglob
  crashes=("$findings"/default/crashes/id:*)
  if ((${#crashes[@]})); then
    echo
    echo "Crashes: reproduce each with"
    echo "  dotnet $out/Dnssec.Fuzz.dll $target --run $findings/default/crashes"
  fi
fi

exit "$status"
