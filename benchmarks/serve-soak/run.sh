#!/usr/bin/env bash
# dnssec serve under dnsperf: a long run at high concurrency against the interop hierarchy of the tests
# (tests/Dnssec.Tests/Interop/Hierarchy/build.sh), with `dnssec serve` in stub mode in front of the hierarchy's
# non-validating Unbound, validating with the hierarchy's root anchor.
#
# The query mix, shuffled and repeated by dnsperf: every scenario question of scenarios.tsv (secure, insecure and
# bogus names, every proof shape) and, ten times as many, distinct names under the NSEC3 wildcard zone wild3.test.,
# so that the cache keeps growing and cold resolutions go on for the whole run.
# Checks at the end:
#   - the service is still alive and answers a secure question with AD;
#   - every response's RCODE is one a correct validating resolver gives for that name: SERVFAIL only for the bogus
#     scenarios, never for a secure or insecure one (dnsperf -v prints one line per response);
#   - memory levels off: RSS is sampled every 10 s; the report prints the samples and compares the last third's
#     mean with the middle third's.
#
# Usage (as root): benchmarks/serve-soak/run.sh
# Environment: DURATION (600 seconds), CONCURRENCY (64 outstanding queries), WILD_NAMES (20000), KEEP_SOAK_DIR=1.
#   SERVE_BUILD (native: the Native AOT tool as installed; jit: `dotnet build`'s output).
# Needs: the .NET SDK, dnsperf, dig, flock and what the hierarchy needs (tests/run.sh installs them).
DURATION="${DURATION:-600}"
CONCURRENCY="${CONCURRENCY:-64}"
WILD_NAMES="${WILD_NAMES:-20000}"
LISTEN_PORT=5399
NAME=serve-soak KEEP=KEEP_SOAK_DIR TOOLS=""
source "$(dirname "${BASH_SOURCE[0]}")/../serve-common.sh"

start_hierarchy

RUN_ID="$(date +%s)"
awk -F'\t' 'NR > 1 { print $2, $3 }' "$HIERARCHY/scenarios.tsv" >"$WORK/names.txt"
for ((i = 1; i <= WILD_NAMES; i++)); do echo "s$i-$RUN_ID.wild3.test. A"; done >>"$WORK/names.txt"
shuf "$WORK/names.txt" -o "$WORK/names.txt"
# name -> the rcodes a correct resolver may give: the scenario's own, and SERVFAIL only where it is bogus.
awk -F'\t' 'NR > 1 { print tolower($2), $3, ($4 == "bogus" ? "SERVFAIL" : $5) }' "$HIERARCHY/scenarios.tsv" >"$WORK/expected.txt"

start_serve stub "$LISTEN_PORT" --server "$UPSTREAM:$PORT"
echo "dnssec serve (pid $serve_pid): $(cat "$WORK/serve.out")"

(
    while kill -0 "$serve_pid" 2>/dev/null; do
        echo "$(date +%s) $(awk '/^VmRSS/ { print $2 }' "/proc/$serve_pid/status")"
        sleep 10
    done
) >"$WORK/rss.txt" &
sampler=$!

echo "dnsperf: $DURATION s, $CONCURRENCY outstanding, $(wc -l <"$WORK/names.txt") names"
dnsperf -s 127.0.0.1 -p "$LISTEN_PORT" -d "$WORK/names.txt" -l "$DURATION" -c "$CONCURRENCY" -q "$CONCURRENCY" -t 15 -D -v \
    >"$WORK/dnsperf.out" 2>&1 || true
kill "$sampler" 2>/dev/null || true

kill -0 "$serve_pid" 2>/dev/null || die "dnssec serve died during the run: $(tail -5 "$WORK/serve-stub.err")"
ad="$(dig +dnssec +time=5 -p "$LISTEN_PORT" @127.0.0.1 www.alg13.test. A | grep -c ' ad' || true)"
[[ "$ad" -ge 1 ]] || die "after the run a secure answer came without AD"

echo
sed -n '/Statistics:/,/Latency StdDev/p' "$WORK/dnsperf.out"
echo
echo "RCODEs by kind of name (scenario names checked against scenarios.tsv; wild3 names must be NOERROR):"
# dnsperf -v lines: "> RCODE name type latency"
awk 'NR == FNR { ok[$1 " " $2] = $3; next }
     $1 == ">" { key = tolower($3) " " $4; total++
                 if (key in ok) { if ($2 != ok[key] && !($2 == "NOERROR" && ok[key] == "NOERROR")) { wrong++; if (shown++ < 10) print "  unexpected: " $0 " (expected " ok[key] ")" } }
                 else if ($2 != "NOERROR") { wrong++; if (shown++ < 10) print "  unexpected: " $0 " (expected NOERROR)" }
                 count[$2]++ }
     END { for (c in count) printf "  %s %d\n", c, count[c]; printf "  %d responses, %d unexpected\n", total, wrong + 0 }' \
    "$WORK/expected.txt" "$WORK/dnsperf.out"
echo
echo "RSS (kB) every 10 s:"
awk '{ printf "%s%s", (NR > 1 ? " " : "  "), $2 } END { print "" }' "$WORK/rss.txt"
awk '{ v[NR] = $2 } END { n = NR; a = int(n / 3); s1 = 0; s2 = 0
       for (i = a + 1; i <= 2 * a; i++) s1 += v[i]; for (i = 2 * a + 1; i <= n; i++) s2 += v[i]
       if (a > 0) printf "  middle third mean %.0f kB, last third mean %.0f kB, ratio %.2f\n", s1 / a, s2 / (n - 2 * a), (s2 / (n - 2 * a)) / (s1 / a) }' "$WORK/rss.txt"
