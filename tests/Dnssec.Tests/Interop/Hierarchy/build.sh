#!/usr/bin/env bash
# Builds, serves and checks the interop hierarchy: a private root ".", the TLD "test." and 46 scenario zones below
# it, signed with BIND's dnssec-keygen and dnssec-signzone around the real current time (named and Unbound use the
# real clock), some of them broken on purpose. One named serves every zone, each on its own loopback address at
# port 53 (Unbound only ever asks authorities on port 53), one view per address so that each address serves only
# its zone and resolvers have to follow the referrals. Two Unbounds iterate from the hierarchy's root hints: a
# non-validating one (the untrusted upstream a stub resolver talks to) and a validating one (the reference).
# See README.md beside this script for the layout and the scenarios.
#
# Usage:
#   build.sh build DIR   make keys, zones, signatures, root hints, trust anchors and server configs in DIR (no root)
#   build.sh start DIR   add the loopback aliases, start named and both Unbounds from DIR, wait until they answer
#   build.sh stop [DIR]  stop what start started (DIR or, without it, the run recorded in the run file) and remove
#                        the aliases; harmless when nothing runs. Cleans up after a run that was killed.
#   build.sh up DIR      stop, build and start: the whole hierarchy in one go
#   build.sh check DIR   ask the validating Unbound and delv every scenario of scenarios.tsv, print what they say
#
# Needs: bind9 (named), bind9-utils (dnssec-keygen, -signzone, -dsfromkey, -revoke), bind9-dnsutils (dig, delv),
# unbound (unbound, unbound-checkconf), iproute2 (ip), coreutils (timeout); start and stop need root for the
# aliases and port 53. Sends nothing off the machine.
#
# Environment: HIERARCHY_RESOLVER_PORT (5353) is the port both Unbounds listen on; HIERARCHY_RUN_FILE
# (/tmp/dnssec-interop-hierarchy.run) records the running instance so that a later stop can find it.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
AUTHORITY_PORT=53
NET=127.0.53
UPSTREAM_ADDRESS=127.0.54.1
VALIDATOR_ADDRESS=127.0.54.2
RESOLVER_PORT="${HIERARCHY_RESOLVER_PORT:-5353}"
RUN_FILE="${HIERARCHY_RUN_FILE:-/tmp/dnssec-interop-hierarchy.run}"
TTL=300

# Every zone: name, last octet of its server's address ($NET.x), algorithm ("unsigned" for none), RSA key size,
# keys (csk: one key signs everything; kskzsk: a KSK signs the DNSKEY RRset, a ZSK the rest), denial, and the
# variant that makes the scenario. A zone's parent is the closest enclosing zone in this table.
#   denial:  nsec | nsec3 (SHA-1, no salt, 0 extra iterations) | nsec3iter (salt aabbccdd, 10 iterations)
#            | optout (nsec3 with opt-out)
#   variant: -            nothing special
#            ds1 ds384    the parent's DS uses SHA-1 / SHA-384 instead of SHA-256
#            dsextra      the parent also has a DS for an RSASHA256 key the zone does not have
#            expired      every signature expired (valid from now-40d to now-10d)
#            notyet       no signature valid yet (valid from now+10d to now+40d)
#            wrongds      the parent's only DS is for another key of the same algorithm
#            stripped     the RRSIG of www A removed
#            badsig       one octet of the RRSIG of www A changed
#            dnskeynotksk the KSK's RRSIG over the DNSKEY RRset removed: only the ZSK, which no DS names, signs it
#            missingkey   the parent has a DS, the zone is served unsigned
#            unusedalg    the parent's only DS names an RSASHA256 KSK that the zone publishes but never signs with
#            revoked      the KSK was revoked (REVOKE bit, new key tag); the parent's DS still names it as it was
#            dsrevoked    the KSK was revoked and the parent's DS names the revoked key
#            badnsec      one octet changed in every RRSIG over an NSEC below the apex: denials do not verify
ZONES=(
    ".                      1   ECDSAP256SHA256   -     kskzsk  nsec       -"
    "test.                  2   ECDSAP256SHA256   -     kskzsk  nsec       -"
    "alg5.test.             10  RSASHA1           1024  kskzsk  nsec       -"
    "alg7.test.             11  NSEC3RSASHA1      1024  kskzsk  nsec3      -"
    "alg8.test.             12  RSASHA256         1024  kskzsk  nsec3      -"
    "alg10.test.            13  RSASHA512         1024  csk     nsec       -"
    "alg13.test.            14  ECDSAP256SHA256   -     csk     nsec       -"
    "alg14.test.            15  ECDSAP384SHA384   -     kskzsk  nsec3      -"
    "alg15.test.            16  ED25519           -     csk     nsec3      -"
    "alg16.test.            17  ED448             -     csk     nsec       -"
    "nsec.test.             18  ECDSAP256SHA256   -     csk     nsec       -"
    "nsec3.test.            19  ECDSAP256SHA256   -     csk     nsec3      -"
    "unsigned.nsec3.test.   20  unsigned          -     -       -          -"
    "nsec3iter.test.        21  ECDSAP256SHA256   -     csk     nsec3iter  -"
    "optout.test.           22  ECDSAP256SHA256   -     csk     optout     -"
    "unsigned.optout.test.  23  unsigned          -     -       -          -"
    "wild.test.             24  ED25519           -     csk     nsec       -"
    "wild3.test.            25  ECDSAP256SHA256   -     csk     nsec3      -"
    "cname.test.            26  ECDSAP256SHA256   -     csk     nsec       -"
    "dname.test.            27  ECDSAP256SHA256   -     csk     nsec3      -"
    "insecure.test.         28  unsigned          -     -       -          -"
    "deep.test.             29  ECDSAP384SHA384   -     kskzsk  nsec       -"
    "sub.deep.test.         30  ED25519           -     csk     nsec       -"
    "ds1.test.              31  ECDSAP256SHA256   -     csk     nsec       ds1"
    "ds384.test.            32  ECDSAP256SHA256   -     csk     nsec       ds384"
    "dsextra.test.          33  ECDSAP256SHA256   -     csk     nsec       dsextra"
    "expired.test.          34  ECDSAP256SHA256   -     csk     nsec       expired"
    "notyet.test.           35  ECDSAP256SHA256   -     csk     nsec       notyet"
    "wrongds.test.          36  ECDSAP256SHA256   -     csk     nsec       wrongds"
    "stripped.test.         37  ECDSAP256SHA256   -     csk     nsec       stripped"
    "badsig.test.           38  ECDSAP256SHA256   -     kskzsk  nsec       badsig"
    "dnskeynotksk.test.     39  ECDSAP256SHA256   -     kskzsk  nsec       dnskeynotksk"
    "missingkey.test.       40  unsigned          -     -       -          missingkey"
    "unusedalg.test.        41  ECDSAP256SHA256   -     csk     nsec       unusedalg"
    "revoked.test.          42  ECDSAP256SHA256   -     kskzsk  nsec       revoked"
    "badnsec.test.          43  ECDSAP256SHA256   -     csk     nsec       badnsec"
    "dsrevoked.test.        44  ECDSAP256SHA256   -     kskzsk  nsec       dsrevoked"
    "wcname.test.           45  ECDSAP256SHA256   -     csk     nsec       -"
    "wcname3.test.          46  ECDSAP256SHA256   -     csk     nsec3      -"
    "cut.test.              47  ECDSAP256SHA256   -     csk     nsec       -"
    "unsigned.cut.test.     48  unsigned          -     -       -          -"
    "signed.cut.test.       49  ECDSAP256SHA256   -     csk     nsec       -"
    "cut3.test.             50  ECDSAP256SHA256   -     csk     nsec3      -"
    "unsigned.cut3.test.    51  unsigned          -     -       -          -"
    "signed.cut3.test.      52  ECDSAP256SHA256   -     csk     nsec3      -"
    "cutout.test.           53  ECDSAP256SHA256   -     csk     optout     -"
    "unsigned.cutout.test.  54  unsigned          -     -       -          -"
    "signed.wild.test.      55  ECDSAP256SHA256   -     csk     nsec       -"
    "dane.test.             56  ECDSAP256SHA256   -     csk     nsec       -"
)

# The mail host of dane.test.: mx.dane.test. and mx.forged.dane.test. have this address, where the DANE SMTP tests
# (../PostfixDaneTests.cs) run a receiving Postfix on port 25 with the certificate build writes to dane/mx.crt.
MAIL_HOST_ADDRESS=$NET.250

die() { echo "build.sh: $*" >&2; exit 1; }

need() {
    local tool
    for tool in "$@"; do
        command -v "$tool" >/dev/null 2>&1 || die "$tool is missing: run tests/run.sh, or apt-get install bind9 bind9-utils bind9-dnsutils unbound iproute2"
    done
}

# The table as lookups: ZONE_NAMES in order, SPEC, PARENT (the closest enclosing zone of the table), ADDRESS,
# NS_NAME (the server's name: ns.<zone>, a.root-servers. for the root) and STEM (the file name: root for ".").
ZONE_NAMES=()
declare -A SPEC=() PARENT=() ADDRESS=() NS_NAME=() STEM=()
for spec in "${ZONES[@]}"; do
    read -r zone host _ <<<"$spec"
    ZONE_NAMES+=("$zone")
    SPEC[$zone]="$spec"
    ADDRESS[$zone]="$NET.$host"
    if [[ "$zone" == "." ]]; then NS_NAME[$zone]="a.root-servers."; STEM[$zone]=root; else NS_NAME[$zone]="ns.$zone"; STEM[$zone]="${zone%.}"; fi
done
for zone in "${ZONE_NAMES[@]}"; do
    name="$zone"
    while [[ "$name" != "." ]]; do
        name="${name#*.}"
        [[ -z "$name" ]] && name="."
        if [[ -n "${SPEC[$name]:-}" ]]; then PARENT[$zone]="$name"; break; fi
    done
done
unset spec zone host name

# Sets z_name, z_host, z_alg, z_bits, z_keys, z_denial, z_variant for a zone of the table.
zone_fields() {
    [[ -n "${SPEC[$1]:-}" ]] || die "no zone $1"
    read -r z_name z_host z_alg z_bits z_keys z_denial z_variant <<<"${SPEC[$1]}"
}

children_of() { local zone; for zone in "${ZONE_NAMES[@]}"; do [[ "${PARENT[$zone]:-}" == "$1" ]] && echo "$zone"; done; true; }

# The records of a zone before keys, DS and signatures: SOA, NS, the server's address, and the scenario's data.
zone_source() {
    local zone="$1" ns child
    ns="${NS_NAME[$zone]}"
    echo "\$TTL $TTL"
    echo "$zone IN SOA $ns hostmaster.$ns 1 3600 600 86400 $TTL"
    echo "$zone IN NS $ns"
    echo "$ns IN A ${ADDRESS[$zone]}"
    case "$zone" in
        .) ;;
        test.) ;;
        *)
            echo "www.$zone IN A 192.0.2.1"
            echo "www.$zone IN AAAA 2001:db8::1"
            echo "txt.$zone IN TXT \"zone $zone\""
            ;;
    esac
    case "$zone" in
        nsec.test. | nsec3.test. | nsec3iter.test.)
            echo "host.ent.$zone IN A 192.0.2.2"
            echo "$zone IN MX 10 www.$zone"
            ;;
        wild.test. | wild3.test.)
            echo "*.$zone IN A 192.0.2.3"
            echo "*.$zone IN TXT \"wildcard in $zone\""
            # A second wildcard, the next name after *.wild.test. in the NSEC chain: the forging-upstream tests rename
            # that wildcard's NSEC to !.m.wild.test., which stays in order, to deny the MX this one gives !.m.wild.test.
            if [[ "$zone" == wild.test. ]]; then echo "*.m.$zone IN MX 10 www.$zone"; fi
            ;;
        cname.test.)
            echo "alias.$zone IN CNAME www.$zone"
            echo "cross.$zone IN CNAME www.alg13.test."
            echo "tonx.$zone IN CNAME nx.nsec.test."
            echo "toinsecure.$zone IN CNAME www.insecure.test."
            echo "tobogus.$zone IN CNAME www.badsig.test."
            echo "toinsecurenx.$zone IN CNAME nx.insecure.test."
            # Chains of two and three CNAMEs across zones; the weakest link decides.
            echo "twosecure.$zone IN CNAME tosigned.cut.test."
            echo "twoinsecure.$zone IN CNAME tosecure.insecure.test."
            echo "twounsigned.$zone IN CNAME tounsigned.cut3.test."
            echo "twooptoutnx.$zone IN CNAME tonx.cutout.test."
            echo "threesecure.$zone IN CNAME tocut.cut3.test."
            echo "threeinsecure.$zone IN CNAME back.insecure.test."
            ;;
        dname.test.)
            echo "inzone.$zone IN DNAME target.$zone"
            echo "www.target.$zone IN A 192.0.2.4"
            echo "cross.$zone IN DNAME nsec.test."
            echo "toinsecure.$zone IN DNAME insecure.test."
            echo "tobogus.$zone IN DNAME expired.test."
            ;;
        insecure.test.)
            echo "tosecure.$zone IN CNAME www.nsec.test."
            echo "tobogus.$zone IN CNAME www.badsig.test."
            echo "back.$zone IN CNAME tosigned.cut3.test."
            echo "v4.$zone IN A 192.0.2.5"
            ;;
        wcname.test. | wcname3.test.)
            # Wildcard CNAMEs out of the signed zone: into the unsigned insecure.test. (to a name with A only, and to
            # one that does not exist) and, for comparison, into the signed nsec.test.
            echo "*.$zone IN CNAME v4.insecure.test."
            echo "*.nx.$zone IN CNAME nx.insecure.test."
            echo "*.secure.$zone IN CNAME www.nsec.test."
            ;;
        cut.test. | cut3.test. | cutout.test.)
            # CNAMEs and DNAMEs to names at and below the zone's own delegations: the zone's server answers with the
            # CNAME (or DNAME and the CNAME it synthesises) and the referral, DS or the proof of no DS, in one response.
            echo "tounsigned.$zone IN CNAME www.unsigned.$zone"
            echo "tounsignednx.$zone IN CNAME nx.unsigned.$zone"
            echo "tounsignedapex.$zone IN CNAME unsigned.$zone"
            echo "tonx.$zone IN CNAME nx.$zone"
            echo "dunsigned.$zone IN DNAME unsigned.$zone"
            if [[ "$zone" != cutout.test. ]]; then
                echo "tosigned.$zone IN CNAME www.signed.$zone"
                echo "tosignedapex.$zone IN CNAME signed.$zone"
                echo "dsigned.$zone IN DNAME signed.$zone"
            fi
            if [[ "$zone" == cut3.test. ]]; then echo "tocut.$zone IN CNAME tosigned.cut.test."; fi
            ;;
        unsigned.cut.test. | signed.cut.test. | unsigned.cut3.test. | signed.cut3.test. | unsigned.cutout.test.)
            echo "$zone IN A 192.0.2.6"
            ;;
        dane.test.)
            # Two mail domains on one mail host: dane.test.'s TLSA (DANE-EE, SPKI, SHA-256) matches the host's
            # certificate; forged.dane.test.'s names another key, as a forged TLSA would. Both are signed alike.
            echo "$zone IN MX 10 mx.$zone"
            echo "mx.$zone IN A $MAIL_HOST_ADDRESS"
            echo "_25._tcp.mx.$zone IN TLSA 3 1 1 $DANE_TLSA"
            echo "forged.$zone IN MX 10 mx.forged.$zone"
            echo "mx.forged.$zone IN A $MAIL_HOST_ADDRESS"
            echo "_25._tcp.mx.forged.$zone IN TLSA 3 1 1 $DANE_FORGED_TLSA"
            ;;
    esac
    for child in $(children_of "$zone"); do
        echo "$child IN NS ${NS_NAME[$child]}"
        echo "${NS_NAME[$child]} IN A ${ADDRESS[$child]}"
    done
}

keygen() { # directory zone algorithm bits role(ksk|zsk)
    local size=() flags=()
    [[ "$4" != "-" ]] && size=(-b "$4")
    [[ "$5" == ksk ]] && flags=(-f KSK)
    local output
    output="$(timeout 60 dnssec-keygen -q -K "$1" -a "$3" "${size[@]}" "${flags[@]}" -L "$TTL" -n ZONE "$2" 2>&1)" ||
        { echo "$output" >&2; die "dnssec-keygen -a $3 $2 failed"; }
}

dsfromkey() { # options... key file; without BIND 9.18's spurious "DS digest type 0 is deprecated" warning
    local output
    output="$(timeout 60 dnssec-dsfromkey "$@" 2>&1)" || { echo "$output" >&2; die "dnssec-dsfromkey $* failed"; }
    grep -v '^WARNING' <<<"$output"
}

ksk_key_files() { # directory zone: the .key files with the SEP flag (257, or 385 when revoked)
    grep -l -E "DNSKEY[[:space:]]+(257|385) " "$1/K$2+"*.key
}

key_tag() { # key file name K<zone>+<alg>+<tag>.key
    local base="${1##*+}"
    echo "$((10#${base%.key}))"
}

# Runs the commands queued with `queue` at most $JOBS at a time and fails if one of them failed.
JOBS=2
QUEUE=()
queue() { QUEUE+=("$(printf '%q ' "$@")"); }
run_queue() {
    local pids=() command pid failed=0
    for command in "${QUEUE[@]}"; do
        eval "$command" &
        pids+=($!)
        if ((${#pids[@]} >= JOBS)); then
            wait "${pids[0]}" || failed=1
            pids=("${pids[@]:1}")
        fi
    done
    for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
    QUEUE=()
    ((failed == 0)) || die "a step above failed"
}

sign_zone() { # directory zone
    local dir="$1" zone="$2" stem keys options
    zone_fields "$zone"
    stem="${STEM[$zone]}"
    options=(-n 1 -q -O full -o "$zone" -f "$dir/signed/$stem.zone" -N keep -d "$dir/work")
    case "$z_variant" in
        expired) options+=(-s now-40d -e now-10d -P) ;;
        notyet) options+=(-s now+10d -e now+40d -P) ;;
        *) options+=(-s now-1d -e now+30d) ;;
    esac
    case "$z_variant" in unusedalg | revoked | dsrevoked) options+=(-P) ;; esac
    [[ "$z_keys" == csk ]] && options+=(-z)
    case "$z_denial" in
        nsec3) options+=(-3 - -H 0) ;;
        nsec3iter) options+=(-3 aabbccdd -H 10) ;;
        optout) options+=(-3 - -H 0 -A) ;;
    esac
    keys=("$dir/keys/K$zone+"*.private)
    (cd "$dir/work" && timeout 60 dnssec-signzone "${options[@]}" "$dir/zones/$stem.zone" "${keys[@]}") >"$dir/work/$stem.sign.log" 2>&1 ||
        { cat "$dir/work/$stem.sign.log" >&2; die "signing $zone failed"; }
}

# An awk function that changes one base64 character in the middle of an RRSIG's signature (field 13 of -O full),
# so that the signature no longer verifies while the record stays well-formed.
CORRUPT='function corrupt() { c = substr($13, 10, 1); $13 = substr($13, 1, 9) (c == "A" ? "B" : "A") substr($13, 11) }'

# The deliberate breakage that has to happen after signing; -O full writes one record a line:
# owner ttl class type rdata..., and for RRSIG: covered algorithm labels ttl expiration inception tag signer signature.
break_zone() { # directory zone
    local dir="$1" zone="$2" file ksk_tag
    zone_fields "$zone"
    file="$dir/signed/${STEM[$zone]}.zone"
    case "$z_variant" in
        stripped)
            awk -v owner="www.$zone" '!($1 == owner && $4 == "RRSIG" && $5 == "A")' "$file" >"$file.new"
            ;;
        badsig)
            awk -v owner="www.$zone" "$CORRUPT"'
                $1 == owner && $4 == "RRSIG" && $5 == "A" { corrupt() }
                { print }' "$file" >"$file.new"
            ;;
        badnsec)
            # The apex NSEC keeps its signature: named serves a zone whose apex NSEC is unsigned without any RRSIG,
            # and answers SERVFAIL where an NSEC it needs has no RRSIG, so the signatures are spoilt, not removed.
            awk -v apex="$zone" "$CORRUPT"'
                $1 != apex && $4 == "RRSIG" && $5 == "NSEC" { corrupt() }
                { print }' "$file" >"$file.new"
            ;;
        dnskeynotksk)
            ksk_tag="$(key_tag "$(ksk_key_files "$dir/keys" "$zone")")"
            awk -v tag="$ksk_tag" '!($4 == "RRSIG" && $5 == "DNSKEY" && $11 == tag)' "$file" >"$file.new"
            ;;
        *) return 0 ;;
    esac
    cmp -s "$file" "$file.new" && die "breaking $zone ($z_variant) changed nothing"
    mv "$file.new" "$file"
}

ds_records() { # directory child: the DS RRset the parent publishes for child
    local dir="$1" zone="$2" key
    zone_fields "$zone"
    case "$z_variant" in
        missingkey | wrongds | unusedalg | revoked)
            for key in $(ksk_key_files "$dir/extra" "$zone"); do dsfromkey -2 "$key"; done
            return 0
            ;;
    esac
    [[ "$z_alg" == unsigned ]] && return 0
    for key in $(ksk_key_files "$dir/keys" "$zone"); do
        case "$z_variant" in
            ds1) dsfromkey -1 "$key" ;;
            ds384) dsfromkey -a SHA-384 "$key" ;;
            *) dsfromkey -2 "$key" ;;
        esac
    done
    if [[ "$z_variant" == dsextra ]]; then
        for key in $(ksk_key_files "$dir/extra" "$zone"); do dsfromkey -2 "$key"; done
    fi
}

# The mail host's self-signed certificate (dane/mx.crt, key dane/mx.key) and the TLSA data of dane.test.'s zone:
# DANE_TLSA matches the certificate's key, DANE_FORGED_TLSA that of another key (dane/forged.key) the host never has.
dane_certificate() { # directory
    local dir="$1" key
    for key in mx forged; do
        timeout 30 openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$dir/$key.key" 2>/dev/null ||
            die "openssl genpkey failed"
    done
    timeout 30 openssl req -x509 -new -key "$dir/mx.key" -subj /CN=mx.dane.test -days 30 -out "$dir/mx.crt" 2>/dev/null ||
        die "openssl req failed"
    DANE_TLSA="$(openssl x509 -in "$dir/mx.crt" -pubkey -noout | openssl pkey -pubin -outform DER | openssl dgst -sha256 -r | awk '{ print toupper($1) }')"
    DANE_FORGED_TLSA="$(openssl pkey -in "$dir/forged.key" -pubout -outform DER | openssl dgst -sha256 -r | awk '{ print toupper($1) }')"
    [[ ${#DANE_TLSA} -eq 64 && ${#DANE_FORGED_TLSA} -eq 64 ]] || die "no SPKI digest for the DANE certificate"
}

build() {
    local dir="$1" zone stem key child count
    need dnssec-keygen dnssec-signzone dnssec-dsfromkey dnssec-revoke named-checkconf unbound-checkconf openssl timeout awk
    [[ -n "$dir" ]] || die "build needs a directory"
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    rm -rf "${dir:?}/keys" "$dir/extra" "$dir/zones" "$dir/signed" "$dir/work" "$dir/dane"
    mkdir -p "$dir/keys" "$dir/extra" "$dir/zones" "$dir/signed" "$dir/work" "$dir/dane"
    local started=$SECONDS
    dane_certificate "$dir/dane"

    # Keys. "extra" holds keys the zone does not sign with: the wrong DS's key, the extra DS's key, the key of the
    # zone served unsigned, and the RSASHA256 KSK that unusedalg publishes without signing with it.
    for zone in "${ZONE_NAMES[@]}"; do
        zone_fields "$zone"
        case "$z_variant" in
            wrongds) queue keygen "$dir/extra" "$zone" "$z_alg" "$z_bits" ksk ;;
            dsextra | unusedalg) queue keygen "$dir/extra" "$zone" RSASHA256 1024 ksk ;;
            missingkey) queue keygen "$dir/extra" "$zone" ECDSAP256SHA256 - ksk ;;
        esac
        [[ "$z_alg" == unsigned ]] && continue
        queue keygen "$dir/keys" "$zone" "$z_alg" "$z_bits" ksk
        [[ "$z_keys" == kskzsk ]] && queue keygen "$dir/keys" "$zone" "$z_alg" "$z_bits" zsk
    done
    run_queue
    # RFC 5011 revocation: the KSK gets the REVOKE bit (and so a new key tag). The zone keeps only the revoked key;
    # a copy of the key as it was stays in extra/ for the DS of the "revoked" variant.
    for zone in revoked.test. dsrevoked.test.; do
        key="$(ksk_key_files "$dir/keys" "$zone")"
        cp "$key" "$dir/extra/"
        timeout 60 dnssec-revoke -r "$key" >/dev/null || die "dnssec-revoke $key failed"
    done
    echo "keys: $(ls "$dir/keys" "$dir/extra" | grep -c '\.key$') in $((SECONDS - started))s"

    # Zone files: the records, the children's DS records and the zone's own DNSKEYs.
    for zone in "${ZONE_NAMES[@]}"; do
        stem="${STEM[$zone]}"
        zone_fields "$zone"
        local alg="$z_alg" variant="$z_variant"
        {
            zone_source "$zone"
            for child in $(children_of "$zone"); do ds_records "$dir" "$child"; done
            if [[ "$alg" != unsigned ]]; then
                for key in "$dir/keys/K$zone+"*.key; do grep -v '^;' "$key"; done
            fi
            if [[ "$variant" == unusedalg ]]; then
                for key in "$dir/extra/K$zone+"*.key; do grep -v '^;' "$key"; done
            fi
        } >"$dir/zones/$stem.zone"
    done

    # Signing (in parallel: each zone needs only its keys and its children's DS, which come from the keys).
    for zone in "${ZONE_NAMES[@]}"; do
        zone_fields "$zone"
        if [[ "$z_alg" == unsigned ]]; then
            cp "$dir/zones/${STEM[$zone]}.zone" "$dir/signed/"
        else
            queue sign_zone "$dir" "$zone"
        fi
    done
    run_queue
    for zone in "${ZONE_NAMES[@]}"; do break_zone "$dir" "$zone"; done
    echo "signed: ${#ZONE_NAMES[@]} zones in $((SECONDS - started))s"

    # Root hints, trust anchors, the zone list.
    {
        echo "; Root hints of the interop hierarchy (named.root form): its private root, not the real one."
        echo ".                        3600000  NS  a.root-servers."
        echo "a.root-servers.          3600000  A   ${ADDRESS[.]}"
    } >"$dir/root.hints"
    key="$(ksk_key_files "$dir/keys" .)"
    dsfromkey -2 "$key" >"$dir/root.ds"
    grep -v '^;' "$key" >"$dir/root.dnskey"
    {
        echo 'trust-anchors {'
        awk '{ key = ""; for (i = 8; i <= NF; i++) key = key $i; printf "    \".\" static-key %s %s %s \"%s\";\n", $5, $6, $7, key }' "$dir/root.dnskey"
        echo '};'
    } >"$dir/delv-anchors.conf"
    {
        printf 'zone\taddress\tsigned\tvariant\n'
        for zone in "${ZONE_NAMES[@]}"; do
            zone_fields "$zone"
            printf '%s\t%s\t%s\t%s\n' "$zone" "$NET.$z_host" "$([[ "$z_alg" == unsigned ]] && echo no || echo yes)" "$z_variant"
        done
    } >"$dir/zones.tsv"
    {
        echo "authority-port $AUTHORITY_PORT"
        echo "resolver-port $RESOLVER_PORT"
        echo "upstream $UPSTREAM_ADDRESS"
        echo "validator $VALIDATOR_ADDRESS"
        echo "mail-host $MAIL_HOST_ADDRESS"
    } >"$dir/layout"

    write_named_conf "$dir"
    write_unbound_conf "$dir" upstream "$UPSTREAM_ADDRESS"
    write_unbound_conf "$dir" validator "$VALIDATOR_ADDRESS"
    timeout 30 named-checkconf -z "$dir/named.conf" >"$dir/work/named-checkconf.log" 2>&1 ||
        { cat "$dir/work/named-checkconf.log" >&2; die "named-checkconf found errors"; }
    count="$(grep -c 'loaded serial' "$dir/work/named-checkconf.log" || true)"
    [[ "$count" -eq "${#ZONE_NAMES[@]}" ]] || { cat "$dir/work/named-checkconf.log" >&2; die "named-checkconf loaded $count zones"; }
    for name in upstream validator; do
        timeout 30 unbound-checkconf "$dir/unbound-$name.conf" >/dev/null || die "unbound-checkconf rejected unbound-$name.conf"
    done
    echo "built in $((SECONDS - started))s: $dir"
}

write_named_conf() {
    local dir="$1" zone
    {
        cat <<EOF
// Authoritative only: one view per address, so that each address serves exactly one zone.
options {
    directory "$dir/work";
    pid-file "$dir/named.pid";
    session-keyfile "$dir/work/session.key";
    managed-keys-directory "$dir/work";
    listen-on port $AUTHORITY_PORT { $NET.0/24; };
    listen-on-v6 { none; };
    recursion no;
    dnssec-validation no;
    notify no;
    allow-transfer { none; };
    max-cache-size 2m;
    querylog yes;
};
controls { };
logging {
    channel to_file { file "$dir/named.log"; severity info; print-time yes; print-category yes; };
    // Every query each authority received, for the tests of QNAME minimisation (RFC 9156).
    channel queries_file { file "$dir/queries.log"; severity info; };
    category default { to_file; };
    category queries { queries_file; };
    category lame-servers { null; };
};
EOF
        for zone in "${ZONE_NAMES[@]}"; do
            echo "view \"${STEM[$zone]}\" { match-destinations { ${ADDRESS[$zone]}; }; zone \"$zone\" { type primary; file \"$dir/signed/${STEM[$zone]}.zone\"; }; };"
        done
    } >"$dir/named.conf"
}

write_unbound_conf() { # directory name address
    local dir="$1" name="$2" address="$3"
    {
        cat <<EOF
# Unbound "$name" of the interop hierarchy: iterates from the hierarchy's root hints, never forwards.
server:
    interface: $address
    port: $RESOLVER_PORT
    do-ip6: no
    do-daemonize: yes
    chroot: ""
    username: ""
    directory: "$dir/work"
    pidfile: "$dir/unbound-$name.pid"
    logfile: "$dir/unbound-$name.log"
    use-syslog: no
    log-time-ascii: yes
    verbosity: 1
    num-threads: 1
    so-reuseport: no
    outgoing-range: 64
    access-control: 127.0.0.0/8 allow
    root-hints: "$dir/root.hints"
    do-not-query-localhost: no
    local-zone: "test." nodefault
    edns-buffer-size: 1232
    cache-max-negative-ttl: 60
    infra-host-ttl: 60
    qname-minimisation: no
    harden-referral-path: no
    prefetch: no
    ede: yes
EOF
        if [[ "$name" == validator ]]; then
            cat <<EOF
    module-config: "validator iterator"
    trust-anchor-file: "$dir/root.ds"
    val-log-level: 2
    val-permissive-mode: no
EOF
        else
            cat <<EOF
    module-config: "iterator"
EOF
        fi
        cat <<EOF
# A local socket only, no certificates: benchmarks/resolver-load/run.sh empties the caches with unbound-control reload.
remote-control:
    control-enable: yes
    control-interface: "$dir/unbound-$name.ctl"
    control-use-cert: no
EOF
    } >"$dir/unbound-$name.conf"
}

lo_aliases() { # the /32 aliases on lo in the hierarchy's ranges
    ip -4 -o addr show dev lo | awk '{ print $4 }' | grep -E "^($NET|${UPSTREAM_ADDRESS%.*})\.[0-9]+/32$" || true
}

wait_for() { # seconds description command...: retries the command every 0.2 s until it succeeds
    local seconds="$1" what="$2" deadline=$((SECONDS + $1))
    shift 2
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.2
    done
}

answers() { # address port zone: the server answers for the zone's SOA with NOERROR
    timeout 5 dig +time=1 +tries=1 +norecurse -p "$2" "@$1" "$3" SOA | grep -q 'status: NOERROR'
}

resolves() { # address port
    timeout 5 dig +time=2 +tries=1 -p "$2" "@$1" www.alg13.test. A | grep -q 'status: NOERROR'
}

start() {
    local dir="$1" zone address loaded total name pid
    need named unbound dig ip timeout
    [[ -n "$dir" && -f "$dir/named.conf" ]] || die "start needs a directory made by build"
    dir="$(cd "$dir" && pwd)"
    [[ "$(id -u)" -eq 0 ]] || die "start needs root: it adds loopback aliases and binds port $AUTHORITY_PORT"
    [[ ! -e "$RUN_FILE" ]] || die "$RUN_FILE says a hierarchy is running; run build.sh stop first"
    echo "dir $dir" >"$RUN_FILE"

    # named serves only addresses that are on an interface when it starts.
    for zone in "${ZONE_NAMES[@]}"; do
        address="${ADDRESS[$zone]}"
        ip addr add "$address/32" dev lo 2>/dev/null || ip -4 -o addr show dev lo | grep -q " $address/32 " || die "cannot add $address to lo"
    done
    # Postfix, unlike Unbound, listens only on an address an interface has: the mail host gets its alias too.
    for address in "$UPSTREAM_ADDRESS" "$VALIDATOR_ADDRESS" "$MAIL_HOST_ADDRESS"; do
        ip addr add "$address/32" dev lo 2>/dev/null || true
    done

    rm -f "$dir/named.log" "$dir"/unbound-*.log
    # The daemons get their own stdio: the caller reads this script's output to the end and must not wait for them.
    timeout 30 named -c "$dir/named.conf" -n 1 </dev/null >"$dir/named.out" 2>&1 ||
        { cat "$dir/named.out" "$dir/named.log" >&2 2>/dev/null; die "named did not start"; }
    wait_for 10 "named pid" test -s "$dir/named.pid" || die "named wrote no pid file"
    echo "pid $(cat "$dir/named.pid") named" >>"$RUN_FILE"
    total="${#ZONE_NAMES[@]}"
    if ! wait_for 30 "named zones" grep -q 'general: running' "$dir/named.log"; then
        tail -n 40 "$dir/named.log" >&2
        die "named did not finish loading in 30 s"
    fi
    loaded="$(grep -v 'managed-keys-zone' "$dir/named.log" | grep -c ': loaded serial' || true)"
    if [[ "$loaded" -ne "$total" ]] || grep -qE 'not loaded due to errors|address in use|could not listen' "$dir/named.log"; then
        grep -E 'error|not loaded|address in use|could not listen' "$dir/named.log" | head -n 20 >&2
        die "named loaded $loaded of $total zones or could not listen on every address (see $dir/named.log)"
    fi
    for zone in . test.; do
        wait_for 10 "$zone" answers "${ADDRESS[$zone]}" "$AUTHORITY_PORT" "$zone" ||
            { tail -n 20 "$dir/named.log" >&2; die "named does not answer for $zone on ${ADDRESS[$zone]} port $AUTHORITY_PORT"; }
    done

    for name in upstream validator; do
        timeout 30 unbound -c "$dir/unbound-$name.conf" </dev/null >"$dir/unbound-$name.out" 2>&1 ||
            { cat "$dir/unbound-$name.out" "$dir/unbound-$name.log" >&2 2>/dev/null; die "unbound ($name) did not start"; }
        wait_for 10 "unbound pid" test -s "$dir/unbound-$name.pid" || die "unbound ($name) wrote no pid file"
        echo "pid $(cat "$dir/unbound-$name.pid") unbound-$name" >>"$RUN_FILE"
    done
    for address in "$UPSTREAM_ADDRESS" "$VALIDATOR_ADDRESS"; do
        wait_for 20 "$address" resolves "$address" "$RESOLVER_PORT" ||
            { tail -n 20 "$dir"/unbound-*.log >&2; die "unbound on $address port $RESOLVER_PORT does not resolve www.alg13.test."; }
    done
    echo "running: named on $NET.x port $AUTHORITY_PORT, upstream $UPSTREAM_ADDRESS and validator $VALIDATOR_ADDRESS port $RESOLVER_PORT"
}

# Stops a process only when its command line still names the run's directory, so a reused pid is left alone.
stop_pid() { # pid dir
    local pid="$1" dir="$2" i
    [[ -r "/proc/$pid/cmdline" ]] || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF "$dir/" || return 0
    kill "$pid" 2>/dev/null || return 0
    for i in $(seq 1 50); do
        [[ -e "/proc/$pid" ]] || return 0
        sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
}

stop() {
    local dir="${1:-}" run_dir="" pid alias
    need ip
    if [[ -f "$RUN_FILE" ]]; then
        run_dir="$(awk '$1 == "dir" { print $2 }' "$RUN_FILE")"
        if [[ -z "$dir" || "$dir" == "$run_dir" ]]; then
            for pid in $(awk '$1 == "pid" { print $2 }' "$RUN_FILE"); do stop_pid "$pid" "$run_dir"; done
        fi
    fi
    if [[ -n "$dir" && -d "$dir" ]]; then
        dir="$(cd "$dir" && pwd)"
        for pid in "$dir"/named.pid "$dir"/unbound-*.pid; do
            [[ -s "$pid" ]] && stop_pid "$(cat "$pid")" "$dir"
        done
    fi
    if [[ "$(id -u)" -eq 0 ]]; then
        for alias in $(lo_aliases); do ip addr del "$alias" dev lo 2>/dev/null || true; done
    fi
    rm -f "$RUN_FILE"
}

# delv's verdict from its output (DelvResult.cs reads it the same way). delv prints one verdict line per RRset
# of the chain it followed ("; fully validated", "; unsigned answer", "; negative response, ..."), then the RRset.
# bogus: it says resolution failed for another reason than a negative answer, or the chain stops short (no RRset of
# the type asked, or of any type for ANY, no negative response and no negative cache entry such as "\-ANY ;-$NXDOMAIN", or "\-MX ;-$NXRRSET"
# when a CNAME's target has no data of the type: the target of a CNAME failed to validate, and delv does not always
# say so); otherwise insecure when any RRset of the chain is unsigned; otherwise secure when something was fully
# validated.
delv_verdict() { # output qtype
    local output="$1" qtype="$2"
    if grep -E '^;; resolution failed: ' <<<"$output" | grep -qvE 'failed: ncache (nxdomain|nxrrset)$'; then
        echo bogus
    elif ! grep -qE '^; negative response, ' <<<"$output" &&
        ! awk -v type="$qtype" '(!/^;/ && NF > 3 && ($4 == type || type == "ANY")) || /^;.*;-\$NX/ { found = 1 } END { exit !found }' <<<"$output"; then
        echo bogus
    elif grep -qE '^; (negative response, )?unsigned answer$' <<<"$output"; then
        echo insecure
    elif grep -qE '^; (negative response, )?fully validated$' <<<"$output"; then
        echo secure
    else
        echo unknown
    fi
}

# Unbound's verdict from dig's output: bogus is SERVFAIL, secure is the AD bit.
unbound_verdict() {
    local output="$1" flags rcode
    flags="$(sed -n 's/^;; flags: \([a-z ]*\);.*/\1/p' <<<"$output")"
    rcode="$(sed -n 's/.*status: \([A-Z]*\),.*/\1/p' <<<"$output")"
    if [[ -z "$rcode" ]]; then echo "no-answer"
    elif [[ "$rcode" == SERVFAIL ]]; then echo bogus
    elif [[ " $flags " == *" ad "* ]]; then echo "secure $rcode"
    else echo "insecure $rcode"; fi
}

# One line a scenario: name, expected status and rcode, what the validating Unbound and delv say. delv is held to the
# manifest's delv column where that is not "-": the rows where it is known to differ.
check() {
    local dir="$1" name qname qtype status rcode delv_status rest output unbound delv mark failures=0
    need dig delv
    dir="$(cd "$dir" && pwd)"
    printf '%-28s %-18s %-18s %-9s\n' scenario expected unbound delv
    while IFS=$'\t' read -r name qname qtype status rcode delv_status rest; do
        [[ "$name" == name || -z "$name" ]] && continue
        output="$(timeout 10 dig +time=3 +tries=2 +dnssec -p "$RESOLVER_PORT" "@$VALIDATOR_ADDRESS" "$qname" "$qtype" 2>&1 || true)"
        unbound="$(unbound_verdict "$output")"
        output="$(timeout 20 delv -a "$dir/delv-anchors.conf" +root=. -p "$RESOLVER_PORT" "@$UPSTREAM_ADDRESS" +nomtrace "$qname" "$qtype" 2>&1 || true)"
        delv="$(delv_verdict "$output" "$qtype")"
        mark=""
        if [[ "$status" == bogus ]]; then [[ "$unbound" == bogus ]] || mark="  <- unbound"
        else [[ "$unbound" == "$status $rcode" ]] || mark="  <- unbound"; fi
        [[ "$delv_status" == - ]] && delv_status="$status"
        [[ "$delv" == "$delv_status" ]] || mark="$mark  <- delv"
        [[ -z "$mark" ]] || failures=$((failures + 1))
        printf '%-28s %-18s %-18s %-9s%s\n' "$name" "$status $rcode" "$unbound" "$delv" "$mark"
    done <"$HERE/scenarios.tsv"
    echo "$failures scenarios disagree with scenarios.tsv"
    ((failures == 0))
}

command="${1:-}"
case "$command" in
    build) build "${2:-}" ;;
    start) start "${2:-}" ;;
    stop) stop "${2:-}" ;;
    up)
        [[ -n "${2:-}" ]] || die "up needs a directory"
        stop
        build "$2"
        start "$2"
        ;;
    check) check "${2:?check needs the directory}" ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
