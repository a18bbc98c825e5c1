#!/usr/bin/env bash
# Latency and throughput of the upstream transports side by side, in one BenchmarkDotNet run: a question's round trip
# over UDP, TCP, DNS over TLS and DNS over HTTPS, one at a time and 64 in flight, each with its connection kept (as the
# resolver keeps it). The server is one local Unbound answering from a local zone (no recursion, so the transport is
# what differs), listening for plain DNS, DoT and DoH with a certificate openssl makes for the run.
#
# Usage (from anywhere): benchmarks/encrypted-upstreams/run.sh [BenchmarkDotNet options]
# Environment: KEEP_BENCH_DIR=1 keeps the work directory (the Unbound configuration and log).
# Needs: the .NET SDK, unbound (built with libnghttp2 for DoH, as Debian's is) and openssl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="$(mktemp -d /tmp/dnssec-encrypted-upstreams-XXXXXX)"
NAME=bench.dnssec.test
PLAIN_PORT=5453
TLS_PORT=5853
HTTPS_PORT=5443
UNBOUND_PID=

die() { echo "encrypted-upstreams: $*" >&2; exit 1; }
cleanup() {
    [[ -n "$UNBOUND_PID" ]] && kill "$UNBOUND_PID" 2>/dev/null && wait "$UNBOUND_PID" 2>/dev/null || true
    [[ "${KEEP_BENCH_DIR:-}" == 1 ]] && echo "work directory kept: $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
for tool in unbound openssl dotnet; do command -v "$tool" >/dev/null || die "$tool is not installed"; done

openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -noenc -keyout "$WORK/tls.key" -out "$WORK/tls.pem" \
    -days 2 -subj "/CN=$NAME" -addext "subjectAltName=DNS:$NAME" >/dev/null 2>&1 || die "openssl could not make the certificate"
cat >"$WORK/unbound.conf" <<CONF
server:
    interface: 127.0.0.1@$PLAIN_PORT
    interface: 127.0.0.1@$TLS_PORT
    interface: 127.0.0.1@$HTTPS_PORT
    tls-port: $TLS_PORT
    https-port: $HTTPS_PORT
    http-endpoint: "/dns-query"
    tls-service-key: "$WORK/tls.key"
    tls-service-pem: "$WORK/tls.pem"
    edns-tcp-keepalive: yes
    edns-tcp-keepalive-timeout: 60000
    incoming-num-tcp: 256
    do-ip6: no
    do-daemonize: no
    chroot: ""
    username: ""
    directory: "$WORK"
    pidfile: "$WORK/unbound.pid"
    logfile: ""
    use-syslog: no
    verbosity: 1
    num-threads: 1
    access-control: 127.0.0.0/8 allow
    local-zone: "bench." static
    local-data: "www.bench. 300 IN A 192.0.2.1"
CONF
unbound -d -c "$WORK/unbound.conf" 2>"$WORK/unbound.log" &
UNBOUND_PID=$!
for _ in $(seq 1 100); do
    grep -q "start of service" "$WORK/unbound.log" && break
    kill -0 "$UNBOUND_PID" 2>/dev/null || die "unbound ended: $(cat "$WORK/unbound.log")"
    sleep 0.1
done
grep -q "start of service" "$WORK/unbound.log" || die "unbound did not start: $(cat "$WORK/unbound.log")"

export DNSSEC_BENCH_PLAIN="127.0.0.1:$PLAIN_PORT" DNSSEC_BENCH_TLS="127.0.0.1:$TLS_PORT" \
    DNSSEC_BENCH_HTTPS="https://127.0.0.1:$HTTPS_PORT/dns-query" DNSSEC_BENCH_NAME="$NAME" DNSSEC_BENCH_CA="$WORK/tls.pem"
dotnet run -c Release --project "$ROOT/benchmarks/Dnssec.Benchmarks" -- --filter '*UpstreamTransportBenchmarks*' "$@"
