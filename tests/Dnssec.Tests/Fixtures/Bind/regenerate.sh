#!/usr/bin/env bash
# Rebuilds the BIND interop fixtures in this directory: signs the zones under source/ with BIND's dnssec-signzone,
# serves them with one authoritative named on 127.0.0.1, and captures raw responses with capture.py in three phases
# (only the root served; the parents served; every zone served) so that referrals can be captured too. The results
# replace signed/, responses/, manifest.tsv and anchors.txt only when the whole run succeeds. See README.md.
#
# Needs: bind9 (named), bind9-utils (dnssec-keygen, dnssec-signzone, dnssec-dsfromkey), bind9-dnsutils (delv),
# python3 (standard library only). Sends nothing off the machine. Safe to run again: keys under keys/ are made only
# when missing, so the DNSKEYs, DS records and trust anchor stay the same; RSA and Ed25519 signatures come out the
# same too, ECDSA signatures differ on each run (ECDSA signing is randomised).
#
# Usage: ./regenerate.sh            (port 35353, or set BIND_FIXTURE_PORT)
set -euo pipefail

FIXTURES="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${BIND_FIXTURE_PORT:-35353}"
INCEPTION=20260101000000
EXPIRATION=20360101000000

for tool in named dnssec-keygen dnssec-signzone dnssec-dsfromkey delv python3; do
    command -v "$tool" >/dev/null || { echo "regenerate.sh: $tool is missing (apt-get install bind9 bind9-utils bind9-dnsutils python3)" >&2; exit 1; }
done
if [[ "$PORT" -lt 1024 ]]; then
    echo "regenerate.sh: use an unprivileged port, not $PORT" >&2
    exit 1
fi
if python3 -c "import socket,sys; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(('127.0.0.1', int(sys.argv[1])))" "$PORT" 2>/dev/null; then :; else
    echo "regenerate.sh: UDP port $PORT on 127.0.0.1 is busy; set BIND_FIXTURE_PORT" >&2
    exit 1
fi

WORK="$(mktemp -d "${TMPDIR:-/tmp}/bind-fixtures.XXXXXX")"
NAMED_PID=""
cleanup() {
    if [[ -n "$NAMED_PID" ]] && kill -0 "$NAMED_PID" 2>/dev/null; then
        kill "$NAMED_PID"
        wait "$NAMED_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# zone  algorithm  key-size  keys(kskzsk|csk)  denial(nsec|nsec3|optout)
# Children come before their parents so that each parent can take its children's DS records.
SIGNED_ZONES=(
    "sub.nsec.test.  ECDSAP384SHA384  -     csk     nsec"
    "ed25519.test.   ED25519          -     csk     nsec"
    "optout.test.    ECDSAP256SHA256  -     csk     optout"
    "nsec3.test.     RSASHA256        2048  kskzsk  nsec3"
    "nsec.test.      ECDSAP256SHA256  -     csk     nsec"
    "test.           ECDSAP256SHA256  -     kskzsk  nsec"
    ".               RSASHA256        2048  kskzsk  nsec"
)
UNSIGNED_ZONES=(insecure.test. unsigned.optout.test.)
declare -A CHILDREN=(
    ["nsec.test."]="sub.nsec.test."
    ["test."]="nsec.test. nsec3.test. optout.test. ed25519.test."
    ["."]="test."
)

source_file() { if [[ "$1" == "." ]]; then echo root.zone; else echo "${1%.}.zone"; fi; }

keygen() { # zone algorithm size role
    local size=() flags=()
    [[ "$3" != "-" ]] && size=(-b "$3")
    [[ "$4" == ksk ]] && flags=(-f KSK)
    dnssec-keygen -q -K "$FIXTURES/keys" -a "$2" "${size[@]}" "${flags[@]}" -L 3600 -n ZONE "$1" >/dev/null
}

ksk_files() { # zone: the .key files with the SEP flag
    grep -l -E "IN[[:space:]]+DNSKEY[[:space:]]+257 " "$FIXTURES/keys/K$1+"*.key
}

# Everything but the keys is built in $OUT and replaces the committed files only once the whole run has succeeded.
OUT="$WORK/out"
mkdir -p "$FIXTURES/keys" "$OUT/signed" "$OUT/responses"
echo "== keys"
for spec in "${SIGNED_ZONES[@]}"; do
    read -r zone alg size keys denial <<<"$spec"
    if ! compgen -G "$FIXTURES/keys/K$zone+*.key" >/dev/null; then
        if [[ "$keys" == kskzsk ]]; then
            keygen "$zone" "$alg" "$size" ksk
            keygen "$zone" "$alg" "$([[ "$size" == - ]] && echo - || echo 1024)" zsk
        else
            keygen "$zone" "$alg" "$size" ksk
        fi
        echo "  made keys for $zone"
    fi
    for key in "$FIXTURES/keys/K$zone+"*.key; do echo "  $(basename "$key")"; done
done

echo "== signing"
for spec in "${SIGNED_ZONES[@]}"; do
    read -r zone alg size keys denial <<<"$spec"
    file="$(source_file "$zone")"
    cp "$FIXTURES/source/$file" "$WORK/$file"
    for child in ${CHILDREN[$zone]:-}; do
        for ksk in $(ksk_files "$child"); do
            dnssec-dsfromkey -2 "$ksk" >>"$WORK/$file"
        done
    done
    for key in "$FIXTURES/keys/K$zone+"*.key; do
        grep -v '^;' "$key" >>"$WORK/$file"
    done
    options=(-q -n 1 -o "$zone" -f "$WORK/$file.signed" -s "$INCEPTION" -e "$EXPIRATION" -N keep -d "$WORK")
    [[ "$keys" == csk ]] && options+=(-z)
    case "$denial" in
        nsec3) options+=(-3 - -H 0) ;;
        optout) options+=(-3 - -H 0 -A) ;;
    esac
    (cd "$WORK" && dnssec-signzone "${options[@]}" "$file" "$FIXTURES/keys/K$zone+"*.private)
    cp "$WORK/$file.signed" "$OUT/signed/"
    echo "  signed/$file.signed"
done
for zone in "${UNSIGNED_ZONES[@]}"; do
    cp "$FIXTURES/source/$(source_file "$zone")" "$WORK/"
done

echo "== trust anchor"
{
    echo "; Trust anchor for the fixture root zone (not the real root), as DS and as DNSKEY; either one suffices."
    echo "; Written by regenerate.sh from keys/$(basename "$(ksk_files .)")."
    dnssec-dsfromkey -2 "$(ksk_files .)"
    grep -v '^;' "$(ksk_files .)"
} >"$OUT/anchors.txt"
cat "$OUT/anchors.txt"
{
    echo 'trust-anchors {'
    grep -v '^;' "$(ksk_files .)" | awk '{ key = ""; for (i = 8; i <= NF; i++) key = key $i; printf "  \".\" static-key %s %s %s \"%s\";\n", $5, $6, $7, key }'
    echo '};'
} >"$WORK/delv-anchors.conf"

write_conf() { # zones to serve
    {
        cat <<EOF
options {
    directory "$WORK";
    pid-file "$WORK/named.pid";
    session-keyfile "$WORK/session.key";
    managed-keys-directory "$WORK";
    listen-on port $PORT { 127.0.0.1; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    minimal-responses no;
    notify no;
    allow-transfer { none; };
};
controls { };
EOF
        for zone in "$@"; do
            file="$(source_file "$zone")"
            [[ -f "$WORK/$file.signed" ]] && file="$file.signed"
            echo "zone \"$zone\" { type primary; file \"$WORK/$file\"; };"
        done
    } >"$WORK/named.conf"
}

serve() { # zones to serve; starts named or makes it reload
    write_conf "$@"
    if [[ -z "$NAMED_PID" ]]; then
        named -g -n 1 -c "$WORK/named.conf" >"$WORK/named.log" 2>&1 &
        NAMED_PID=$!
    else
        kill -HUP "$NAMED_PID"
    fi
    if ! python3 "$FIXTURES/capture.py" wait --port "$PORT" "$@"; then
        cat "$WORK/named.log" >&2
        exit 1
    fi
}

echo "== capturing on 127.0.0.1 port $PORT"
manifest="$OUT/manifest.tsv"
printf 'file\tqname\tqtype\ttransport\tphase\trcode\tflags\tqdcount\tancount\tnscount\tarcount\tdelv\tshows\n' >"$manifest"

echo "phase root: only . is served"
serve .
python3 "$FIXTURES/capture.py" capture --port "$PORT" --phase root --out "$OUT/responses" --manifest "$manifest"

echo "phase parents: the leaf zones below delegations are not served yet"
serve . test. nsec.test. nsec3.test. optout.test. ed25519.test.
python3 "$FIXTURES/capture.py" capture --port "$PORT" --phase parents --out "$OUT/responses" --manifest "$manifest"

echo "phase all: every zone is served"
serve . test. nsec.test. nsec3.test. optout.test. ed25519.test. sub.nsec.test. insecure.test. unsigned.optout.test.
python3 "$FIXTURES/capture.py" capture --port "$PORT" --phase all --out "$OUT/responses" --manifest "$manifest" \
    --anchors "$WORK/delv-anchors.conf"

rm -rf "$FIXTURES/signed" "$FIXTURES/responses"
cp -r "$OUT/signed" "$OUT/responses" "$OUT/anchors.txt" "$OUT/manifest.tsv" "$FIXTURES/"
echo "== done: $(ls "$FIXTURES/responses" | wc -l) responses, $(du -sh --apparent-size "$FIXTURES" | cut -f1) in $FIXTURES"
