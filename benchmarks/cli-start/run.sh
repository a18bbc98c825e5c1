#!/usr/bin/env bash
# Times one question asked of a freshly started `dnssec resolve`, from process start to printed answer, beside delv
# asking the same upstream the same question with the same trust anchor: what a user or a script waits for.
#
# Three forms of the tool, each in the same run:
#   native  the tool as the README installs it (dotnet pack: pointer, this platform's Native AOT package and the
#           framework-dependent "any" package; dotnet tool install into a temporary tool path)
#   r2r     framework-dependent, ReadyToRun (native code stored in the assemblies, the JIT for the rest), to show
#           why Native AOT was chosen
#   jit     framework-dependent with the JIT only: the tool as `dotnet publish` made it before issue 16
# The question source is the interop hierarchy (tests/Dnssec.Tests/Interop/Hierarchy), built and started under its
# lock; both sides ask its non-validating Unbound, as a stub asks the host's resolver.
#
# Usage: benchmarks/cli-start/run.sh   (as root: the hierarchy adds loopback aliases and binds port 53)
# Environment: QUESTION ("www.alg13.test. A"), RUNS (hyperfine's runs per command, 30), KEEP_CLI_START (keep the work
# directory). Prints hyperfine's table, the ratios to delv and whether the forms print the same bytes.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HIERARCHY="$ROOT/tests/Dnssec.Tests/Interop/Hierarchy"
LOCK=/tmp/dnssec-interop-hierarchy.lock
PROJECT="$ROOT/src/Dnssec.Cli"
read -r -a question <<<"${QUESTION:-www.alg13.test. A}"
runs="${RUNS:-30}"

die() { echo "cli-start: $*" >&2; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "needs root: the hierarchy adds loopback aliases and binds port 53"
for tool in dotnet hyperfine delv dig named unbound flock ip awk cmp; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (hyperfine: apt-get install hyperfine; the servers: tests/run.sh installs them)"
done

WORK="$(mktemp -d /tmp/dnssec-cli-start-XXXXXX)"
DIR="$WORK/hierarchy"
started=""
cleanup() {
    [[ -n "$started" ]] && bash "$HIERARCHY/build.sh" stop "$DIR" >/dev/null 2>&1
    [[ -n "${KEEP_CLI_START:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

quietly() { # log-name command...: runs the command, shows its output only when it fails
    local log="$WORK/$1.log"
    shift
    "$@" >"$log" 2>&1 || { cat "$log" >&2; die "failed: $*"; }
}

# The README's installation. Packing globs the publish folder, which publishing never empties: a file an earlier build
# left there would go into the package.
rid="$(dotnet --info | awk '$1 == "RID:" { print $2; exit }')"
echo "packing and installing the tool ($rid, Native AOT, and the portable fallback)"
find "$PROJECT/bin" -type d -name publish -prune -exec rm -rf {} +
feed="$WORK/feed"
quietly pack-pointer dotnet pack "$PROJECT" -c Release -o "$feed"
quietly pack-native dotnet pack "$PROJECT" -c Release -o "$feed" -r "$rid"
quietly pack-any dotnet pack "$PROJECT" -c Release -o "$feed" -r any -p:PublishAot=false
quietly install dotnet tool install --tool-path "$WORK/tool" --add-source "$feed" Dnssec.Cli
native="$WORK/tool/dnssec"
[[ -z "$(find "$WORK/tool/.store" -name dnssec.dll)" ]] || die "dotnet tool install chose the framework-dependent package, not the native one"

echo "publishing the framework-dependent forms (JIT, ReadyToRun)"
quietly publish-jit dotnet publish "$PROJECT" -c Release -p:PublishAot=false -o "$WORK/jit"
quietly publish-r2r dotnet publish "$PROJECT" -c Release -p:PublishAot=false -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$WORK/r2r"
jit="$WORK/jit/dnssec"
r2r="$WORK/r2r/dnssec"

exec 9>"$LOCK"
echo "waiting for $LOCK"
flock -w 900 9 || die "another run held $LOCK for 15 minutes"
started=yes
bash "$HIERARCHY/build.sh" stop
quietly hierarchy-build bash "$HIERARCHY/build.sh" build "$DIR"
bash "$HIERARCHY/build.sh" start "$DIR"
read -r upstream port < <(awk '$1 == "upstream" { a = $2 } $1 == "resolver-port" { p = $2 } END { print a, p }' "$DIR/layout")

# Both sides trust the same key, the private root's KSK: ours as a DNSKEY line, delv's as a trust-anchors statement.
ours=(resolve "${question[@]}" --server "$upstream:$port" --anchors "$DIR/root.dnskey" --hints "$DIR/root.hints")
delv_command="delv -a $DIR/delv-anchors.conf +root=. -p $port @$upstream ${question[*]}"

# Every form must give the same verdict and the same bytes, in text and in JSON, before any of them is timed, except
# for what the upstream changes from one answer to the next: TTLs count down in its cache, and Unbound rotates the
# order of the records in an RRset (rrset-roundrobin), which the keys of the chain are printed in.
normalise() { # file
    python3 - "$1" <<'PY'
import re, sys
text = re.sub(r" [0-9]+ IN ", " TTL IN ", open(sys.argv[1]).read())
text = re.sub(r"keys (.*)", lambda m: "keys " + ", ".join(sorted(m.group(1).split(", "))), text)
lines = text.split("\n")
# JSON: the members of each array of strings, one per line, sorted in place.
i = 0
while i < len(lines):
    j = i
    while j < len(lines) and lines[j].lstrip().startswith('"') and not re.match(r'\s*"\w+":', lines[j]):
        j += 1
    if j > i + 1:
        items = sorted(line.rstrip(",") for line in lines[i:j])
        lines[i:j] = [item + ("," if k < len(items) - 1 else "") for k, item in enumerate(items)]
    i = j + 1
print("\n".join(lines), end="")
PY
}
for form in native r2r jit; do
    "${!form}" "${ours[@]}" >"$WORK/$form.raw.txt" 2>&1 || die "$form: dnssec resolve exited $? ($(head -c 300 "$WORK/$form.raw.txt"))"
    "${!form}" "${ours[@]}" --json >"$WORK/$form.raw.json" 2>&1 || die "$form: dnssec resolve --json exited $?"
    for output in txt json; do
        normalise "$WORK/$form.raw.$output" >"$WORK/$form.$output"
    done
done
$delv_command >"$WORK/delv.txt" 2>&1 || die "delv failed: $(cat "$WORK/delv.txt")"
grep -q '; fully validated' "$WORK/delv.txt" || die "delv did not validate ${question[*]}: $(cat "$WORK/delv.txt")"
grep -q '"status": "secure"' "$WORK/native.json" || die "dnssec did not prove ${question[*]} secure: $(cat "$WORK/native.json")"
for form in r2r jit; do
    cmp -s "$WORK/native.txt" "$WORK/$form.txt" || die "native and $form print different text for ${question[*]}"
    cmp -s "$WORK/native.json" "$WORK/$form.json" || die "native and $form print different JSON for ${question[*]}"
done
echo "same output from every form (text and JSON, TTLs and RRset order aside); delv: fully validated"

echo "timing ${question[*]}: $runs runs each after 3 warm-ups, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --warmup 3 -N --runs "$runs" --export-json "$WORK/times.json" --export-markdown "$WORK/times.md" \
    -n "dnssec (native, as installed)" "$native ${ours[*]}" \
    -n "dnssec (ReadyToRun)" "$r2r ${ours[*]}" \
    -n "dnssec (JIT, before)" "$jit ${ours[*]}" \
    -n "delv $(delv -v 2>&1 | awk '{ print $2; exit }')" "$delv_command" >"$WORK/hyperfine.log" 2>&1 \
    || { cat "$WORK/hyperfine.log" >&2; die "hyperfine failed"; }
cat "$WORK/times.md"
echo
python3 - "$WORK/times.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
delv = results[-1]["mean"]
print("| command | mean ms | ratio to delv |")
print("|---|---:|---:|")
for r in results:
    print(f"| {r['command']} | {r['mean'] * 1000:.1f} | {r['mean'] / delv:.2f} |")
PY
echo
echo "native binary: $(stat -L -c %s "$native" | awk '{ printf "%.1f MB", $1 / 1048576 }') ($(readlink -f "$native"))"
