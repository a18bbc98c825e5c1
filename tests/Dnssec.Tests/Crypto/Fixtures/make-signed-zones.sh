#!/usr/bin/env bash
# Regenerates signed/ beside this script: source.zone signed by real tools with every DNSSEC algorithm a
# validator may meet, for Crypto/ToolSignedZoneTests.cs. For each zone NAME it writes
#   signed/NAME.zone       the signed zone (one record per line)
#   signed/NAME.ds         the parent-side DS records of the zone's KSK, SHA-1, SHA-256 and SHA-384, as the
#                          tool prints them (BIND's dnssec-dsfromkey; ldns-key2ds for DSA, which BIND 9.18 dropped)
#   signed/NAME.child.key  the DNSKEY of the delegated child sub.example., whose DS the zone publishes
# Keys are made afresh on each run, so every byte changes; only the private keys are thrown away.
#
# Needs: bind9-utils (dnssec-keygen, dnssec-signzone, dnssec-dsfromkey, dnssec-verify) and ldnsutils (ldns-keygen,
# ldns-signzone, ldns-key2ds, ldns-verify-zone). RSA keys are 1024 bits and DSA 1024 bits to keep the files small.
# Usage: ./make-signed-zones.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ORIGIN=example.
INCEPTION=20260101000000
EXPIRATION=20360101000000

for tool in dnssec-keygen dnssec-signzone dnssec-dsfromkey dnssec-verify ldns-keygen ldns-signzone ldns-key2ds ldns-verify-zone; do
    command -v "$tool" >/dev/null || { echo "make-signed-zones.sh: $tool is missing (apt-get install bind9-utils ldnsutils)" >&2; exit 1; }
done

work="$(mktemp -d "${TMPDIR:-/tmp}/signed-zones.XXXXXX")"
trap 'rm -rf "$work"' EXIT
out="$work/signed"
mkdir -p "$out"

# name                       BIND algorithm     denial: nsec | nsec3 SALT ITERATIONS | nsec3-optout SALT ITERATIONS
# Algorithm 7 uses RFC 5155 Appendix A's parameters (salt AABBCCDD, 12 iterations); the others RFC 9276's (none, 0).
BIND_ZONES=(
    "05-rsasha1-nsec             RSASHA1            nsec"
    "07-nsec3rsasha1-nsec3       NSEC3RSASHA1       nsec3 aabbccdd 12"
    "08-rsasha256-nsec3          RSASHA256          nsec3 - 0"
    "10-rsasha512-nsec           RSASHA512          nsec"
    "13-ecdsap256sha256-optout   ECDSAP256SHA256    nsec3-optout - 0"
    "14-ecdsap384sha384-nsec     ECDSAP384SHA384    nsec"
    "15-ed25519-nsec3            ED25519            nsec3 - 0"
    "16-ed448-nsec               ED448              nsec"
)

bind_keygen() { # directory algorithm zone [KSK]
    local size=() flags=()
    [[ "$2" == RSA* || "$2" == NSEC3RSA* ]] && size=(-b 1024)
    [[ "${4:-}" == KSK ]] && flags=(-f KSK)
    dnssec-keygen -q -K "$1" -a "$2" "${size[@]}" "${flags[@]}" -L 3600 -n ZONE "$3"
}

for spec in "${BIND_ZONES[@]}"; do
    read -r name alg denial salt iterations <<<"$spec"
    echo "== $name" >&2
    dir="$work/$name"
    mkdir -p "$dir"
    child=$(bind_keygen "$dir" "$alg" "sub.$ORIGIN" KSK)
    ksk=$(bind_keygen "$dir" "$alg" "$ORIGIN" KSK)
    zsk=$(bind_keygen "$dir" "$alg" "$ORIGIN")

    cp "$here/source.zone" "$dir/zone.in"
    dnssec-dsfromkey -2 -T 3600 "$dir/$child.key" >>"$dir/zone.in"
    cat "$dir/$ksk.key" "$dir/$zsk.key" >>"$dir/zone.in"

    options=()
    case "$denial" in
        nsec) ;;
        nsec3) options=(-3 "$salt" -H "$iterations") ;;
        nsec3-optout) options=(-3 "$salt" -H "$iterations" -A) ;;
    esac
    (cd "$dir" && dnssec-signzone -q -O full -o "$ORIGIN" -s "$INCEPTION" -e "$EXPIRATION" "${options[@]}" \
        -f "$out/$name.zone" -k "$ksk" zone.in "$zsk" >/dev/null)
    dnssec-dsfromkey -T 3600 -a SHA-1 -a SHA-256 -a SHA-384 "$dir/$ksk.key" >"$out/$name.ds"
    grep -v '^;' "$dir/$child.key" >"$out/$name.child.key"
done

# DSA (RFC 2536) with NSEC3, algorithm 6: BIND 9.18 no longer signs with DSA, ldns still does.
name=06-dsansec3sha1-nsec3
echo "== $name" >&2
dir="$work/$name"
mkdir -p "$dir"
(
    cd "$dir"
    child=$(ldns-keygen -a DSA-NSEC3-SHA1 -b 1024 -k "sub.$ORIGIN")
    ksk=$(ldns-keygen -a DSA-NSEC3-SHA1 -b 1024 -k "$ORIGIN")
    zsk=$(ldns-keygen -a DSA-NSEC3-SHA1 -b 1024 "$ORIGIN")
    rm -f ./*.ds
    cp "$here/source.zone" zone.in
    ldns-key2ds -n -2 "$child.key" >>zone.in
    ldns-signzone -n -s aabbccdd -t 5 -i "$INCEPTION" -e "$EXPIRATION" -o "$ORIGIN" -f "$out/$name.zone" zone.in "$ksk" "$zsk"
    for digest in -1 -2 -4; do ldns-key2ds -n "$digest" "$ksk.key"; done >"$out/$name.ds"
    grep -v '^;' "$child.key" >"$out/$name.child.key"
)

# The peers must accept what they made before it replaces the committed files: BIND checks its own zones (it no
# longer knows DSA), ldns checks all of them, at a time inside the validity period.
for zone in "$out"/*.zone; do
    case "$(basename "$zone")" in
        06-*) ;;
        *) dnssec-verify -q -o "$ORIGIN" "$zone" ;;
    esac
    ldns-verify-zone -t 20260601000000 "$zone" >/dev/null
done

rm -rf "$here/signed"
mv "$out" "$here/signed"
echo "Wrote $(ls "$here/signed" | wc -l) files to $here/signed" >&2
