#!/usr/bin/env python3
"""Sends DNS queries (EDNS(0), DO=1, payload 1232) to the fixture named and saves the raw responses.

Standard library only. Used by regenerate.sh; see README.md.

  capture.py wait    --port P ZONE...           wait until named answers SOA for each ZONE authoritatively
  capture.py capture --port P --phase X --out DIR --manifest FILE [--anchors FILE]
                                                send the queries of phase X, save DIR/<name>.bin, append manifest rows
"""

import argparse
import socket
import struct
import subprocess
import sys
import time
import zlib

SERVER = "127.0.0.1"
PAYLOAD = 1232

TYPES = {
    "A": 1, "NS": 2, "CNAME": 5, "SOA": 6, "MX": 15, "TXT": 16, "AAAA": 28, "SRV": 33,
    "DNAME": 39, "DS": 43, "RRSIG": 46, "NSEC": 47, "DNSKEY": 48, "NSEC3": 50, "TLSA": 52, "CAA": 257,
}
RCODES = {0: "NOERROR", 1: "FORMERR", 2: "SERVFAIL", 3: "NXDOMAIN", 4: "NOTIMP", 5: "REFUSED"}
FLAG_BITS = [("qr", 0x8000), ("aa", 0x0400), ("tc", 0x0200), ("rd", 0x0100), ("ra", 0x0080),
             ("ad", 0x0020), ("cd", 0x0010)]

# Each capture: (file stem, qname, qtype, transport, what it shows).
# Phase "root": named serves only the root zone, so queries below test. get the root's referral.
# Phase "parents": the leaf zones sub.nsec.test., insecure.test. and unsigned.optout.test. are not loaded yet, so
# queries into them get referrals from their parents.
# Phase "all": every zone is loaded.
CAPTURES = {
    "root": [
        ("referral-root-secure", "www.nsec.test.", "A", "udp",
         "referral from the root to test.: NS, DS and RRSIG(DS) in authority, glue for ns1.test."),
    ],
    "parents": [
        ("referral-secure-ds", "www.sub.nsec.test.", "A", "udp",
         "referral from nsec.test. to sub.nsec.test. (secure delegation): NS, DS (ECDSAP384SHA384 key) and RRSIG(DS), glue"),
        ("referral-insecure-nsec", "www.insecure.test.", "A", "udp",
         "referral from test. to insecure.test. (insecure delegation): NS plus the NSEC at insecure.test. proving no DS"),
        ("referral-insecure-optout", "www.unsigned.optout.test.", "A", "udp",
         "referral from the opt-out zone to unsigned.optout.test.: NS plus NSEC3 closest-encloser proof with the opt-out flag, no DS"),
    ],
    "all": [
        ("dnskey-root", ".", "DNSKEY", "udp", "root DNSKEY RRset (RSASHA256 KSK + ZSK), signed by each key"),
        ("ds-test", "test.", "DS", "udp", "DS RRset of test., answered from the root zone"),
        ("nxdomain-root-nsec", "doesnotexist.", "A", "udp", "NXDOMAIN from the root with NSEC proofs"),
        ("dnskey-test", "test.", "DNSKEY", "udp", "test. DNSKEY RRset (ECDSAP256SHA256 KSK + ZSK), signed by each key"),
        ("ds-nsec", "nsec.test.", "DS", "udp", "DS RRset of nsec.test., answered from test."),
        ("ds-nsec3", "nsec3.test.", "DS", "udp", "DS RRset of nsec3.test., answered from test."),
        ("ds-optout", "optout.test.", "DS", "udp", "DS RRset of optout.test., answered from test."),
        ("ds-ed25519", "ed25519.test.", "DS", "udp", "DS RRset of ed25519.test., answered from test."),
        ("ds-insecure-nodata-nsec", "insecure.test.", "DS", "udp",
         "NODATA for DS at the insecure delegation: the NSEC at insecure.test. (NS, RRSIG, NSEC only) proves no DS"),
        ("dnskey-nsec", "nsec.test.", "DNSKEY", "udp", "nsec.test. DNSKEY RRset (one ECDSAP256SHA256 CSK)"),
        ("soa-nsec", "nsec.test.", "SOA", "udp", "positive SOA answer"),
        ("ns-nsec", "nsec.test.", "NS", "udp", "positive NS answer at the zone apex, glue in additional"),
        ("a-nsec", "www.nsec.test.", "A", "udp", "positive A answer signed by an ECDSAP256SHA256 key"),
        ("aaaa-nsec", "www.nsec.test.", "AAAA", "udp", "positive AAAA answer"),
        ("mx-nsec", "nsec.test.", "MX", "udp", "positive MX answer; A/AAAA of the exchange in additional"),
        ("txt-nsec", "nsec.test.", "TXT", "udp", "positive TXT answer with one string"),
        ("txt-multi-nsec", "multi.nsec.test.", "TXT", "udp", "one TXT record of four strings, the last empty"),
        ("caa-nsec", "nsec.test.", "CAA", "udp", "positive CAA answer (issue and iodef)"),
        ("srv-nsec", "_sip._tcp.nsec.test.", "SRV", "udp", "positive SRV answer (two records); targets in additional"),
        ("tlsa-nsec", "_25._tcp.mail.nsec.test.", "TLSA", "udp", "positive TLSA answer (3 1 1 and 2 0 1)"),
        ("nxdomain-nsec", "nonexistent.nsec.test.", "A", "udp",
         "NXDOMAIN with NSEC: one NSEC covers the name, one covers the wildcard"),
        ("nodata-nsec", "www.nsec.test.", "MX", "udp", "NODATA with the NSEC at www.nsec.test. (no MX in its bitmap)"),
        ("wildcard-nsec", "foo.wild.nsec.test.", "A", "udp",
         "wildcard expansion: A from *.wild.nsec.test. (RRSIG labels 3), the NSEC at *.wild.nsec.test. covering foo.wild.nsec.test."),
        ("wildcard-nodata-nsec", "foo.wild.nsec.test.", "MX", "udp",
         "wildcard NODATA: the NSEC at *.wild.nsec.test. has no MX in its bitmap and also covers foo.wild.nsec.test."),
        ("cname-nsec", "alias.nsec.test.", "A", "udp", "CNAME to www.nsec.test. followed by its A RRset, both signed"),
        ("dname-nsec", "www.dname.nsec.test.", "A", "udp",
         "DNAME dname.nsec.test. -> nsec3.test.: signed DNAME, unsigned synthesized CNAME, then the target's answer"),
        ("ent-nodata-nsec", "ent.nsec.test.", "A", "udp",
         "empty non-terminal ent.nsec.test.: NODATA proved by the NSEC that spans it (its next name is host.ent.nsec.test.)"),
        ("mixedcase-query-nsec", "WwW.NsEc.TeSt.", "A", "udp",
         "question in mixed case: the question keeps the query's case, the answer owner has the zone's case"),
        ("mixedcase-owner-nsec", "mixed.nsec.test.", "A", "udp",
         "owner written Mixed.nsec.test. in the zone, queried in lower case"),
        ("truncated-udp", "big.nsec.test.", "TXT", "udp", "TXT RRset larger than 1232 octets over UDP: TC=1"),
        ("truncated-tcp", "big.nsec.test.", "TXT", "tcp", "the same TXT RRset over TCP: complete, with its RRSIG"),
        ("ds-sub", "sub.nsec.test.", "DS", "udp", "DS RRset of sub.nsec.test. (ECDSAP384SHA384 key), answered from nsec.test."),
        ("dnskey-sub", "sub.nsec.test.", "DNSKEY", "udp", "sub.nsec.test. DNSKEY RRset (one ECDSAP384SHA384 CSK)"),
        ("a-sub", "www.sub.nsec.test.", "A", "udp", "positive A answer signed by an ECDSAP384SHA384 key"),
        ("dnskey-nsec3", "nsec3.test.", "DNSKEY", "udp", "nsec3.test. DNSKEY RRset (RSASHA256 KSK + ZSK), signed by each key"),
        ("a-nsec3", "www.nsec3.test.", "A", "udp", "positive A answer signed by an RSASHA256 key"),
        ("nxdomain-nsec3", "nonexistent.nsec3.test.", "A", "udp",
         "NXDOMAIN with NSEC3: closest encloser, next closer and wildcard proofs"),
        ("nodata-nsec3", "www.nsec3.test.", "MX", "udp", "NODATA with the NSEC3 matching www.nsec3.test."),
        ("wildcard-nsec3", "foo.wild.nsec3.test.", "A", "udp",
         "wildcard expansion with NSEC3: the NSEC3 covering the next closer name foo.wild.nsec3.test."),
        ("wildcard-nodata-nsec3", "foo.wild.nsec3.test.", "MX", "udp",
         "wildcard NODATA with NSEC3: closest encloser, next closer covered, wildcard matched without MX"),
        ("ent-nodata-nsec3", "ent.nsec3.test.", "A", "udp", "empty non-terminal with NSEC3: an NSEC3 matches ent.nsec3.test. with an empty bitmap"),
        ("cname-nsec3", "alias.nsec3.test.", "A", "udp", "CNAME and target A in an NSEC3 zone"),
        ("dnskey-optout", "optout.test.", "DNSKEY", "udp", "optout.test. DNSKEY RRset (one ECDSAP256SHA256 CSK)"),
        ("a-optout", "www.optout.test.", "A", "udp", "positive A answer in the opt-out zone"),
        ("nxdomain-optout", "missing.optout.test.", "A", "udp",
         "NXDOMAIN with opt-out NSEC3 records; the next closer name is covered by the last NSEC3 of the chain (wrap-around)"),
        ("ds-unsigned-optout-nodata", "unsigned.optout.test.", "DS", "udp",
         "NODATA for DS below opt-out: NSEC3 closest-encloser proof whose next closer is covered by an opt-out NSEC3"),
        ("a-unsigned-optout", "www.unsigned.optout.test.", "A", "udp", "unsigned answer from the zone below the opt-out delegation"),
        ("dnskey-ed25519", "ed25519.test.", "DNSKEY", "udp", "ed25519.test. DNSKEY RRset (one ED25519 CSK)"),
        ("a-ed25519", "www.ed25519.test.", "A", "udp", "positive A answer signed by an ED25519 key"),
        ("nxdomain-ed25519", "nonexistent.ed25519.test.", "A", "udp", "NXDOMAIN with NSEC signed by an ED25519 key"),
        ("a-insecure", "www.insecure.test.", "A", "udp", "unsigned answer from the zone below the insecure delegation"),
    ],
}

DELV_VERDICTS = [
    ("; fully validated", "secure"),
    ("; negative response, fully validated", "secure"),
    ("; unsigned answer", "insecure"),
    ("; negative response, unsigned answer", "insecure"),
]


def encode_name(name):
    if name == ".":
        return b"\x00"
    out = bytearray()
    for label in name.rstrip(".").split("."):
        raw = label.encode("ascii")
        if not 0 < len(raw) < 64:
            raise ValueError(f"bad label in {name!r}")
        out.append(len(raw))
        out += raw
    out.append(0)
    return bytes(out)


def build_query(qid, qname, qtype):
    # RD=0 as an iterative resolver asks an authoritative server; one question; one OPT record.
    header = struct.pack("!HHHHHH", qid, 0, 1, 0, 0, 1)
    question = encode_name(qname) + struct.pack("!HH", TYPES[qtype], 1)
    opt = b"\x00" + struct.pack("!HHIH", 41, PAYLOAD, 0x00008000, 0)  # DO=1, version 0, no options
    return header + question + opt


def ask(port, qname, qtype, transport, timeout=2.0, attempts=3):
    qid = zlib.crc32(f"{qname}/{qtype}/{transport}".encode()) & 0xFFFF
    query = build_query(qid, qname, qtype)
    last_error = None
    for _ in range(attempts):
        try:
            if transport == "udp":
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                    s.settimeout(timeout)
                    s.sendto(query, (SERVER, port))
                    response, _ = s.recvfrom(65535)
            else:
                with socket.create_connection((SERVER, port), timeout=timeout) as s:
                    s.sendall(struct.pack("!H", len(query)) + query)
                    length = struct.unpack("!H", read_exactly(s, 2))[0]
                    response = read_exactly(s, length)
        except OSError as error:
            last_error = error
            time.sleep(0.2)
            continue
        if len(response) < 12 or struct.unpack("!H", response[:2])[0] != qid:
            last_error = ValueError("response ID does not match")
            continue
        if response[12:12 + len(query) - 12 - 11] != query[12:len(query) - 11]:
            last_error = ValueError("response does not echo the question")
            continue
        return response
    raise RuntimeError(f"no usable response for {qname} {qtype} over {transport}: {last_error}")


def read_exactly(sock, count):
    data = b""
    while len(data) < count:
        chunk = sock.recv(count - len(data))
        if not chunk:
            raise OSError("connection closed early")
        data += chunk
    return data


def header_fields(response):
    _, flags, qd, an, ns, ar = struct.unpack("!HHHHHH", response[:12])
    rcode = flags & 0x0F
    names = [name for name, bit in FLAG_BITS if flags & bit]
    return RCODES.get(rcode, str(rcode)), " ".join(names), qd, an, ns, ar


def delv_verdict(port, anchors, qname, qtype):
    if anchors is None:
        return "-"
    result = subprocess.run(
        ["delv", "@" + SERVER, "-p", str(port), "-a", anchors, "+root=.", "+nomtrace", "+norrcomments",
         qname, qtype],
        capture_output=True, text=True, timeout=30)
    text = result.stdout + result.stderr
    for line in text.splitlines():
        for marker, verdict in DELV_VERDICTS:
            if line.strip() == marker:
                return verdict
    for line in text.splitlines():
        if "resolution failed" in line:
            return "bogus(" + line.split("resolution failed:", 1)[-1].strip().replace("\t", " ") + ")"
    raise RuntimeError(f"cannot read delv's verdict for {qname} {qtype}:\n{text}")


def wait(port, zones, seconds=20.0):
    deadline = time.monotonic() + seconds
    pending = list(zones)
    while pending:
        zone = pending[0]
        try:
            response = ask(port, zone, "SOA", "udp", timeout=0.5, attempts=1)
            flags = struct.unpack("!H", response[2:4])[0]
            if flags & 0x0400 and flags & 0x0F == 0 and struct.unpack("!H", response[6:8])[0] > 0:
                pending.pop(0)
                continue
        except (RuntimeError, OSError):
            pass
        if time.monotonic() > deadline:
            raise SystemExit(f"named does not serve {zone} after {seconds} s")
        time.sleep(0.2)


def capture(port, phase, out, manifest, anchors):
    with open(manifest, "a", encoding="utf-8", newline="\n") as rows:
        for stem, qname, qtype, transport, what in CAPTURES[phase]:
            response = ask(port, qname, qtype, transport)
            rcode, flags, qd, an, ns, ar = header_fields(response)
            if rcode not in ("NOERROR", "NXDOMAIN"):
                raise SystemExit(f"{stem}: unexpected {rcode} for {qname} {qtype}")
            with open(f"{out}/{stem}.bin", "wb") as f:
                f.write(response)
            # delv's verdict on the query as a whole (it retries over TCP and chases CNAME and DNAME targets itself);
            # left out for the TCP twin of a query and for the truncated UDP response, which holds no data.
            verdict = delv_verdict(port, anchors, qname, qtype) if transport == "udp" and "tc" not in flags else "-"
            rows.write("\t".join([f"responses/{stem}.bin", qname, qtype, transport, phase, rcode, flags,
                                  str(qd), str(an), str(ns), str(ar), verdict, what]) + "\n")
            print(f"  {stem:28} {len(response):5} octets  {rcode:8} {flags:12} {an}/{ns}/{ar}  {verdict}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("mode", choices=["wait", "capture"])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--phase", choices=list(CAPTURES))
    parser.add_argument("--out")
    parser.add_argument("--manifest")
    parser.add_argument("--anchors")
    parser.add_argument("zones", nargs="*")
    args = parser.parse_intermixed_args()
    if args.mode == "wait":
        wait(args.port, args.zones)
    else:
        capture(args.port, args.phase, args.out, args.manifest, args.anchors)


if __name__ == "__main__":
    sys.exit(main())
