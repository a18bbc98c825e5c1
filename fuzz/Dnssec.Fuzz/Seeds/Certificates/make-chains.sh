#!/usr/bin/env bash
# Writes the certificate chains the "certificate" fuzz target's seeds are made of, one PEM file per chain, leaf first
# and root last, with the openssl tool: RSA, ECDSA and Ed25519 keys, intermediates, and the extensions DANE-TA chain
# checks act on (key usage, extended key usage, Netscape type, basic constraints, path length, name constraints,
# critical extensions, wildcards, CN-only leaves, a v1 root, explicit curve parameters). Keys are new on every run,
# so the files change; then regenerate the corpus with
#
#   fuzz/Dnssec.Fuzz/Seeds/Certificates/make-chains.sh
#   dotnet run -c Release --project fuzz/Dnssec.Fuzz -- seed certificate fuzz/corpus/certificate
#
# Certificates are valid for 100 years from the day they are made; the target judges them at 2030-06-01.
# openssl-danetest.pem and openssl-dane-cross.pem are not made here: they are chains of OpenSSL's DANE vectors
# (Apache License 2.0; see tests/Dnssec.Tests/Fixtures/Dane/OpenSsl/NOTES.md), and the script leaves them alone.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

ca='basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign'
server='basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth'
san='subjectAltName=DNS:www.example.com,DNS:mail.example.com'

key() { # NAME ALGORITHM: rsa, rsa1024, p256, p384, ed25519, p256-explicit
  case $2 in
    rsa) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$1.key" 2>/dev/null ;;
    rsa1024) openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$1.key" 2>/dev/null ;;
    p256) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" ;;
    p384) openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-384 -out "$1.key" ;;
    ed25519) openssl genpkey -algorithm ed25519 -out "$1.key" ;;
    p256-explicit) openssl ecparam -name prime256v1 -param_enc explicit -genkey -noout -out "$1.key" ;;
  esac
}

cert() { # NAME SUBJECT ISSUER(-|name) EXTENSIONS(empty for v1)
  local config="$1.cnf"
  if [[ -n $4 ]]; then
    printf '[req]\ndistinguished_name=dn\n[dn]\n[v3]\n%s\n' "$4" > "$config"
    set -- "$1" "$2" "$3" -extensions v3
  else
    printf '[req]\ndistinguished_name=dn\n[dn]\n' > "$config"
    set -- "$1" "$2" "$3"
  fi
  local name=$1 subject=$2 issuer=$3
  shift 3
  local signer=(-x509)
  [[ $issuer != - ]] && signer=(-CA "$issuer.pem" -CAkey "$issuer.key")
  openssl req -new -key "$name.key" -subj "$subject" -config "$config" "$@" -days 36500 -sha256 \
    -set_serial "0x$(openssl rand -hex 8)" "${signer[@]}" -out "$name.pem"
}

chain() { # OUTPUT CERTIFICATE... (leaf first)
  local output=$1
  shift
  for certificate in "$@"; do openssl x509 -in "$certificate.pem"; done > "$here/$output.pem"
}

# The plain three-level chains, one per key algorithm, and one that mixes them.
for algorithm in p256 rsa ed25519; do
  key root-$algorithm $algorithm; key int-$algorithm $algorithm; key leaf-$algorithm $algorithm
  cert root-$algorithm "/CN=Fuzz Root $algorithm" - "$ca"
  cert int-$algorithm "/CN=Fuzz Intermediate $algorithm" root-$algorithm "$ca"
  cert leaf-$algorithm "/CN=www.example.com" int-$algorithm "$server
$san"
  chain "$algorithm" leaf-$algorithm int-$algorithm root-$algorithm
done

key root-mixed rsa1024; key int-mixed p384; key leaf-mixed ed25519
cert root-mixed "/O=Fuzz/CN=Fuzz Root mixed" - "$ca"
cert int-mixed "/O=Fuzz/CN=Fuzz Intermediate mixed" root-mixed "$ca
extendedKeyUsage=serverAuth,clientAuth"
cert leaf-mixed "/O=Fuzz/CN=www.example.com" int-mixed "$server
$san"
chain mixed leaf-mixed int-mixed root-mixed

# Name constraints of every type OpenSSL checks, on the intermediate, kept and broken by the leaf.
key int-nc p256; key leaf-nc p256
constraints="$ca
nameConstraints=critical,permitted;DNS:example.com,permitted;IP:10.0.0.0/255.0.0.0,permitted;email:.example.com,permitted;URI:.example.com,permitted;dirName:dir,excluded;DNS:bad.example.com,excluded;IP:2001:db8::/ffff:ffff::
[dir]
O=Example"
cert int-nc "/CN=Fuzz Constrained" root-p256 "$constraints"
cert leaf-nc "/O=Example/CN=www.example.com/emailAddress=admin@mail.example.com" int-nc "$server
subjectAltName=DNS:www.example.com,IP:10.1.2.3,email:admin@mail.example.com,URI:https://www.example.com/"
chain name-constraints leaf-nc int-nc root-p256
cert leaf-nc "/O=Other/CN=www.example.net" int-nc "$server
subjectAltName=DNS:www.example.net,DNS:bad.example.com,IP:192.168.1.1,IP:2001:db8::1,email:admin@example.net,URI:https://www.example.net/,dirName:dir
[dir]
O=Other"
chain name-constraints-broken leaf-nc int-nc root-p256
key root-nc p256
cert root-nc "/CN=Fuzz Constrained Root" - "$ca
nameConstraints=critical,permitted;DNS:example.com"
cert int-nc "/CN=Fuzz Intermediate under constraints" root-nc "$ca"
cert leaf-nc "/CN=www.example.com" int-nc "$server"
chain name-constraints-root-cn-only leaf-nc int-nc root-nc

# Purposes: a leaf for clients only, a leaf with anyExtendedKeyUsage and a Netscape type, an intermediate for
# clients only, an intermediate with keyCertSign but no basic constraints, a Netscape SSL CA.
key leaf-purpose p256
cert leaf-purpose "/CN=www.example.com" int-p256 "basicConstraints=CA:FALSE
extendedKeyUsage=clientAuth
$san"
chain leaf-clientauth leaf-purpose int-p256 root-p256
cert leaf-purpose "/CN=www.example.com" int-p256 "keyUsage=keyCertSign
extendedKeyUsage=anyExtendedKeyUsage
nsCertType=client,server
$san"
chain leaf-any-eku leaf-purpose int-p256 root-p256
key int-purpose p256
cert int-purpose "/CN=Fuzz Intermediate for clients" root-p256 "$ca
extendedKeyUsage=clientAuth"
cert leaf-purpose "/CN=www.example.com" int-purpose "$server
$san"
chain intermediate-clientauth leaf-purpose int-purpose root-p256
cert int-purpose "/CN=Fuzz Intermediate without basic constraints" root-p256 "keyUsage=critical,keyCertSign
nsCertType=sslCA"
cert leaf-purpose "/CN=www.example.com" int-purpose "$server
$san"
chain intermediate-no-basic-constraints leaf-purpose int-purpose root-p256

# Path length: a root allowing one intermediate above two, the second self-issued.
key root-path p256; key int-path p256; key sub-path p256; key leaf-path p256
cert root-path "/CN=Fuzz Root pathlen 1" - "basicConstraints=critical,CA:TRUE,pathlen:1
keyUsage=critical,keyCertSign"
cert int-path "/CN=Fuzz Intermediate pathlen 0" root-path "basicConstraints=critical,CA:TRUE,pathlen:0
keyUsage=critical,keyCertSign"
cert sub-path "/CN=Fuzz Intermediate pathlen 0" int-path "$ca"
cert leaf-path "/CN=www.example.com" sub-path "$server
$san"
chain path-length leaf-path sub-path int-path root-path

# Names: partial, misplaced and internationalized wildcards; a CN-only leaf with a partial wildcard.
key leaf-names p256
cert leaf-names "/CN=www.example.com" int-p256 "$server
subjectAltName=DNS:w*.example.com,DNS:*w.example.com,DNS:*.example.net,DNS:xn--*.example.org,DNS:www.*.com,DNS:*.*.example.com"
chain wildcards leaf-names int-p256 root-p256
cert leaf-names "/CN=w*.example.com" int-p256 "basicConstraints=CA:FALSE"
chain common-name-only leaf-names int-p256 root-p256

# Oddities: a v1 root (a CA only at the top) and a v1 intermediate (never a CA), an unknown critical extension, a
# leaf key with explicit curve parameters.
key root-v1 p256; key int-v1 p256
cert root-v1 "/CN=Fuzz Root v1" - ""
cert int-v1 "/CN=Fuzz Intermediate under v1" root-v1 "$ca"
cert leaf-names "/CN=www.example.com" int-v1 "$server
$san"
chain version1-root leaf-names int-v1 root-v1
cert int-v1 "/CN=Fuzz Intermediate v1" root-p256 ""
cert leaf-names "/CN=www.example.com" int-v1 "$server
$san"
chain version1-intermediate leaf-names int-v1 root-p256
key int-critical p256
cert int-critical "/CN=Fuzz Intermediate with a critical extension" root-p256 "$ca
1.2.3.4=critical,ASN1:NULL"
cert leaf-names "/CN=www.example.com" int-critical "$server
$san"
chain critical-extension leaf-names int-critical root-p256
key leaf-explicit p256-explicit
cert leaf-explicit "/CN=www.example.com" int-p256 "$server
$san"
chain explicit-curve leaf-explicit int-p256 root-p256

echo "Wrote $(ls "$here"/*.pem | wc -l) chains to $here"
