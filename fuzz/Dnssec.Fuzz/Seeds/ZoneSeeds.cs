using System.Text;
using Dnssec.Fuzz.Targets;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Fuzz.Seeds;

/// <summary>
/// Builds the seed corpus of the <c>zone</c> target: small zone-file texts, read with the origin <c>example.</c> the
/// target gives. They cover the directives, parentheses, comments, escapes and line endings of RFC 1035 §5, TTL units,
/// the text form of every type with a layout (the DNSSEC types, SVCB and HTTPS, CAA and TXT with quotes included), the
/// generic forms of RFC 3597, fields at their size limits, and deliberately malformed files (one entry over the
/// target's length cap among them). Two seeds are printed by <see cref="ZoneFilePrinter"/> from records built on the
/// wire side. Keys, signatures and digests are deterministic random octets of realistic sizes; nothing here verifies.
/// </summary>
/// <remarks>Regenerate with <c>dotnet run --project fuzz/Dnssec.Fuzz -- seed zone fuzz/corpus/zone</c>.</remarks>
public static class ZoneSeeds
{
    private const uint Inception = 1767225600;  // 2026-01-01T00:00:00Z
    private const uint Expiration = 1769904000; // 2026-02-01T00:00:00Z

    /// <summary>Every seed, by file name, as the Latin-1 octets the target reads.</summary>
    public static IEnumerable<KeyValuePair<string, byte[]>> Generate()
    {
        var random = new Random(20260102);
        foreach ((string name, string text) in Texts(random))
        {
            yield return new(name, Encoding.Latin1.GetBytes(text));
        }

        foreach ((string name, string text) in Printed(random))
        {
            yield return new(name, Encoding.Latin1.GetBytes(text));
        }
    }

    private static IEnumerable<(string Name, string Text)> Texts(Random random)
    {
        string ecdsaKey = Base64(random, 64);
        string rsaKey = Convert.ToBase64String([3, 1, 0, 1, 0xC4, .. RandomBytes(random, 255)]);
        string ecdsaSignature = Base64(random, 64);
        string rsaSignature = Base64(random, 256);

        yield return ("basic-soa-ns-a", """
            $ORIGIN example.
            $TTL 3600
            @       IN  SOA ns1 hostmaster ( 2026010101 ; serial
                                             7200       ; refresh
                                             3600       ; retry
                                             1209600    ; expire
                                             300 )      ; minimum
                    IN  NS  ns1
                    IN  NS  ns2.example.net.
                    IN  MX  10 mail
            ns1     IN  A    192.0.2.53
            ns1     IN  AAAA 2001:db8::53
            mail    IN  A    192.0.2.25
            www         A    192.0.2.80
                        AAAA 2001:db8::80

            """);

        yield return ("directives-origin", """
            $TTL 300
            a A 192.0.2.1
            $ORIGIN sub
            b A 192.0.2.2
            @ NS ns.example.
            $ORIGIN other.test.
            c CNAME @
            $origin .
            d.example. CNAME c.other.test.
            $ORIGIN example.
            e CNAME d

            """);

        yield return ("omitted-owner-ttl-class", """
            $ORIGIN example.
            a.example. 60 IN A 192.0.2.1
             A 192.0.2.2
            	120 AAAA 2001:db8::1
             IN 30 TXT "class then TTL"
            b 45 CH TXT "chaos"
             TXT "class carried forward"
            c IN TXT "TTL carried forward"

            """);

        yield return ("ttl-units", """
            $TTL 1h30m
            a A 192.0.2.1
            b 1W A 192.0.2.2
            c 2d A 192.0.2.3
            d 1w2d3h4m5s A 192.0.2.4
            e 0 A 192.0.2.5
            f 2147483647 A 192.0.2.6
            g 90S A 192.0.2.7
            $TTL 1d
            @ SOA ns1 hostmaster 1 2h 1H 2w 5m
            h 00010 A 192.0.2.8

            """);

        yield return ("parentheses-multiline", $$"""
            $TTL 60
            @ SOA ( ns1
                    hostmaster
                    ( 1 2 ) 3
                    4 5 )
            key DNSKEY 257 3 13 (
                    {{ecdsaKey[..40]}}
                    {{ecdsaKey[40..]}} ) ; two halves
            txt TXT ( "first" ; a comment inside
                      "second" )
            ds DS 12345 13 2 ( 49FD46E6C4B45C55D4AC69CB
                               D3CD34AC1AFE51DE0F3F0E6C2D3C4D5E6F708192 )

            """);

        yield return ("comments-blank-lines", """
            ; a zone of comments
            $TTL 60 ; default TTL

            ;;; ---
            a A 192.0.2.1;no space before the comment
            	; an indented comment alone
            b A 192.0.2.2 ; trailing

            c TXT "a ; is not a comment in quotes" ; but this is
            ;

            """);

        yield return ("crlf-line-endings", "$TTL 60\r\n@ NS ns1\r\nns1 A 192.0.2.1\r\n\tAAAA 2001:db8::1\r\nt TXT \"crlf\"\r\n; end\r\n");

        yield return ("no-final-newline", "$TTL 60\na A 192.0.2.1\nb TXT \"last\"");

        yield return ("escapes-owner", """
            $TTL 60
            dot\.in\.label TXT x
            sp\032ace A 192.0.2.1
            \$dollar\@at TXT "specials"
            \(paren\)\;semi\"quote\\ TXT y
            \000\255 TXT "octet escapes"
            caf\233 TXT "decimal escape e-acute"
            *.wild A 192.0.2.3
            *.example. MX 10 mail
            _sip._udp SRV 1 2 5060 sip
            \-leading-hyphen A 192.0.2.4
            @ TXT "apex"

            """);

        yield return ("latin1-raw-octets", "$TTL 60\ncaf\u00e9 TXT \"na\u00efve \u00ff\u0080\"\n\u00c0\u00ff A 192.0.2.1\nctl TXT \"tab\tin string\"\n");

        yield return ("txt-quotes", $$"""
            $TTL 60
            a TXT "hello \"world\"" "back\\slash" "" "semi;colon (paren) $dollar @at"
            b TXT plain words un\"quoted a\ b
            c TXT "\001\255 \195\169" "\t\n" "\"\"\"\""
            d TXT "v=spf1 ip4:192.0.2.0/24 -all"
            e TXT "{{new string('x', 255)}}"
            f TXT a"b"c
            g SPF "v=spf1 -all"
            h TXT "multi" "strings" "in" "one" "record"

            """);

        yield return ("rrsig", $$"""
            $TTL 3600
            @ RRSIG SOA 13 1 3600 20260201000000 20260101000000 31589 example. {{ecdsaSignature}}
            www RRSIG A ECDSAP256SHA256 2 300 ( 20260201000000
                                                20260101000000 2371 example.
                                                {{ecdsaSignature[..44]}}
                                                {{ecdsaSignature[44..]}} )
            rsa RRSIG TXT RSASHA256 2 60 1769904000 1767225600 5 example. {{rsaSignature}}
            *.wild RRSIG A 8 2 60 20380119031407 19700101000000 65535 example. AAAA
            nsec RRSIG NSEC 15 2 3600 20260201000000 20260101000000 1 example. AQIDBA==
            gen RRSIG TYPE65280 253 2 0 20260201000000 20260101000000 0 . AQ==

            """);

        yield return ("dnskey-ds", $$"""
            $TTL 86400
            @ DNSKEY 257 3 13 {{ecdsaKey}}
            @ DNSKEY 256 3 ECDSAP256SHA256 ( {{ecdsaKey}} )
            @ DNSKEY 256 3 RSASHA256 {{rsaKey[..64]}} {{rsaKey[64..]}}
            @ DNSKEY 385 3 ED25519 {{Base64(random, 32)}}
            @ CDNSKEY 0 3 0 AA==
            child DS 12345 13 2 49FD46E6C4B45C55D4AC69CBD3CD34AC1AFE51DE0F3F0E6C2D3C4D5E6F708192
            child DS 12345 RSASHA1-NSEC3-SHA1 1 2bb183af5f22588179a53b0a98631fad1a292118
            child DS 1 ECDSAP384SHA384 4 {{Hex(random, 48)}}
            child CDS 0 0 0 00
            ta TA 12345 8 1 0123456789abcdef0123456789abcdef01234567
            dlv DLV 12345 8 1 0123456789ABCDEF0123456789ABCDEF01234567
            key KEY 256 3 8 AwEAAQ==

            """);

        yield return ("nsec", """
            $TTL 3600
            @ NSEC a NS SOA RRSIG NSEC DNSKEY CAA
            a NSEC \000.a A TXT AAAA RRSIG NSEC TYPE1234 TYPE65534
            b NSEC c
            c NSEC example. A TYPE0 TYPE255 TYPE256 TYPE65535
            d NSEC e. NSEC3PARAM HTTPS SVCB DS TLSA

            """);

        yield return ("nsec3", """
            $TTL 3600
            $ORIGIN example.
            @ NSEC3PARAM 1 0 0 -
            @ NSEC3PARAM 1 0 10 AABBCCDD
            0p9mhaveqvm6t7vbl5lop2u3t2rp3tom NSEC3 1 0 0 - 2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S A RRSIG
            2vptu5timamqttgl4luu9kg21e0aor3s NSEC3 1 1 12 aabbccdd ( 35mthgpgcu1qg68fab165klnsnk3dpvl
                                                                    NS SOA RRSIG DNSKEY NSEC3PARAM )
            35mthgpgcu1qg68fab165klnsnk3dpvl NSEC3 1 0 0 - b4um86eghhds6nea196smvmlo4ors995
            b4um86eghhds6nea196smvmlo4ors995 NSEC3 255 255 65535 FF 00 TYPE65535
            short NSEC3 1 0 0 - CO

            """);

        yield return ("tlsa-smimea-sshfp", $$"""
            $TTL 3600
            _443._tcp.www TLSA 3 1 1 {{Hex(random, 32)}}
            _25._tcp.mail TLSA 2 0 2 ( {{Hex(random, 32)}}
                                       {{Hex(random, 32)}} )
            _853._tcp TLSA 255 255 255 00
            smime SMIMEA 3 1 1 0123456789abcdef
            host SSHFP 4 2 {{Hex(random, 32)}}
            host SSHFP 1 1 0123456789abcdef0123456789abcdef01234567

            """);

        yield return ("svcb-https", """
            $TTL 300
            @ HTTPS 1 . alpn=h2,h3 ipv4hint=192.0.2.1,192.0.2.2 ipv6hint=2001:db8::1,::ffff:192.0.2.3
            @ HTTPS 0 www
            _8443._https HTTPS 1 . alpn="h3" port=8443 no-default-alpn
            _dns SVCB 1 dns.example. alpn=dot,h2 port=853 key7="/dns-query{?dns}"
            s1 SVCB 1 . mandatory=alpn,port alpn=h2 port=443 ech=AQID
            s2 SVCB 2 a. key65000=abc key65001 key65002="q u o t e d"
            s3 SVCB 1 t alpn="a\"b,c\\\\d,e\\\,f" key65000="a\"b\\c\044d\032"
            s4 SVCB 1 . ech="" key3="\001\187" dohpath=/q{?dns}
            s5 HTTPS 65535 . key65535

            """);

        yield return ("caa-uri", """
            $TTL 3600
            @ CAA 0 issue "letsencrypt.org"
            @ CAA 0 issuewild ";"
            @ CAA 128 iodef "mailto:security@example.com"
            @ CAA 0 tbs "Unknown"
            @ CAA 0 issue ""
            @ CAA 255 a1B2 "x\"y\\z\000"
            @ CAA 0 issue unquoted.example
            _http._tcp URI 10 1 "https://www.example.com/"
            _ftp._tcp URI 1 1 "a b\"c\\\007"

            """);

        yield return ("other-types", """
            $TTL 3600
            hinfo HINFO "PC" "Linux os"
            minfo MINFO rm em
            rp RP mbox txtdom
            rp2 RP . .
            afsdb AFSDB 1 afs
            rt RT 10 relay
            px PX 10 map822 mapx400
            srv SRV 0 0 0 .
            naptr NAPTR 100 10 "S" "SIP+D2U" "!^.*$!sip:info@example.com!" _sip._udp
            naptr2 NAPTR 1 1 "" "" "" .
            kx KX 10 kx
            dname DNAME target
            cn CNAME target.example.net.
            mb MB foo
            mg MG foo
            mr MR foo
            ptr PTR foo
            md MD foo
            mf MF foo
            dhcid DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=
            openpgpkey OPENPGPKEY AQIDBAUG
            csync CSYNC 66 3 A NS AAAA
            zonemd ZONEMD 2026010101 1 1 ( 0123456789abcdef0123456789abcdef0123456789abcdef
                                           0123456789abcdef0123456789abcdef0123456789abcdef )
            eui48 EUI48 00-00-5e-00-53-2a
            eui64 EUI64 00-00-5E-EF-10-00-00-2A
            sig SIG A 8 2 3600 20240101000000 20231201000000 12345 example. AQIDBA==

            """);

        yield return ("addresses", """
            $TTL 60
            a A 0.0.0.0
            a A 255.255.255.255
            b AAAA ::
            b AAAA ::1
            b AAAA 1::
            b AAAA 2001:db8:0:0:1:0:0:1
            b AAAA 2001:0DB8:0000:0000:0000:0000:0000:0001
            b AAAA ::ffff:192.0.2.1
            b AAAA ::192.0.2.2
            b AAAA 64:ff9b::192.0.2.3
            b AAAA fe80::1:2:3:4:5:6

            """);

        yield return ("generic-rfc3597", """
            $TTL 60
            a A \# 4 C0000201
            a TYPE1 \# 4 c0 00 02 02
            a TYPE1 192.0.2.3
            null NULL \# 3 010203
            null NULL \# 0
            unk TYPE65280 \# 4 0a000001
            unk TYPE65281 \# 0
            wks WKS \# 9 C00002010600000040
            loc LOC \# 16 000016138B3CF018810CBCE0009895B8
            cert CERT \# 8 0003000000010203
            apl APL \# 14 00011503C0A82000011C83C0A826
            mx MX \# 5 000A016D00
            txt TXT \# 6 0568656C6C6F
            ns NS ( \# 5
                    036E7331 00 )

            """);

        yield return ("classes-types", """
            $TTL 60
            a IN A 192.0.2.1
            a CLASS1 A 192.0.2.2
            b CH TXT "chaos"
            b CHAOS TXT "chaos"
            c HS TXT "hesiod"
            c HESIOD TXT "hesiod"
            d CLASS0 TYPE65535 \# 0
            d CLASS65535 TYPE65534 \# 1 FF
            e NONE TXT "none"
            f ANY TXT "any"
            g in a 192.0.2.7
            g cLaSs1 TyPe28 ::1
            h 60 CLASS4 A 192.0.2.8

            """);

        yield return ("root-zone", """
            . 86400 IN SOA a.root-servers.net. nstld.verisign-grs.com. 2026010100 1800 900 604800 86400
            . 518400 IN NS a.root-servers.net.
            . 518400 IN NS b.root-servers.net.
            a.root-servers.net. 518400 IN A 198.41.0.4
            a.root-servers.net. 518400 IN AAAA 2001:503:ba3e::2:30
            com. 172800 IN NS a.gtld-servers.net.
            com. 86400 IN DS 19718 13 2 8ACBB0CD28F41250A80A491389424D341522D946B0DA0C0291F2D3D771D7805A
            . 172800 IN DNSKEY 257 3 8 AwEAAaz/tAm8yTn4Mfeh5eyI96WSVexTBAvkMgJzkKTOiW1vkIbzxeF3+/4RgWOq7HrxRixHlFlExOLAJr5emLvN7SWXgnLh4+B5xQlNVz8Og8kvArMtNROxVQuCaSnIDdD5LKyWbRd2n9WGe2R8PzgCmr3EgVLrjyBxWezF0jLHwVN8efS3rCj/EWgvIWgb9tarpVUDK/b58Da+sqqls3eNbuv7pr+eoZG+SrDK6nWeL3c6H5Apxz7LjVc1uTIdsIXxuOLYA4/ilBmSVIzuDWfdRUfhHdY6+cn8HFRm+2hM8AnXGXws9555KrUB5qihylGa8subX2Nn6UwNR1AkUTV74bU=

            """);

        // Fields near their limits: base64 longer than the printer's stack buffer, a 255-octet salt and hash, full strings.
        string largeKey = string.Join("\n    ", Base64(random, 900).Chunk(76).Select(chunk => new string(chunk)));
        yield return ("large-rdata", $"$TTL 60\nkey DNSKEY 256 3 8 (\n    {largeKey} )\n" +
            $"n3 NSEC3 1 0 0 {Hex(random, 255)} {Base32Hex(random, 255)} A RRSIG\n" +
            $"txt TXT \"{new string('y', 255)}\" \"{new string('\\', 2 * 127)}\" \"\\255\"\n");

        yield return ("include-refused", """
            $TTL 60
            a A 192.0.2.1
            $INCLUDE sub.zone sub
            b A 192.0.2.2

            """);

        yield return ("include-absolute-refused", "$INCLUDE /etc/passwd\n");

        yield return ("malformed-unclosed-paren", "$TTL 60\n@ SOA ( ns1 hostmaster 1 2 3 4 5\na A 192.0.2.1\n");

        yield return ("malformed-unclosed-quote", "$TTL 60\na TXT \"abc\nb A 192.0.2.1\n");

        yield return ("malformed-stray-close-paren", "$TTL 60\na A 192.0.2.1 )\n");

        yield return ("malformed-ttl", "a 2147483648 A 192.0.2.1\nb 1y A 192.0.2.2\nc 4294967296 A 192.0.2.3\nd 60 IN 60 A 192.0.2.4\n");

        yield return ("malformed-ttl-overflow", "a 4294967295w A 192.0.2.1\nb 1w4294967295s A 192.0.2.2\n");

        yield return ("malformed-entry-too-long", $"$TTL 60\na TXT{string.Concat(Enumerable.Repeat($" \"{new string('z', 255)}\"", 16))}\n");

        yield return ("malformed-long-salt-hash", $"$TTL 60\na NSEC3PARAM 1 0 0 {Hex(random, 256)}\nb NSEC3 1 0 0 - {Base32Hex(random, 256)} A\n");

        yield return ("malformed-no-ttl", "a A 192.0.2.1\n");

        yield return ("malformed-generic-length", "$TTL 60\na TYPE99 \\# 3 0102\n");

        yield return ("malformed-base64-bits", "$TTL 60\n@ DNSKEY 256 3 13 AR==\n");

        yield return ("malformed-meta-types", "$TTL 60\n. OPT \\# 0\na IN ANY \\# 0\na ANY \\# 0\nb TYPE250 \\# 0\nc AXFR \\# 0\n");

        yield return ("malformed-long-names", $"$TTL 60\n{new string('a', 64)} A 192.0.2.1\n{string.Join('.', Enumerable.Repeat(new string('b', 63), 4))} A 192.0.2.2\n");

        yield return ("malformed-backslash-eol", "$TTL 60\na TXT abc\\\nb A 192.0.2.1\n");

        yield return ("malformed-svcb-mandatory", "$TTL 60\na SVCB 1 . mandatory=alpn port=443\nb SVCB 1 . alpn=h2 alpn=h3\nc SVCB 1 . no-default-alpn\n");

        yield return ("malformed-directives", "$GENERATE 1-10 host$ A 192.0.2.$\n$TTL\n$ORIGIN\n $TTL 60\n$BOGUS x\n");

        yield return ("malformed-rrsig-time", "$TTL 60\na RRSIG A 13 2 60 20261301000000 20260101000000 1 example. AQID\n");

        yield return ("malformed-nsec3-hash", "$TTL 60\na NSEC3 1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3 A\nb NSEC3 1 0 0 zz 00\n");
    }

    /// <summary>Zones printed by <see cref="ZoneFilePrinter"/>, as BIND prints a signed zone: the form the reader must read back.</summary>
    private static IEnumerable<(string Name, string Text)> Printed(Random random)
    {
        DnsName zone = ZoneTarget.Origin;
        DnsName www = N("www.example.");
        DnsName mail = N("mail.example.");
        var signed = new List<DnsRecord>
        {
            Rr(zone, RecordType.SOA, SoaData.Encode(N("ns1.example."), N("host\\.master.example."), 2026010101, 7200, 3600, 1209600, 300)),
            Rr(zone, RecordType.NS, NameData.Encode(N("ns1.example."))),
            Rr(zone, RecordType.DNSKEY, DnskeyData.Encode(257, 3, DnssecAlgorithm.ECDSAP256SHA256, RandomBytes(random, 64))),
            Rr(zone, RecordType.DNSKEY, DnskeyData.Encode(256, 3, DnssecAlgorithm.ECDSAP256SHA256, RandomBytes(random, 64))),
            Rr(zone, RecordType.NSEC3PARAM, Nsec3ParamData.Encode(1, 0, 0, [])),
            Sig(random, zone, RecordType.SOA, zone),
            Sig(random, zone, RecordType.DNSKEY, zone),
            Rr(N("ns1.example."), RecordType.A, [192, 0, 2, 53]),
            Rr(www, RecordType.A, [192, 0, 2, 80]),
            Sig(random, www, RecordType.A, zone),
            Rr(mail, RecordType.MX, MxData.Encode(10, www)),
            Rr(N("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example."), RecordType.NSEC3, Nsec3Data.Encode(1, Nsec3Data.OptOutFlag, 0, [], RandomBytes(random, 20), [RecordType.A, RecordType.RRSIG])),
            Rr(www, RecordType.NSEC, NsecData.Encode(zone, [RecordType.A, RecordType.RRSIG, RecordType.NSEC])),
            Rr(N("_443._tcp.www.example."), RecordType.TLSA, TlsaData.Encode(3, 1, 1, RandomBytes(random, 32))),
            Rr(zone, RecordType.CAA, CaaData.Encode(0, "issue", "ca.example"u8)),
            Rr(zone, RecordType.HTTPS, SvcbData.Encode(1, DnsName.Root, [new(1, new byte[] { 2, (byte)'h', (byte)'2' }), new(3, new byte[] { 1, 187 })])),
            Rr(zone, RecordType.TXT, TxtData.Encode("printed \"quoted\"", "\u00e9\\")),
        };
        yield return ("printed-signed-zone", ZoneFilePrinter.Print(signed));

        // RDATA that the type's own syntax cannot show: the printer falls back to the generic form.
        var generic = new List<DnsRecord>
        {
            Rr(zone, RecordType.CAA, [0, 2, (byte)'-', (byte)'x', (byte)'v']),
            Rr(zone, RecordType.DNSKEY, [1, 0, 3, 13]),
            Rr(zone, RecordType.NSEC, [0, 0, 2, 0x40, 0]),
            Rr(zone, RecordType.HTTPS, [0, 1, 0, 0, 2, 0, 0]),
            Rr(zone, RecordType.LOC, [0, 0x12, 0x16, 0x13, 0x89, 0x17, 0x2D, 0xD0, 0x70, 0xBE, 0x15, 0xF0, 0x00, 0x98, 0x8D, 0x20]),
            Rr(zone, (RecordType)65280, RandomBytes(random, 7)),
        };
        yield return ("printed-generic-fallback", ZoneFilePrinter.Print(generic));
    }

    private static DnsRecord Sig(Random random, DnsName owner, RecordType covered, DnsName signer)
    {
        ushort keyTag = (ushort)random.Next(ushort.MaxValue);
        return Rr(owner, RecordType.RRSIG, RrsigData.Encode(covered, DnssecAlgorithm.ECDSAP256SHA256, (byte)owner.SignatureLabelCount, 3600, Expiration, Inception, keyTag, signer, RandomBytes(random, 64)));
    }

    private static DnsRecord Rr(DnsName owner, RecordType type, byte[] data) => new(owner, type, RecordClass.IN, 3600, data);

    private static DnsName N(string text) => DnsName.Parse(text);

    private static byte[] RandomBytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static string Base64(Random random, int length) => Convert.ToBase64String(RandomBytes(random, length));

    private static string Hex(Random random, int length) => Convert.ToHexString(RandomBytes(random, length));

    /// <summary>Random octets in unpadded base32hex (RFC 4648 §7), written here rather than by the code under test.</summary>
    private static string Base32Hex(Random random, int length)
    {
        const string Base32HexAlphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";
        var text = new StringBuilder();
        int buffer = 0;
        int bits = 0;
        foreach (byte b in RandomBytes(random, length))
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                text.Append(Base32HexAlphabet[(buffer >> bits) & 0x1F]);
            }
        }

        return bits > 0 ? text.Append(Base32HexAlphabet[(buffer << (5 - bits)) & 0x1F]).ToString() : text.ToString();
    }
}
