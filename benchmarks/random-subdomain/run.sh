#!/usr/bin/env bash
# A random-subdomain flood (names that do not exist, under one signed zone) against `dnssec serve` and a validating
# Unbound, both in front of the same non-validating upstream, the interop hierarchy's (tests/Dnssec.Tests/Interop/
# Hierarchy/build.sh), which iterates to its BIND authorities. Two zones: nsec.test. (NSEC) and nsec3.test. (NSEC3).
#   serve    dnssec serve in stub mode, asking the upstream (aggressive use of NSEC/NSEC3 on, the default)
#   unbound  a validating Unbound forwarding everything to the upstream (aggressive-nsec: yes, its default since 1.15)
# For each server and zone: both caches emptied (a new serve process; the upstream and the validating Unbound
# reloaded), PRIME names of the zone asked one by one, then NAMES other random names once each, closed loop with
# CONCURRENCY outstanding queries. Every answer must be NXDOMAIN with AD. Upstream queries are the upstream Unbound's
# total.num.queries before and after the flood, the same count for both sides. Prints one table: answers/s and upstream
# queries per answer, ours beside Unbound's.
#
# Usage (as root, from anywhere): benchmarks/random-subdomain/run.sh
# Environment: NAMES (100000: a flood of 10,000 lasts under half a second, mostly warm-up, too short for a rate), PRIME (20), CONCURRENCY (16), KEEP_RANDOM_DIR=1 keeps the work directory.
#   SERVE_BUILD (native: the Native AOT tool as installed; jit: `dotnet build`'s output).
# Needs: the .NET SDK, dnsperf, unbound-control, dig, flock and what the hierarchy needs (tests/run.sh installs it).
NAMES="${NAMES:-100000}"
PRIME="${PRIME:-20}"
CONCURRENCY="${CONCURRENCY:-16}"
SERVE_PORT=5397
FORWARDER_PORT=5396
NAME=random-subdomain KEEP=KEEP_RANDOM_DIR TOOLS="unbound-control"
source "$(dirname "${BASH_SOURCE[0]}")/../serve-common.sh"

start_hierarchy

forwarder_pid=""
stop_forwarder() {
    [[ -n "$forwarder_pid" ]] && kill "$forwarder_pid" 2>/dev/null && wait "$forwarder_pid" 2>/dev/null
    forwarder_pid=""
}
trap 'stop_forwarder; cleanup' EXIT

# The validating Unbound in front of the upstream: the hierarchy's validator's settings, forwarding instead of iterating.
cat >"$WORK/unbound-forwarder.conf" <<EOF
server:
    interface: 127.0.0.1
    port: $FORWARDER_PORT
    do-ip6: no
    do-daemonize: no
    chroot: ""
    username: ""
    directory: "$WORK"
    logfile: "$WORK/unbound-forwarder.log"
    use-syslog: no
    verbosity: 1
    num-threads: $(nproc)
    so-reuseport: yes
    access-control: 127.0.0.0/8 allow
    do-not-query-localhost: no
    local-zone: "test." nodefault
    edns-buffer-size: 1232
    qname-minimisation: no
    prefetch: no
    aggressive-nsec: yes
    module-config: "validator iterator"
    trust-anchor-file: "$DIR/root.ds"
forward-zone:
    name: "."
    forward-addr: $UPSTREAM@$PORT
EOF

upstream_queries() { # the upstream Unbound's count of queries received
    unbound-control -c "$DIR/unbound-upstream.conf" stats_noreset | awk -F= '$1 == "total.num.queries" { print $2 }'
}

flush_upstream() {
    unbound-control -c "$DIR/unbound-upstream.conf" reload >/dev/null || die "unbound-control reload (upstream) failed"
}

start_forwarder() {
    local i
    stop_forwarder
    unbound -c "$WORK/unbound-forwarder.conf" &
    forwarder_pid=$!
    for ((i = 0; i < 100; i++)); do
        dig +time=1 +tries=1 -p "$FORWARDER_PORT" @127.0.0.1 nsec.test. SOA 2>/dev/null | grep -q 'status: NOERROR' && return
        sleep 0.2
    done
    die "the forwarding Unbound did not answer"
}

one_by_one() { # server port names-file
    dnsperf -s "$1" -p "$2" -d "$3" -c 1 -q 1 -n 1 -D >/dev/null 2>&1 || die "dnsperf preparation against $1:$2 failed"
}

flood() { # label server port names-file
    local label="$1" server="$2" port="$3" names="$4" output before after qps lost nx ad
    output="$WORK/dnsperf-$label.txt"
    before="$(upstream_queries)"
    dnsperf -s "$server" -p "$port" -d "$names" -c "$CONCURRENCY" -q "$CONCURRENCY" -n 1 -T 1 -t 5 -D >"$output" 2>&1 ||
        { tail -n 20 "$output" >&2; die "dnsperf $label failed"; }
    after="$(upstream_queries)"
    qps="$(awk '/Queries per second:/ { print $4 }' "$output")"
    lost="$(awk '/Queries lost:/ { print $3 }' "$output")"
    nx="$(grep -o 'NXDOMAIN [0-9]*' "$output" | awk '{ print $2 }')"
    [[ "$lost" == 0 && "$nx" == "$NAMES" ]] || die "dnsperf $label: $lost lost, $nx of $NAMES NXDOMAIN (see $output)"
    ad="$(tail -n 1 "$names" | { read -r n t; dig +time=3 +tries=1 +dnssec -p "$port" "@$server" "$n" "$t"; })"
    grep -qE '^;; flags:[a-z ]* ad' <<<"$ad" || die "$label: no AD on the last name"
    printf '  %-22s %9.0f answers/s  %6d upstream queries for %d answers (%.4f per answer)\n' "$label" "$qps" "$((after - before))" "$NAMES" \
        "$(awk -v q="$((after - before))" -v n="$NAMES" 'BEGIN { print q / n }')"
    echo "RESULT label=$label qps=$qps upstream=$((after - before))" >>"$WORK/results"
}

: >"$WORK/results"
RUN_ID="$(date +%s)"
for zone in nsec.test. nsec3.test.; do
    awk -v n="$NAMES" -v z="$zone" -v r="$RUN_ID" 'BEGIN { srand(r); for (i = 1; i <= n; i++) printf "x%08x%d.%s A\n", int(rand() * 4294967295), i, z }' >"$WORK/flood-$zone.txt"
    awk -v n="$PRIME" -v z="$zone" -v r="$RUN_ID" 'BEGIN { for (i = 1; i <= n; i++) printf "prime%d-%s.%s A\n", i, r, z }' >"$WORK/prime-$zone.txt"
    echo "$zone"

    flush_upstream
    start_serve "serve-$zone" "$SERVE_PORT" --server "$UPSTREAM:$PORT" --log-level Warning
    one_by_one 127.0.0.1 "$SERVE_PORT" "$WORK/prime-$zone.txt"
    flood "serve-$zone" 127.0.0.1 "$SERVE_PORT" "$WORK/flood-$zone.txt"
    stop_serve

    flush_upstream
    start_forwarder
    one_by_one 127.0.0.1 "$FORWARDER_PORT" "$WORK/prime-$zone.txt"
    flood "unbound-$zone" 127.0.0.1 "$FORWARDER_PORT" "$WORK/flood-$zone.txt"
    stop_forwarder
done

echo
echo "$(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores; $PRIME names one by one, then $NAMES random non-existent names, concurrency $CONCURRENCY"
awk -v n="$NAMES" '
    function field(name,   i, kv) { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == name) return kv[2] } return "" }
    { label = field("label"); qps[label] = field("qps"); up[label] = field("upstream") }
    END {
        printf "| zone | serve answers/s | Unbound answers/s | ratio | serve upstream queries/answer | Unbound upstream queries/answer |\n"
        printf "|---|---:|---:|---:|---:|---:|\n"
        split("nsec.test. nsec3.test.", zones, " ")
        for (z = 1; z <= 2; z++) {
            o = "serve-" zones[z]; u = "unbound-" zones[z]
            printf "| %s | %.0f | %.0f | %.2f | %.4f | %.4f |\n", zones[z], qps[o], qps[u], qps[o] / qps[u], up[o] / n, up[u] / n
        }
    }' "$WORK/results"
