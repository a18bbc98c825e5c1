using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

public class RecordTextFormatterTests
{
    /// <summary>
    /// Lines already in the form BIND 9.18 prints (checked by hand against named-checkzone -D), one or more per
    /// type with a layout in RecordSchema; read, they must print back exactly.
    /// </summary>
    public static TheoryData<string, string> CanonicalLines => new()
    {
        { "A", "a.example. 3600 IN A 192.0.2.1" },
        { "NS", "example. 3600 IN NS ns1.example." },
        { "MD, obsolete", "a.example. 3600 IN MD mail.example." },
        { "MF, obsolete", "a.example. 3600 IN MF mail.example." },
        { "CNAME", "www.example. 300 IN CNAME example." },
        { "SOA", "example. 86400 IN SOA ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 300" },
        { "MB", "a.example. 3600 IN MB mail.example." },
        { "MG", "a.example. 3600 IN MG mail.example." },
        { "MR", "a.example. 3600 IN MR mail.example." },
        { "NULL is always generic", @"a.example. 3600 IN NULL \# 3 010203" },
        { "NULL empty", @"a.example. 3600 IN NULL \# 0" },
        { "PTR", "1.2.0.192.in-addr.arpa. 3600 IN PTR a.example." },
        { "HINFO", "a.example. 3600 IN HINFO \"PC\" \"Linux os\"" },
        { "MINFO", "a.example. 3600 IN MINFO rm.example. em.example." },
        { "MX", "example. 3600 IN MX 10 mail.example." },
        { "MX to the root (RFC 7505 null MX)", "example. 3600 IN MX 0 ." },
        { "TXT with escapes", "a.example. 3600 IN TXT \"say \\\"hi\\\"\" \"back\\\\slash\" \"\\001\\127\\255\" \"\"" },
        { "TXT keeps zone-file specials inside quotes", "a.example. 3600 IN TXT \"a;b (c) @d $e\"" },
        { "RP", "a.example. 3600 IN RP mbox.example. txt.example." },
        { "AFSDB", "a.example. 3600 IN AFSDB 1 afs.example." },
        { "RT", "a.example. 3600 IN RT 10 relay.example." },
        { "SIG", "a.example. 3600 IN SIG A 8 2 3600 20240101000000 20231201000000 12345 example. AQIDBA==" },
        { "KEY", "example. 3600 IN KEY 256 3 8 AwEAAQ==" },
        { "PX", "a.example. 3600 IN PX 10 map822.example. mapx400.example." },
        { "AAAA", "a.example. 3600 IN AAAA 2001:db8::1" },
        { "AAAA IPv4-mapped", "a.example. 3600 IN AAAA ::ffff:192.0.2.1" },
        { "SRV", "_sip._tcp.example. 3600 IN SRV 0 5 5060 sip.example." },
        { "NAPTR", "a.example. 3600 IN NAPTR 100 10 \"S\" \"SIP+D2U\" \"!^.*$!sip:info@example.com!\" _sip._udp.example." },
        { "NAPTR empty strings", "a.example. 3600 IN NAPTR 1 1 \"\" \"\" \"\" ." },
        { "KX", "a.example. 3600 IN KX 10 kx.example." },
        { "DNAME", "a.example. 3600 IN DNAME b.example." },
        { "DS", "dskey.example.com. 86400 IN DS 60485 5 1 2BB183AF5F22588179A53B0A98631FAD1A292118" },
        { "SSHFP", "host.example. 3600 IN SSHFP 2 1 123456789ABCDEF67890123456789ABCDEF67890" },
        { "RRSIG", "host.example.com. 86400 IN RRSIG A 5 3 86400 20030322173103 20030220173103 2642 example.com. oJB1W6WNGv+ldvQ3WDG0MQkg5IEhjRip8WTrPYGv07h108dUKGMeDPKijVCHX3DDKdfb+v6oB9wfuh3DTJXUAfI/M0zmO/zz8bW0Rznl8O3tGNazPwQKkRN20XPXV6nwwfoXmJQbsLNrLfkGJ5D6fwFm8nN+6pBzeDQfsS3Ap3o=" },
        { "RRSIG over a type without a mnemonic", "a.example. 3600 IN RRSIG TYPE65280 13 2 3600 20240101000000 20231201000000 1 example. AQID" },
        { "NSEC, types in numeric order", "alfa.example.com. 86400 IN NSEC host.example.com. A MX RRSIG NSEC TYPE1234" },
        { "NSEC with types in a high window", "a.example. 3600 IN NSEC b.example. A CAA TA" },
        { "DNSKEY", "example.com. 86400 IN DNSKEY 256 3 5 AQPSKmynfzW4kyBv015MUG2DeIQ3Cbl+BBZH4b/0PY1kxkmvHjcZc8nokfzj31GajIQKY+5CptLr3buXA10hWqTkF7H6RfoRqXQeogmMHfpftf6zMv1LyBUgia7za6ZEzOJBOztyvhjL742iU/TpPSEDhm2SNKLijfUppn1UaNvv4w==" },
        { "DHCID", "chi.example.com. 3600 IN DHCID AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA=" },
        { "NSEC3, salt and hash upper case", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. 3600 IN NSEC3 1 1 12 AABBCCDD 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR NS SOA MX RRSIG DNSKEY NSEC3PARAM" },
        { "NSEC3 with empty salt and no types", "a.example. 3600 IN NSEC3 1 0 0 - 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR" },
        { "NSEC3PARAM", "example. 0 IN NSEC3PARAM 1 0 12 AABBCCDD" },
        { "NSEC3PARAM empty salt (RFC 5155 §3.3)", "example. 0 IN NSEC3PARAM 1 0 0 -" },
        { "TLSA", "_443._tcp.www.example.com. 3600 IN TLSA 0 0 1 D2ABDE240D7CD3EE6B4B28C54DF034B97983A1D16E8A410E4561CB106618E971" },
        { "SMIMEA", "a._smimecert.example. 3600 IN SMIMEA 3 1 1 0123456789ABCDEF" },
        { "CDS delete (RFC 8078 §4)", "example. 3600 IN CDS 0 0 0 00" },
        { "CDNSKEY delete (RFC 8078 §4)", "example. 3600 IN CDNSKEY 0 3 0 AA==" },
        { "OPENPGPKEY", "a._openpgpkey.example. 3600 IN OPENPGPKEY AQIDBAUG" },
        { "CSYNC", "example.com. 3600 IN CSYNC 66 3 A NS AAAA" },
        { "ZONEMD", "example. 86400 IN ZONEMD 2018031900 1 1 C68090D90A7AED716BC459F9340E3D7C1370D4D24B7E2FC3A1DDC0B9A87153B9A9713B3C9AE5CC27777F98B8E730044C" },
        { "HTTPS alias mode", "example.com. 3600 IN HTTPS 0 foo.example.com." },
        { "SVCB with every known key, in key order", "a.example. 3600 IN SVCB 1 . mandatory=alpn,port alpn=\"h2,h3\" no-default-alpn port=443 ipv4hint=192.0.2.1,192.0.2.2 ech=AQID ipv6hint=2001:db8::1 key65000=\"abc\"" },
        { "SVCB generic keys, empty ech and empty value", "a.example. 3600 IN SVCB 1 t.example. ech key7=\"/q{?dns}\" key65001" },
        { "SVCB alpn with escaped comma and backslash", "a.example. 3600 IN SVCB 1 . alpn=\"a\\\"b,c\\\\\\\\d,e\\\\,f\"" },
        { "SVCB generic value with escapes", "a.example. 3600 IN SVCB 1 . key65000=\"a\\\"b\\\\c,d \\001\"" },
        { "SPF", "example. 3600 IN SPF \"v=spf1 -all\"" },
        { "EUI48 (RFC 7043 §3.2)", "host.example. 86400 IN EUI48 00-00-5e-00-53-2a" },
        { "EUI64 (RFC 7043 §4.2)", "host.example. 86400 IN EUI64 00-00-5e-ef-10-00-00-2a" },
        { "URI", "_ftp._tcp.example. 3600 IN URI 10 1 \"ftp://ftp1.example.com/public\"" },
        { "URI with escapes", "_ftp._tcp.example. 3600 IN URI 1 1 \"a b\\\"c\\\\\\007\"" },
        { "CAA (RFC 8659 §4.1)", "example.com. 3600 IN CAA 0 issue \"ca.example.net\"" },
        { "CAA critical flag and unknown tag", "example.com. 3600 IN CAA 128 tbs \"Unknown\"" },
        { "CAA empty value", "example.com. 3600 IN CAA 0 issue \"\"" },
        { "TA", "example. 3600 IN TA 12345 8 1 0123456789ABCDEF0123456789ABCDEF01234567" },
        { "DLV", "example. 3600 IN DLV 12345 8 1 0123456789ABCDEF0123456789ABCDEF01234567" },
        { "type without a layout (RFC 3597 §5)", @"a.example. 3600 IN LOC \# 16 000016138B3CF018810CBCE0009895B8" },
        { "unknown type and class (RFC 3597 §5)", @"a.example. 3600 CLASS32 TYPE731 \# 6 ABCDEF012345" },
        { "unknown type, empty RDATA", @"a.example. 3600 IN TYPE65281 \# 0" },
        { "CHAOS class", "version.bind. 0 CH TXT \"9.18\"" },
        { "owner with escaped specials", "n\\.ame\\@\\$\\(\\)\\;\\\"\\\\\\032x.example. 3600 IN TXT \"x\"" },
        { "owner with a high octet", "\\200y.example. 3600 IN TXT \"y\"" },
        { "wildcard owner", "*.example. 3600 IN A 192.0.2.3" },
        { "root owner", ". 518400 IN NS a.root-servers.net." },
    };

    [Theory]
    [MemberData(nameof(CanonicalLines))]
    public void Format_CanonicalLine_PrintsItBackExactly(string description, string line)
    {
        _ = description;
        DnsRecord record = Assert.Single(ZoneFileReader.Parse(line));

        string printed = RecordTextFormatter.Format(record);

        Assert.Equal(line, printed);
        DnsRecord reread = Assert.Single(ZoneFileReader.Parse(printed));
        Assert.Equal(Convert.ToHexString(record.Data.Span), Convert.ToHexString(reread.Data.Span));
    }

    /// <summary>RFC 9460 Appendix D: wire forms and the text BIND prints for them.</summary>
    public static TheoryData<string, string, string> ServiceBindingVectors => new()
    {
        { "D.1 alias form", "0000 03666F6F076578616D706C6503636F6D00", "0 foo.example.com." },
        { "D.2 use the owner name", "0001 00", "1 ." },
        { "D.2 port only", "0010 03666F6F076578616D706C6503636F6D00 0003 0002 0035", "16 foo.example.com. port=53" },
        { "D.2 unregistered key", "0001 03666F6F076578616D706C6503636F6D00 029B 0005 68656C6C6F", "1 foo.example.com. key667=\"hello\"" },
        { "D.2 unregistered key with an escaped octet", "0001 03666F6F076578616D706C6503636F6D00 029B 0009 68656C6C6FD2716F6F", "1 foo.example.com. key667=\"hello\\210qoo\"" },
        { "D.2 two IPv6 hints", "0001 03666F6F076578616D706C6503636F6D00 0006 0020 20010DB8000000000000000000000001 20010DB8000000000000000000530001", "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1" },
        { "D.2 IPv6 hint given with embedded IPv4", "0001 076578616D706C6503636F6D00 0006 0010 20010DB8FFFFFFFFFFFFFFFFC6336464", "1 example.com. ipv6hint=2001:db8:ffff:ffff:ffff:ffff:c633:6464" },
        { "D.2 keys sorted on the wire", "0010 03666F6F076578616D706C65036F726700 0000 0004 00010004 0001 0009 026832 0568332D3139 0004 0004 C0000201", "16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" ipv4hint=192.0.2.1" },
        { "D.2 alpn with escaped comma and backslash", "0010 03666F6F076578616D706C65036F726700 0001 000C 08665C6F6F2C626172 026832", "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"" },
    };

    [Theory]
    [MemberData(nameof(ServiceBindingVectors))]
    public void FormatData_ServiceBindingVector_PrintsAsBindAndReadsBack(string description, string wireHex, string expected)
    {
        _ = description;
        byte[] wire = Convert.FromHexString(wireHex.Replace(" ", string.Empty, StringComparison.Ordinal));

        Assert.Equal(expected, RecordTextFormatter.FormatData(RecordType.SVCB, wire));
        DnsRecord reread = Assert.Single(ZoneFileReader.Parse("example.com. 3600 IN SVCB " + expected));
        Assert.Equal(Convert.ToHexString(wire), Convert.ToHexString(reread.Data.Span));
    }

    [Theory]
    [InlineData("D.2 presentation not sorted", "SVCB 16 foo.example.org. (alpn=h2,h3-19 mandatory=ipv4hint,alpn ipv4hint=192.0.2.1)", "16 foo.example.org. mandatory=alpn,ipv4hint alpn=\"h2,h3-19\" ipv4hint=192.0.2.1")]
    [InlineData("D.2 alpn escaped with decimal escapes", @"SVCB 16 foo.example.org. alpn=f\\\092oo\092,bar,h2", "16 foo.example.org. alpn=\"f\\\\\\\\oo\\\\,bar,h2\"")]
    [InlineData("D.2 quoted IPv6 hints", "SVCB 1 foo.example.com. ipv6hint=\"2001:db8::1,2001:db8::53:1\"", "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1")]
    [InlineData("known key written generically", "SVCB 1 . key1=\"\\002h2\" key3=\"\\001\\187\"", "1 . alpn=\"h2\" port=443")]
    [InlineData("dohpath is key7", "HTTPS 1 . dohpath=/q{?dns}", "1 . key7=\"/q{?dns}\"")]
    [InlineData("empty quoted value", "SVCB 1 . key65000=\"\" ech=\"\"", "1 . ech key65000")]
    [InlineData("no-default-alpn with empty value", "SVCB 1 . alpn=h2 no-default-alpn=\"\"", "1 . alpn=\"h2\" no-default-alpn")]
    [InlineData("parameters on a continuation line", "SVCB 1 . alpn=h2 (\n port=1 )", "1 . alpn=\"h2\" port=1")]
    [InlineData("alias mode keeps parameters", "SVCB 0 . alpn=h2", "0 . alpn=\"h2\"")]
    public void FormatData_ServiceBindingText_PrintsCanonicalForm(string description, string text, string expected)
    {
        _ = description;
        DnsRecord record = Assert.Single(ZoneFileReader.Parse("example.com. 3600 IN " + text));
        Assert.Equal(expected, RecordTextFormatter.FormatData(record));
    }

    /// <summary>Text in other accepted spellings that BIND prints in its one canonical form.</summary>
    [Theory]
    [InlineData("relative names and @", "$ORIGIN example.\nwww MX 10 @", "www.example. 3600 IN MX 10 example.")]
    [InlineData("SOA timers with units", "$ORIGIN example.\n@ SOA ns1 host 1 2h 1h 2w 5m", "example. 3600 IN SOA ns1.example. host.example. 1 7200 3600 1209600 300")]
    [InlineData("algorithm mnemonic in DNSKEY", "example. DNSKEY 256 3 ECDSAP256SHA256 AQID", "example. 3600 IN DNSKEY 256 3 13 AQID")]
    [InlineData("algorithm mnemonic in RRSIG and DS", "example. DS 1 RSASHA256 2 AABB", "example. 3600 IN DS 1 8 2 AABB")]
    [InlineData("RRSIG times as seconds", "example. RRSIG A 13 1 60 1700000000 1600000000 1 example. AQID", "example. 3600 IN RRSIG A 13 1 60 20231114221320 20200913122640 1 example. AQID")]
    [InlineData("base64 split and in parentheses", "example. DNSKEY 256 3 13 ( AQ\n ID )", "example. 3600 IN DNSKEY 256 3 13 AQID")]
    [InlineData("hex split and lower case", "example. DS 1 13 2 aa bb cc", "example. 3600 IN DS 1 13 2 AABBCC")]
    [InlineData("NSEC3 hash and salt lower case", "example. NSEC3 1 0 1 ab 2t7b4g4vsa5smi47k61mv5bv1a22bojr a ns", "example. 3600 IN NSEC3 1 0 1 AB 2T7B4G4VSA5SMI47K61MV5BV1A22BOJR A NS")]
    [InlineData("NSEC types unsorted, repeated and generic", "example. NSEC a. TYPE2 A TYPE65280 a", "example. 3600 IN NSEC a. A NS TYPE65280")]
    [InlineData("unquoted TXT words", @"example. TXT a\;b c\ d \072i", "example. 3600 IN TXT \"a;b\" \"c d\" \"Hi\"")]
    [InlineData("adjacent quoted strings", "example. TXT \"a\"\"b\"c", "example. 3600 IN TXT \"a\" \"b\" \"c\"")]
    [InlineData("TXT key=\"value\" splits, as in BIND", "example. TXT a=\"b c\"", "example. 3600 IN TXT \"a=\" \"b c\"")]
    [InlineData("text beyond Latin-1 becomes UTF-8", "example. TXT \"\u20AC\"", "example. 3600 IN TXT \"\\226\\130\\172\"")]
    [InlineData("EUI upper case", "example. EUI48 00-00-5E-00-53-2A", "example. 3600 IN EUI48 00-00-5e-00-53-2a")]
    [InlineData("unquoted CAA value", "example. CAA 0 issue ca.example", "example. 3600 IN CAA 0 issue \"ca.example\"")]
    [InlineData("unquoted URI target", "example. URI 1 1 ftp://x", "example. 3600 IN URI 1 1 \"ftp://x\"")]
    [InlineData("generic form of a known type (RFC 3597 §5)", @"example. A \# 4 C0 00 02 01", "example. 3600 IN A 192.0.2.1")]
    [InlineData("generic type and class for A in IN", "example. CLASS1 TYPE1 192.0.2.2", "example. 3600 IN A 192.0.2.2")]
    [InlineData("generic TXT", @"example. TXT \# 3 02 6869", "example. 3600 IN TXT \"hi\"")]
    [InlineData("class before TTL", "example. IN 60 A 192.0.2.1", "example. 60 IN A 192.0.2.1")]
    [InlineData("TTL with units", "example. 1h30m A 192.0.2.1", "example. 5400 IN A 192.0.2.1")]
    [InlineData("owner in upper case keeps its case", "WWW.Example. A 192.0.2.1", "WWW.Example. 3600 IN A 192.0.2.1")]
    [InlineData("type in lower case", "example. aaaa 2001:DB8:0:0:0:0:0:1", "example. 3600 IN AAAA 2001:db8::1")]
    public void Format_OtherSpelling_PrintsCanonicalForm(string description, string text, string expected)
    {
        _ = description;
        var options = new ZoneFileReaderOptions { DefaultTtl = 3600 };
        DnsRecord record = Assert.Single(ZoneFileReader.Parse(text, "test", options));
        Assert.Equal(expected, RecordTextFormatter.Format(record));
    }

    /// <summary>RDATA built with the Wire layer's encoders, independent of the reader.</summary>
    [Fact]
    public void FormatData_EncodedByWireViews_PrintsAsBind()
    {
        DnsName signer = DnsName.Parse("example.");
        Assert.Equal(
            "A 13 2 3600 20240101000000 20231201000000 12345 example. AQIDBA==",
            RecordTextFormatter.FormatData(RecordType.RRSIG, RrsigData.Encode(RecordType.A, DnssecAlgorithm.ECDSAP256SHA256, 2, 3600, 1704067200, 1701388800, 12345, signer, [1, 2, 3, 4])));
        Assert.Equal(
            "12345 13 2 00FF",
            RecordTextFormatter.FormatData(RecordType.DS, DsData.Encode(12345, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, [0x00, 0xFF])));
        Assert.Equal(
            "1 1 10 - 01234569 A RRSIG",
            RecordTextFormatter.FormatData(RecordType.NSEC3, Nsec3Data.Encode(1, 1, 10, [], [0x00, 0x44, 0x32, 0x14, 0xC9], [RecordType.RRSIG, RecordType.A])));
        Assert.Equal(
            "\"one\" \"two words\"",
            RecordTextFormatter.FormatData(RecordType.TXT, TxtData.Encode("one", "two words")));
        Assert.Equal(
            "0 issue \"ca.example\"",
            RecordTextFormatter.FormatData(RecordType.CAA, CaaData.Encode(0, "issue", "ca.example"u8)));
        Assert.Equal(
            "1 svc.example. alpn=\"h2\" port=8443",
            RecordTextFormatter.FormatData(RecordType.HTTPS, SvcbData.Encode(1, DnsName.Parse("svc.example."), [new(3, new byte[] { 0x20, 0xFB }), new(1, new byte[] { 2, (byte)'h', (byte)'2' })])));
        Assert.Equal(
            "2001:db8::53",
            RecordTextFormatter.FormatData(RecordType.AAAA, AddressData.Encode(System.Net.IPAddress.Parse("2001:db8::53"))));
    }

    /// <summary>RDATA that its type's syntax cannot show faithfully is printed in the generic form of RFC 3597 §5, which reads back to the same bytes.</summary>
    [Theory]
    [InlineData("CAA tag with a hyphen", RecordType.CAA, "0006" + "69732D737565" + "78")]
    [InlineData("DNSKEY without key data", RecordType.DNSKEY, "01000308")]
    [InlineData("DS without digest", RecordType.DS, "30390802")]
    [InlineData("NSEC bitmap with a trailing zero octet", RecordType.NSEC, "00" + "00024000")]
    [InlineData("SVCB mandatory key missing (RFC 9460 §8)", RecordType.SVCB, "000100" + "000000020003")]
    [InlineData("SVCB no-default-alpn without alpn (RFC 9460 §7.1.1)", RecordType.SVCB, "000100" + "00020000")]
    [InlineData("SVCB alpn with an empty identifier", RecordType.SVCB, "000100" + "0001000100")]
    [InlineData("SVCB port of three octets", RecordType.SVCB, "000100" + "0003000300000A")]
    [InlineData("SVCB mandatory listing itself", RecordType.SVCB, "000100" + "000000020000")]
    [InlineData("SVCB ipv4hint of five octets", RecordType.SVCB, "000100" + "000400050102030405")]
    public void Format_UnrepresentableData_PrintsGenericFormThatReadsBack(string description, RecordType type, string wireHex)
    {
        _ = description;
        byte[] wire = Convert.FromHexString(wireHex);
        var record = new DnsRecord(DnsName.Parse("a.example."), type, RecordClass.IN, 60, wire);

        string data = RecordTextFormatter.FormatData(record);

        Assert.Equal($@"\# {wire.Length} {wireHex}", data);
        DnsRecord reread = Assert.Single(ZoneFileReader.Parse(RecordTextFormatter.Format(record)));
        Assert.Equal(wireHex, Convert.ToHexString(reread.Data.Span));
    }

    [Theory]
    [InlineData("A of three octets", RecordType.A, "C00002")]
    [InlineData("MX cut inside the name", RecordType.MX, "000A03777777")]
    [InlineData("name with a compression pointer", RecordType.NS, "C00C")]
    [InlineData("TXT string longer than the data", RecordType.TXT, "0561")]
    [InlineData("octets after the last field", RecordType.A, "C000020101")]
    [InlineData("empty A", RecordType.A, "")]
    [InlineData("NSEC bitmap windows out of order", RecordType.NSEC, "00" + "010140" + "000140")]
    [InlineData("NSEC bitmap window of 33 octets", RecordType.NSEC, "00" + "0021" + "400000000000000000000000000000000000000000000000000000000000000001")]
    [InlineData("NSEC3 with an empty next hashed owner", RecordType.NSEC3, "01000000" + "00" + "00")]
    [InlineData("RRSIG cut in the fixed fields", RecordType.RRSIG, "0001")]
    public void FormatData_MalformedWire_PrintsGenericFormWithoutThrowing(string description, RecordType type, string wireHex)
    {
        _ = description;
        byte[] wire = Convert.FromHexString(wireHex);

        string data = RecordTextFormatter.FormatData(type, wire);

        Assert.Equal(wire.Length == 0 ? @"\# 0" : $@"\# {wire.Length} {wireHex}", data);
    }

    [Fact]
    public void AppendRecord_ExistingText_AppendsOneLine()
    {
        var builder = new StringBuilder("; ");
        var record = new DnsRecord(DnsName.Parse("a.example."), RecordType.A, RecordClass.IN, 60, new byte[] { 192, 0, 2, 1 });

        RecordTextFormatter.AppendRecord(builder, record);

        Assert.Equal("; a.example. 60 IN A 192.0.2.1", builder.ToString());
    }

    [Fact]
    public void Format_OptRecord_ShowsPayloadSizeAsGenericClass()
    {
        var record = new DnsRecord(DnsName.Root, RecordType.OPT, (RecordClass)1232, 0, Array.Empty<byte>());

        Assert.Equal(@". 0 CLASS1232 OPT \# 0", RecordTextFormatter.Format(record));
    }
}
