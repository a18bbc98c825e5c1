#!/usr/bin/env bash
# Times `dnssec verify-zone` beside BIND's dnssec-verify, Knot's kzonecheck and ldns-verify-zone on one zone of 25,000 signed RRsets
# (12,500 names with an A record and an NSEC each), signed by dnssec-signzone with ECDSA P-256 or RSA-2048.
# Usage: benchmarks/verify-zone/run.sh [ECDSAP256SHA256|RSASHA256] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
algorithm=${1:-ECDSAP256SHA256}
runs=${2:-5}
for tool in dnssec-signzone dnssec-verify kzonecheck ldns-verify-zone hyperfine; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: apt-get install bind9-utils knot-dnssecutils ldnsutils hyperfine" >&2; exit 3; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$work/big.test" <<'PY'
import sys
lines = ["$ORIGIN big.test.", "$TTL 3600", "@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300", "@ IN NS ns1", "ns1 IN A 192.0.2.1"]
lines += [f"h{i} IN A 10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}" for i in range(12500)]
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
(cd "$work" && dnssec-keygen -q -a "$algorithm" -b 2048 -f KSK big.test >/dev/null && dnssec-keygen -q -a "$algorithm" -b 2048 big.test >/dev/null && cat K*.key >> big.test \
  && dnssec-signzone -q -o big.test. -s 20260101000000 -e 20360101000000 big.test >/dev/null)

# Published as the README installs it (Native AOT): start-up is part of the time measured.
dotnet publish src/Dnssec.Cli -c Release -o "$work/dnssec" >/dev/null
zone="$work/big.test.signed"
echo "Zone: $(grep -c 'RRSIG' "$zone") lines with RRSIG, algorithm $algorithm, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
hyperfine --runs "$runs" --warmup 1 --export-markdown "$work/results.md" \
  -n "dnssec verify-zone" "$work/dnssec/dnssec verify-zone $zone --time 20260601000000" \
  -n "dnssec-verify (BIND $(named -v | cut -d' ' -f2))" "dnssec-verify -q -o big.test. $zone" \
  -n "kzonecheck (Knot $(kzonecheck -V | awk '{print $NF}'))" "kzonecheck -d on -o big.test. $zone" \
  -n "ldns-verify-zone" "ldns-verify-zone $zone"
cat "$work/results.md"

# The floor under every tool: what one signature verification costs in OpenSSL on this machine, one core and all of them.
case $algorithm in RSASHA256) speed=rsa2048 ;; *) speed=ecdsap256 ;; esac
echo "openssl speed $speed (verifications per second), one process, then one per core:"
openssl speed -elapsed -seconds 3 "$speed" 2>/dev/null | tail -1
openssl speed -elapsed -seconds 3 -multi "$(nproc)" "$speed" 2>/dev/null | tail -1
