#!/bin/sh
# Regenerates the BIND-made fixtures beside this script. Needs BIND 9.18 tools (named-checkzone, dnssec-keygen,
# dnssec-signzone). Keys are made afresh each run, so signatures change; the tests only compare our reading and
# printing with BIND's, never fixed signature bytes.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# BIND's own print of every type, in the one-record-per-line form named-checkzone -D writes.
named-checkzone -q -k ignore -D -o "$here/all-types.bind.txt" example "$here/all-types.zone" || true
test -s "$here/all-types.bind.txt"

cd "$work"
for alg in ECDSAP256SHA256 RSASHA256; do
    rm -f K* zone.*
    bits=""
    if [ "$alg" = RSASHA256 ]; then bits="-b 2048"; fi
    ksk=$(dnssec-keygen -q -a $alg $bits -f KSK example)
    zsk=$(dnssec-keygen -q -a $alg $bits example)
    name=$(echo $alg | tr 'A-Z' 'a-z' | sed 's/p256sha256//; s/sha256//')
    for denial in nsec nsec3; do
        cp "$here/signed-source.zone" zone.in
        cat "$ksk.key" "$zsk.key" >> zone.in
        opts=""
        if [ $denial = nsec3 ]; then opts="-3 aabbccdd -H 0 -A"; fi
        dnssec-signzone -q -o example -s 20240101000000 -e 20340101000000 $opts -f zone.signed zone.in "$ksk" "$zsk" >/dev/null
        cp zone.signed "$here/signed-$name-$denial.zone"
        named-checkzone -q -k ignore -D -o "$here/signed-$name-$denial.bind.txt" example zone.signed
    done
done
