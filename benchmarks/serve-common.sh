# Sourced by the dnssec serve benchmarks (serve-load, serve-soak): the checks, the work directory, the CLI build, the
# interop hierarchy under its lock, and starting and stopping `dnssec serve`. The caller sets NAME (for messages),
# KEEP (the variable that keeps the work directory) and TOOLS (the commands it needs besides the hierarchy's) first.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HIERARCHY="$ROOT/tests/Dnssec.Tests/Interop/Hierarchy"
LOCK=/tmp/dnssec-interop-hierarchy.lock

die() { echo "$NAME: $*" >&2; exit 1; }

[[ "$(id -u)" -eq 0 ]] || die "needs root: the hierarchy adds loopback aliases and binds port 53"
for tool in dotnet dnsperf dig flock named unbound ip awk $TOOLS; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing (dnsperf: apt-get install dnsperf; the servers: tests/run.sh installs them)"
done

WORK="$(mktemp -d "/tmp/dnssec-$NAME-XXXXXX")"
DIR="$WORK/hierarchy"
started=""
serve_pid=""

stop_serve() {
    if [[ -n "$serve_pid" ]]; then
        kill -TERM "$serve_pid" 2>/dev/null || true
        wait "$serve_pid" 2>/dev/null || true
        serve_pid=""
    fi
}

cleanup() {
    stop_serve
    [[ -n "$started" ]] && bash "$HIERARCHY/build.sh" stop "$DIR" >/dev/null 2>&1
    [[ -n "${!KEEP:-}" ]] && echo "kept $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# SERVE_BUILD=native (the default) measures the tool as the README installs it, compiled ahead of time (Native AOT);
# SERVE_BUILD=jit measures `dotnet build`'s JIT-compiled one, quicker to build while iterating.
SERVE_BUILD="${SERVE_BUILD:-native}"
case "$SERVE_BUILD" in
    native)
        echo "publishing the CLI (Native AOT)"
        dotnet publish -c Release "$ROOT/src/Dnssec.Cli" -o "$WORK/cli" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "publish failed (Native AOT needs clang and zlib1g-dev)"; }
        CLI="$WORK/cli/dnssec"
        ;;
    jit)
        echo "building the CLI (JIT)"
        dotnet build -c Release "$ROOT/src/Dnssec.Cli" -nologo -v q >"$WORK/build.log" 2>&1 || { cat "$WORK/build.log" >&2; die "build failed"; }
        CLI="$ROOT/src/Dnssec.Cli/bin/Release/net10.0/dnssec"
        ;;
    *) die "SERVE_BUILD must be native or jit, not $SERVE_BUILD" ;;
esac
[[ -x "$CLI" ]] || die "no $CLI after the build"

# Builds and starts the hierarchy under its lock (interop test runs wait for it, it waits for them) and reads its
# layout: UPSTREAM and PORT (the non-validating Unbound), VALIDATOR (the validating one), AUTHORITY_PORT (BIND).
start_hierarchy() {
    exec 9>"$LOCK"
    echo "waiting for $LOCK"
    flock -w 900 9 || die "another run held $LOCK for 15 minutes"
    started=yes
    bash "$HIERARCHY/build.sh" stop
    bash "$HIERARCHY/build.sh" build "$DIR" >"$WORK/hierarchy-build.log"
    validator_on_every_core "$DIR/unbound-validator.conf"
    bash "$HIERARCHY/build.sh" start "$DIR"
    read -r UPSTREAM PORT < <(awk '$1 == "upstream" { a = $2 } $1 == "resolver-port" { p = $2 } END { print a, p }' "$DIR/layout")
    VALIDATOR="$(awk '$1 == "validator" { print $2 }' "$DIR/layout")"
    AUTHORITY_PORT="$(awk '$1 == "authority-port" { print $2 }' "$DIR/layout")"
}

# The interop tests' Unbounds run one thread with 64 outgoing sockets, which is enough for them; the Unbound that
# `dnssec serve` is measured against gets what Unbound's own tuning guide asks for a busy resolver, one thread per
# core sharing the port (so-reuseport) and room for a thousand outgoing queries each, as serve uses every core too.
validator_on_every_core() { # unbound.conf
    sed -i -e "s/^\( *num-threads:\).*/\1 $(nproc)/" -e 's/^\( *so-reuseport:\).*/\1 yes/' -e 's/^\( *outgoing-range:\).*/\1 1024/' "$1"
    grep -q "num-threads: $(nproc)" "$1" || die "could not set num-threads in $1"
}

# Restarts the hierarchy's validating Unbound with THREADS threads, and waits until it answers again.
validator_threads() { # threads
    local conf="$DIR/unbound-validator.conf" i
    sed -i "s/^\( *num-threads:\).*/\1 $1/" "$conf"
    unbound-control -c "$conf" stop >/dev/null || die "unbound-control stop (validator) failed"
    for ((i = 0; i < 100; i++)); do
        [[ -e "$DIR/unbound-validator.pid" ]] || break
        sleep 0.1
    done
    unbound -c "$conf" </dev/null >>"$WORK/unbound-validator-restart.log" 2>&1 || die "the validating Unbound did not start with $1 threads"
    for ((i = 0; i < 100; i++)); do
        dig +time=1 +tries=1 -p "$PORT" "@$VALIDATOR" test. SOA 2>/dev/null | grep -q 'status: NOERROR' && return
        sleep 0.2
    done
    die "the validating Unbound did not answer after its restart with $1 threads"
}

# Starts `dnssec serve` on 127.0.0.1:PORT with the hierarchy's anchor, hints and authority port plus the given options,
# its output in $WORK/serve.out and $WORK/serve-LABEL.err, and waits for its "listening on" line.
start_serve() { # label listen-port serve-options...
    local label="$1" listen="$2" i
    shift 2
    stop_serve
    "$CLI" serve --listen "127.0.0.1:$listen" --anchors "$DIR/root.ds" --hints "$DIR/root.hints" --authority-port "$AUTHORITY_PORT" "$@" \
        >"$WORK/serve.out" 2>"$WORK/serve-$label.err" &
    serve_pid=$!
    for ((i = 0; i < 300; i++)); do
        grep -q '^listening on' "$WORK/serve.out" 2>/dev/null && return
        kill -0 "$serve_pid" 2>/dev/null || { cat "$WORK/serve-$label.err" >&2; die "dnssec serve ($label) exited at start"; }
        sleep 0.1
    done
    die "dnssec serve ($label) did not say it listens"
}
