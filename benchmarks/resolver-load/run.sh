#!/usr/bin/env bash
# Resolver load beside Unbound: many concurrent resolutions through DnssecResolver (benchmarks/Dnssec.Load, stub mode,
# validating itself what the non-validating Unbound upstream brings) and dnsperf against the validating Unbound, for
# the same names, against the interop hierarchy of the tests (tests/Dnssec.Tests/Interop/Hierarchy/build.sh).
#
#   cold  distinct names under the NSEC3-signed wildcard zone wild3.test., each asked once, no cache holding any of
#         them (both Unbounds reloaded, a new Dnssec.Load process): every answer needs the authority. NSEC3, so that
#         Unbound cannot answer from its aggressive NSEC cache (RFC 8198 is NSEC only in Unbound) and has to ask for
#         every name, as we do. Each side first resolves 100 other names of the zone one by one: that fetches the
#         key chain (5 queries) on both sides and, on ours, compiles the code, so that a long-running process is
#         measured rather than .NET's start-up.
#   warm  the secure questions of scenarios.tsv (a few dozen: positive, NXDOMAIN, no-data, wildcard, CNAME, DNAME,
#         every algorithm), resolved once beforehand, then asked over and over for WARM_SECONDS.
#
# Both sides run closed-loop with the same number of outstanding queries (Dnssec.Load --concurrency N; dnsperf -c N
# -q N). The levels are 16 and 64 because dnsperf 2.10 cannot keep fewer than about 16 queries outstanding: with
# -q 8 it sent 400-5,000 queries a second to an Unbound that answered each in 0.15 ms. Latency percentiles are
# nearest-rank over every answer: Dnssec.Load computes them itself, for dnsperf they come from its per-query lines
# (-v). Cold, dnsperf also asks the non-validating Unbound alone: every cold answer of ours waits for that Unbound
# first, so its figures are the ceiling of stub mode. Prints one table: answers/s and p99 of each side, the ratios.
#
# Usage (as root, from anywhere): benchmarks/resolver-load/run.sh
# Environment: CONCURRENCY ("16 64"), COLD_NAMES (10000), WARM_SECONDS (10), KEEP_LOAD_DIR=1 keeps the work directory.
# Needs: the .NET SDK, dnsperf (apt-get install dnsperf), unbound-control (unbound), flock (util-linux) and what the
# hierarchy needs (tests/run.sh installs it). Holds the hierarchy's lock (/tmp/dnssec-interop-hierarchy.lock) while
# the servers run, so interop test runs wait for it and it waits for them; stops the servers however it ends.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
HIERARCHY="$ROOT/tests/Dnssec.Tests/Interop/Hierarchy"
LOCK=/tmp/dnssec-interop-hierarchy.lock
CONCURRENCY="${CONCURRENCY:-16 64}"
COLD_NAMES="${COLD_NAMES:-10000}"
WARM_SECONDS="${WARM_SECONDS:-10}"

die() { echo "resolver-load: $*" >&2; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "needs root: the hierarchy adds loopback aliases and binds port 53"
for tool in dotnet dnsperf unbound-control flock dig named unbound ip timeout awk sort; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (dnsperf: apt-get install dnsperf; the servers: tests/run.sh installs them)"
done

WORK="$(mktemp -d /tmp/dnssec-load-XXXXXX)"
DIR="$WORK/hierarchy"
started=""
cleanup() {
    [[ -n "$started" ]] && bash "$HIERARCHY/build.sh" stop "$DIR" >/dev/null 2>&1
    [[ -n "${KEEP_LOAD_DIR:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

echo "building Dnssec.Load"
dotnet build -c Release "$ROOT/benchmarks/Dnssec.Load" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
LOAD=("$ROOT/benchmarks/Dnssec.Load/bin/Release/net10.0/Dnssec.Load")
[[ -x "${LOAD[0]}" ]] || die "no ${LOAD[0]} after the build"

exec 9>"$LOCK"
echo "waiting for $LOCK"
flock -w 900 9 || die "another run held $LOCK for 15 minutes"
started=yes
bash "$HIERARCHY/build.sh" stop
bash "$HIERARCHY/build.sh" build "$DIR" >"$WORK/hierarchy-build.log"
bash "$HIERARCHY/build.sh" start "$DIR"
read -r UPSTREAM PORT < <(awk '$1 == "upstream" { a = $2 } $1 == "resolver-port" { p = $2 } END { print a, p }' "$DIR/layout")
VALIDATOR="$(awk '$1 == "validator" { print $2 }' "$DIR/layout")"

# Names files: "name type" lines, which both Dnssec.Load and dnsperf read.
RUN_ID="$(date +%s)"
for ((i = 1; i <= COLD_NAMES; i++)); do echo "c$i-$RUN_ID.wild3.test. A"; done >"$WORK/cold.txt"
for ((i = 1; i <= 100; i++)); do echo "p$i-$RUN_ID.wild3.test. A"; done >"$WORK/prime.txt"
awk -F'\t' 'NR > 1 && $4 == "secure" { print $2, $3 }' "$HIERARCHY/scenarios.tsv" >"$WORK/warm.txt"
WARM_COUNT="$(wc -l <"$WORK/warm.txt")"

# Empties both Unbounds' caches (messages, RRsets, keys, infrastructure): reload starts them afresh.
flush() {
    local name
    for name in upstream validator; do
        unbound-control -c "$DIR/unbound-$name.conf" reload >/dev/null || die "unbound-control reload ($name) failed"
    done
}

prime() { # server: the cold runs' preparation on Unbound's side, one name at a time as Dnssec.Load --warmup does
    dnsperf -s "$1" -p "$PORT" -d "$WORK/prime.txt" -c 1 -q 1 -n 1 >/dev/null 2>&1 || die "dnsperf priming of $1 failed"
}

# One Dnssec.Load run; its RESULT line goes to $WORK/results.
ours() { # label concurrency names-file mode-arguments...
    local label="$1" concurrency="$2" names="$3" output
    shift 3
    output="$("${LOAD[@]}" --server "$UPSTREAM:$PORT" --anchors "$DIR/root.ds" --names "$names" --concurrency "$concurrency" --label "$label" "$@")" ||
        { echo "$output" >&2; die "Dnssec.Load $label failed"; }
    echo "$output" | sed 's/^/    /'
    echo "$output" | grep '^RESULT ' >>"$WORK/results"
}

# One dnsperf run; answers/s from its summary, p99 from its per-query lines ("> RCODE name type latency-seconds"),
# written to $WORK/results in the same RESULT form.
theirs() { # label concurrency names-file server dnsperf-arguments...
    local label="$1" concurrency="$2" names="$3" server="$4" output qps p50 p99 lost bad
    shift 4
    output="$WORK/dnsperf-$label.txt"
    dnsperf -s "$server" -p "$PORT" -d "$names" -c "$concurrency" -q "$concurrency" -T 1 -t 5 -v "$@" >"$output" 2>&1 ||
        { tail -n 20 "$output" >&2; die "dnsperf $label failed"; }
    qps="$(awk '/Queries per second:/ { print $4 }' "$output")"
    lost="$(awk '/Queries lost:/ { print $3 }' "$output")"
    bad="$(awk '$1 == ">" && $2 != "NOERROR" && $2 != "NXDOMAIN"' "$output" | wc -l)"
    read -r p50 p99 < <(awk '$1 == ">" { print $NF * 1000 }' "$output" | sort -g |
        awk '{ v[NR] = $1 } END { r50 = int(NR * 0.50); if (r50 < NR * 0.50) r50++; r99 = int(NR * 0.99); if (r99 < NR * 0.99) r99++; printf "%.4f %.4f\n", v[r50], v[r99] }')
    grep -E 'Queries (sent|completed|lost)|Queries per second|Average Latency' "$output" | sed 's/^ */    /'
    echo "    p50 ${p50} ms, p99 ${p99} ms; answers other than NOERROR/NXDOMAIN: $bad"
    [[ "$lost" == 0 && "$bad" == 0 ]] || die "dnsperf $label: $lost lost, $bad failed answers (see $output)"
    echo "RESULT label=$label concurrency=$concurrency qps=$qps p50_ms=$p50 p99_ms=$p99" >>"$WORK/results"
}

# Every answer dnsperf counted must also be validated: Unbound sets AD on each of the questions.
check_ad() { # names-file
    local name type
    while read -r name type; do
        dig +time=3 +tries=1 -p "$PORT" "@$VALIDATOR" "$name" "$type" | grep -qE '^;; flags:[a-z ]* ad' ||
            die "the validating Unbound does not set AD for $name $type"
    done < <(sed -n '1p;$p' "$1")
}

: >"$WORK/results"
for c in $CONCURRENCY; do
    echo "cold, concurrency $c: $COLD_NAMES distinct names, empty caches"
    flush
    ours "ours-cold-$c" "$c" "$WORK/cold.txt" --warmup "$WORK/prime.txt" --queries "$COLD_NAMES"
    flush
    prime "$VALIDATOR"
    theirs "unbound-cold-$c" "$c" "$WORK/cold.txt" "$VALIDATOR" -n 1
    flush
    prime "$UPSTREAM"
    theirs "upstream-cold-$c" "$c" "$WORK/cold.txt" "$UPSTREAM" -n 1
    check_ad "$WORK/cold.txt"

    echo "warm, concurrency $c: $WARM_COUNT names for ${WARM_SECONDS}s, resolved once beforehand"
    ours "ours-warm-$c" "$c" "$WORK/warm.txt" --warmup "$WORK/warm.txt" --duration "$WARM_SECONDS"
    dnsperf -s "$VALIDATOR" -p "$PORT" -d "$WORK/warm.txt" -c 1 -q 1 -n 1 >/dev/null 2>&1 || die "dnsperf warm-up failed"
    theirs "unbound-warm-$c" "$c" "$WORK/warm.txt" "$VALIDATOR" -l "$WARM_SECONDS"
    check_ad "$WORK/warm.txt"
done

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; cold: $COLD_NAMES names once, warm: $WARM_COUNT names for ${WARM_SECONDS}s"
awk -v levels="$CONCURRENCY" '
    function field(name,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } return "" }
    { label = field("label"); qps[label] = field("qps"); p99[label] = field("p99_ms") }
    END {
        printf "| run | concurrency | ours answers/s | Unbound answers/s | ratio | ours p99 ms | Unbound p99 ms | ratio | our upstream alone: answers/s, p99 ms |\n"
        printf "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n"
        n = split(levels, level, " ")
        split("cold warm", modes, " ")
        for (m = 1; m <= 2; m++) for (i = 1; i <= n; i++) {
            o = "ours-" modes[m] "-" level[i]; u = "unbound-" modes[m] "-" level[i]
            a = "upstream-" modes[m] "-" level[i]
            alone = (a in qps) ? sprintf("%.0f, %.4f", qps[a], p99[a]) : "-"
            printf "| %s | %d | %.0f | %.0f | %.2f | %.4f | %.4f | %.4f | %s |\n", modes[m], level[i], qps[o], qps[u], qps[o] / qps[u], p99[o], p99[u], p99[o] / p99[u], alone
        }
        print "ratio = ours / Unbound: above 1 is more answers per second, but a longer p99"
        print "our upstream alone: dnsperf against the non-validating Unbound, cold: the ceiling of our stub mode"
    }' "$WORK/results"
