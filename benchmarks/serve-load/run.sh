#!/usr/bin/env bash
# dnssec serve beside the validating Unbound, both asked by dnsperf over UDP with DO set, against the interop
# hierarchy of the tests (tests/Dnssec.Tests/Interop/Hierarchy/build.sh). Three servers:
#   serve-stub       dnssec serve in stub mode behind the hierarchy's non-validating Unbound (validating what it brings)
#   serve-iterative  dnssec serve asking the hierarchy's BIND authorities itself, from its root hints
#   serve-plain      serve-stub with --no-aggressive-nsec: every cold name is resolved and validated, none is expanded
#                    from the cached wildcard and NSEC3 records (RFC 8198 §5.3), which Unbound does not do for NSEC3
#   unbound          the hierarchy's validating Unbound (iterative from the same root, same anchor)
#   Unbound runs with one thread per core and again with one thread; the table compares with its better run.
# Two runs each, closed loop with the same number of outstanding queries (dnsperf -c N -q N):
#   cold  COLD_NAMES distinct names under the NSEC3 wildcard zone wild3.test., each asked once, every cache empty (a new
#         serve process, both Unbounds reloaded); each server first resolves 100 other names of the zone one by one,
#         which fetches the key chain and, on ours, compiles the code, so a running service is measured, not start-up.
#   warm  the secure scenario questions of scenarios.tsv, asked once beforehand, then over and over for WARM_SECONDS.
# Answers/s from dnsperf's summary, p50/p99 nearest-rank over its per-query lines (-v). Prints one table with the
# ratios ours / Unbound (answers/s above 1 is faster; p99 above 1 is slower).
#
# Usage (as root, from anywhere): benchmarks/serve-load/run.sh
# Environment: CONCURRENCY ("16 64"), COLD_NAMES (10000), WARM_SECONDS (10), KEEP_LOAD_DIR=1 keeps the work directory.
#   SERVE_BUILD (native: the Native AOT tool as installed; jit: `dotnet build`'s output).
# Needs: the .NET SDK, dnsperf, unbound-control, dig, flock and what the hierarchy needs (tests/run.sh installs it).
CONCURRENCY="${CONCURRENCY:-16 64}"
COLD_NAMES="${COLD_NAMES:-10000}"
WARM_SECONDS="${WARM_SECONDS:-10}"
SERVE_PORT=5398
NAME=serve-load KEEP=KEEP_LOAD_DIR TOOLS="unbound-control sort"
source "$(dirname "${BASH_SOURCE[0]}")/../serve-common.sh"

start_hierarchy

RUN_ID="$(date +%s)"
for ((i = 1; i <= COLD_NAMES; i++)); do echo "c$i-$RUN_ID.wild3.test. A"; done >"$WORK/cold.txt"
for ((i = 1; i <= 100; i++)); do echo "p$i-$RUN_ID.wild3.test. A"; done >"$WORK/prime.txt"
awk -F'\t' 'NR > 1 && $4 == "secure" { print $2, $3 }' "$HIERARCHY/scenarios.tsv" >"$WORK/warm.txt"
WARM_COUNT="$(wc -l <"$WORK/warm.txt")"

flush() { # empties both Unbounds' caches: a reload starts them afresh
    local name
    for name in upstream validator; do
        unbound-control -c "$DIR/unbound-$name.conf" reload >/dev/null || die "unbound-control reload ($name) failed"
    done
}

one_by_one() { # server port names-file: the preparation, one name at a time
    dnsperf -s "$1" -p "$2" -d "$3" -c 1 -q 1 -n 1 -D >/dev/null 2>&1 || die "dnsperf preparation against $1:$2 failed"
}

# One dnsperf run; answers/s from its summary, p50/p99 from its per-query lines ("> RCODE name type latency-seconds").
measure() { # label concurrency names-file server port dnsperf-arguments...
    local label="$1" concurrency="$2" names="$3" server="$4" port="$5" output qps p50 p99 lost bad
    shift 5
    output="$WORK/dnsperf-$label.txt"
    dnsperf -s "$server" -p "$port" -d "$names" -c "$concurrency" -q "$concurrency" -T 1 -t 5 -D -v "$@" >"$output" 2>&1 ||
        { tail -n 20 "$output" >&2; die "dnsperf $label failed"; }
    qps="$(awk '/Queries per second:/ { print $4 }' "$output")"
    lost="$(awk '/Queries lost:/ { print $3 }' "$output")"
    bad="$(awk '$1 == ">" && $2 != "NOERROR" && $2 != "NXDOMAIN"' "$output" | wc -l)"
    read -r p50 p99 < <(awk '$1 == ">" { print $NF * 1000 }' "$output" | sort -g |
        awk '{ v[NR] = $1 } END { r50 = int(NR * 0.50); if (r50 < NR * 0.50) r50++; r99 = int(NR * 0.99); if (r99 < NR * 0.99) r99++; printf "%.4f %.4f\n", v[r50], v[r99] }')
    printf '  %-28s %10.0f answers/s  p50 %8.3f ms  p99 %8.3f ms  lost %s  failed %s\n' "$label" "$qps" "$p50" "$p99" "$lost" "$bad"
    [[ "$lost" == 0 && "$bad" == 0 ]] || die "dnsperf $label: $lost lost, $bad failed answers (see $output)"
    echo "RESULT label=$label qps=$qps p99_ms=$p99" >>"$WORK/results"
}

check_ad() { # server port names-file: the first and last names must carry AD
    local name type
    while read -r name type; do
        dig +time=3 +tries=1 +dnssec -p "$2" "@$1" "$name" "$type" | grep -qE '^;; flags:[a-z ]* ad' ||
            die "$1:$2 does not set AD for $name $type"
    done < <(sed -n '1p;$p' "$3")
}

: >"$WORK/results"
for c in $CONCURRENCY; do
    echo "concurrency $c"
    for mode in stub iterative plain; do
        flush
        case "$mode" in
            iterative) start_serve "$mode" "$SERVE_PORT" --iterative --log-level Warning ;;
            plain) start_serve "$mode" "$SERVE_PORT" --server "$UPSTREAM:$PORT" --no-aggressive-nsec --log-level Warning ;;
            *) start_serve "$mode" "$SERVE_PORT" --server "$UPSTREAM:$PORT" --log-level Warning ;;
        esac
        one_by_one 127.0.0.1 "$SERVE_PORT" "$WORK/prime.txt"
        measure "serve-$mode-cold-$c" "$c" "$WORK/cold.txt" 127.0.0.1 "$SERVE_PORT" -n 1
        check_ad 127.0.0.1 "$SERVE_PORT" "$WORK/cold.txt"
        one_by_one 127.0.0.1 "$SERVE_PORT" "$WORK/warm.txt"
        measure "serve-$mode-warm-$c" "$c" "$WORK/warm.txt" 127.0.0.1 "$SERVE_PORT" -l "$WARM_SECONDS"
        check_ad 127.0.0.1 "$SERVE_PORT" "$WORK/warm.txt"
        stop_serve
    done
done

# Unbound twice: one thread per core as its tuning guide says, and one thread, which on a small machine can do better
# because dnsperf needs a core too. The table takes its better run of the two.
for threads in $(nproc) 1; do
    validator_threads "$threads"
    for c in $CONCURRENCY; do
        flush
        one_by_one "$VALIDATOR" "$PORT" "$WORK/prime.txt"
        measure "unbound$threads-cold-$c" "$c" "$WORK/cold.txt" "$VALIDATOR" "$PORT" -n 1
        check_ad "$VALIDATOR" "$PORT" "$WORK/cold.txt"
        one_by_one "$VALIDATOR" "$PORT" "$WORK/warm.txt"
        measure "unbound$threads-warm-$c" "$c" "$WORK/warm.txt" "$VALIDATOR" "$PORT" -l "$WARM_SECONDS"
    done
done

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; cold: $COLD_NAMES names once, warm: $WARM_COUNT names for ${WARM_SECONDS}s"
awk -v levels="$CONCURRENCY" -v cores="$(nproc)" '
    function field(name,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } return "" }
    { label = field("label"); qps[label] = field("qps"); p99[label] = field("p99_ms") }
    END {
        printf "| run | concurrency | server | answers/s | Unbound answers/s | Unbound threads | ratio | p99 ms | Unbound p99 ms | ratio |\n"
        printf "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|\n"
        n = split(levels, level, " ")
        split("cold warm", modes, " ")
        split("stub iterative plain", kinds, " ")
        for (m = 1; m <= 2; m++) for (i = 1; i <= n; i++) for (k = 1; k <= 3; k++) {
            o = "serve-" kinds[k] "-" modes[m] "-" level[i]
            threads = qps["unbound" cores "-" modes[m] "-" level[i]] >= qps["unbound1-" modes[m] "-" level[i]] ? cores : 1
            u = "unbound" threads "-" modes[m] "-" level[i]
            printf "| %s | %d | serve %s | %.0f | %.0f | %d | %.2f | %.3f | %.3f | %.2f |\n", modes[m], level[i], kinds[k], qps[o], qps[u], threads, qps[o] / qps[u], p99[o], p99[u], p99[o] / p99[u]
        }
    }' "$WORK/results"
