using System.Net;
using Dnssec.Wire;

namespace Dnssec.Fuzz.Seeds;

/// <summary>
/// Builds the seed corpus of the <c>message</c> target: small, realistic queries and responses written with
/// <see cref="DnsMessage"/>, plus a few hand-assembled messages with compression the writer never produces.
/// Signatures, keys and hashes are deterministic random octets of realistic sizes; nothing here verifies.
/// </summary>
/// <remarks>Regenerate with <c>dotnet run --project fuzz/Dnssec.Fuzz -- seed message fuzz/corpus/message</c>.</remarks>
public static class MessageSeeds
{
    private const uint Inception = 1767225600;  // 2026-01-01T00:00:00Z
    private const uint Expiration = 1769904000; // 2026-02-01T00:00:00Z

    /// <summary>Every seed, by file name.</summary>
    public static IEnumerable<KeyValuePair<string, byte[]>> Generate()
    {
        var random = new Random(20260101);
        foreach ((string name, DnsMessage message) in Messages(random))
        {
            yield return new(name, message.ToArray());
        }

        foreach (KeyValuePair<string, byte[]> raw in HandAssembled())
        {
            yield return raw;
        }
    }

    private static IEnumerable<(string Name, DnsMessage Message)> Messages(Random random)
    {
        DnsName zone = N("example.com.");
        DnsName www = N("www.example.com.");

        yield return ("query-a-do", DnsMessage.CreateQuery(0x1234, www, RecordType.A));
        yield return ("query-a-plain", WithoutEdns(DnsMessage.CreateQuery(0x0001, www, RecordType.A)));
        yield return ("query-aaaa-0x20", DnsMessage.CreateQuery(0xBEEF, N("wWw.ExAmPlE.CoM."), RecordType.AAAA));
        yield return ("query-dnskey-cd", DnsMessage.CreateQuery(0x2222, zone, RecordType.DNSKEY, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled));
        yield return ("query-ds", DnsMessage.CreateQuery(0x3333, zone, RecordType.DS));
        yield return ("query-tlsa", DnsMessage.CreateQuery(0x4444, N("_25._tcp.mail.example.com."), RecordType.TLSA));
        yield return ("query-root-ns-priming", DnsMessage.CreateQuery(0x5555, DnsName.Root, RecordType.NS, DnsHeaderFlags.None));
        yield return ("query-any", DnsMessage.CreateQuery(0x6666, zone, RecordType.ANY));

        DnsMessage cookie = DnsMessage.CreateQuery(0x7777, www, RecordType.A);
        cookie.Edns!.Options.Add(new EdnsOption(EdnsOptionCode.Cookie, Bytes(random, 8)));
        cookie.Edns.Options.Add(new EdnsOption(EdnsOptionCode.Padding, new byte[24]));
        yield return ("query-cookie-padding", cookie);

        DnsMessage nsid = DnsMessage.CreateQuery(0x8888, zone, RecordType.SOA);
        nsid.Edns!.Options.Add(new EdnsOption(EdnsOptionCode.Nsid, ReadOnlyMemory<byte>.Empty));
        nsid.Edns.Options.Add(new EdnsOption(EdnsOptionCode.ClientSubnet, new byte[] { 0, 1, 24, 0, 192, 0, 2 }));
        yield return ("query-nsid-ecs", nsid);

        yield return ("response-a-rsa", SignedAddressResponse(random, DnssecAlgorithm.RSASHA256, 256));
        yield return ("response-a-ecdsa", SignedAddressResponse(random, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-a-ed25519", SignedAddressResponse(random, DnssecAlgorithm.ED25519, 64));

        DnsMessage dnskey = Response(0x2222, zone, RecordType.DNSKEY);
        dnskey.Answers.Add(Rr(zone, RecordType.DNSKEY, DnskeyData.Encode(257, 3, DnssecAlgorithm.RSASHA256, RsaKey(random, 256))));
        dnskey.Answers.Add(Rr(zone, RecordType.DNSKEY, DnskeyData.Encode(256, 3, DnssecAlgorithm.ECDSAP256SHA256, Bytes(random, 64))));
        dnskey.Answers.Add(Sig(random, zone, RecordType.DNSKEY, zone, DnssecAlgorithm.RSASHA256, 256));
        dnskey.Answers.Add(Sig(random, zone, RecordType.DNSKEY, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-dnskey", dnskey);

        DnsMessage ds = Response(0x3333, zone, RecordType.DS);
        ds.Answers.Add(Rr(zone, RecordType.DS, DsData.Encode(31589, DnssecAlgorithm.RSASHA256, DigestType.SHA256, Bytes(random, 32)), 86400));
        ds.Answers.Add(Sig(random, zone, RecordType.DS, N("com."), DnssecAlgorithm.RSASHA256, 256, 86400));
        yield return ("response-ds", ds);

        DnsMessage referral = Response(0x9999, www, RecordType.A, DnsHeaderFlags.Response);
        referral.Authorities.Add(Rr(zone, RecordType.NS, NameData.Encode(N("a.iana-servers.net.")), 172800));
        referral.Authorities.Add(Rr(zone, RecordType.NS, NameData.Encode(N("b.iana-servers.net.")), 172800));
        referral.Authorities.Add(Rr(zone, RecordType.DS, DsData.Encode(370, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, Bytes(random, 32)), 86400));
        referral.Authorities.Add(Sig(random, zone, RecordType.DS, N("com."), DnssecAlgorithm.ECDSAP256SHA256, 64, 86400));
        referral.Additionals.Add(Rr(N("a.iana-servers.net."), RecordType.A, Address("199.43.135.53"), 172800));
        referral.Additionals.Add(Rr(N("a.iana-servers.net."), RecordType.AAAA, Address("2001:500:8f::53"), 172800));
        yield return ("response-referral-ds", referral);

        DnsName child = N("insecure.example.com.");
        DnsMessage insecure = Response(0xAAAA, N("www.insecure.example.com."), RecordType.A, DnsHeaderFlags.Response);
        insecure.Authorities.Add(Rr(child, RecordType.NS, NameData.Encode(N("ns1.insecure.example.com."))));
        insecure.Authorities.Add(Rr(child, RecordType.NSEC, NsecData.Encode(N("mail.example.com."), [RecordType.NS, RecordType.RRSIG, RecordType.NSEC])));
        insecure.Authorities.Add(Sig(random, child, RecordType.NSEC, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        insecure.Additionals.Add(Rr(N("ns1.insecure.example.com."), RecordType.A, Address("192.0.2.53")));
        yield return ("response-referral-insecure-nsec", insecure);

        DnsMessage nxNsec = Response(0xBBBB, N("nope.example.com."), RecordType.A, rcode: DnsResponseCode.NXDomain);
        AddSoa(random, nxNsec, zone);
        nxNsec.Authorities.Add(Rr(N("mail.example.com."), RecordType.NSEC, NsecData.Encode(N("www.example.com."), [RecordType.A, RecordType.MX, RecordType.RRSIG, RecordType.NSEC])));
        nxNsec.Authorities.Add(Sig(random, N("mail.example.com."), RecordType.NSEC, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        nxNsec.Authorities.Add(Rr(zone, RecordType.NSEC, NsecData.Encode(N("mail.example.com."), [RecordType.NS, RecordType.SOA, RecordType.RRSIG, RecordType.NSEC, RecordType.DNSKEY, RecordType.CAA])));
        nxNsec.Authorities.Add(Sig(random, zone, RecordType.NSEC, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-nxdomain-nsec", nxNsec);

        DnsMessage nodataNsec = Response(0xCCCC, www, RecordType.TXT);
        AddSoa(random, nodataNsec, zone);
        nodataNsec.Authorities.Add(Rr(www, RecordType.NSEC, NsecData.Encode(N("\\000.www.example.com."), [RecordType.A, RecordType.AAAA, RecordType.RRSIG, RecordType.NSEC, RecordType.TLSA, RecordType.CAA, (RecordType)65280])));
        nodataNsec.Authorities.Add(Sig(random, www, RecordType.NSEC, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-nodata-nsec", nodataNsec);

        DnsMessage nxNsec3 = Response(0xDDDD, N("nope.example.com."), RecordType.A, rcode: DnsResponseCode.NXDomain);
        AddSoa(random, nxNsec3, zone);
        foreach (string hash in (string[])["0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "35mthgpgcu1qg68fab165klnsnk3dpvl", "b4um86eghhds6nea196smvmlo4ors995"])
        {
            DnsName owner = N(hash + ".example.com.");
            nxNsec3.Authorities.Add(Rr(owner, RecordType.NSEC3, Nsec3Data.Encode(1, 0, 0, [], Bytes(random, 20), [RecordType.A, RecordType.RRSIG])));
            nxNsec3.Authorities.Add(Sig(random, owner, RecordType.NSEC3, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        }

        yield return ("response-nxdomain-nsec3", nxNsec3);

        DnsMessage optOut = Response(0xEEEE, N("delegated.example.com."), RecordType.DS);
        AddSoa(random, optOut, zone);
        DnsName nsec3Owner = N("6cd522290vma0nr8lqu1ivtcofj94rga.example.com.");
        optOut.Authorities.Add(Rr(nsec3Owner, RecordType.NSEC3, Nsec3Data.Encode(1, Nsec3Data.OptOutFlag, 10, [0xAA, 0xBB, 0xCC, 0xDD], Bytes(random, 20), [RecordType.NS, RecordType.SOA, RecordType.RRSIG, RecordType.DNSKEY, RecordType.NSEC3PARAM])));
        optOut.Authorities.Add(Sig(random, nsec3Owner, RecordType.NSEC3, zone, DnssecAlgorithm.RSASHA256, 256));
        yield return ("response-nodata-nsec3-optout", optOut);

        DnsMessage wildcard = Response(0x1111, N("anything.example.com."), RecordType.A);
        wildcard.Answers.Add(Rr(N("anything.example.com."), RecordType.A, Address("192.0.2.80")));
        wildcard.Answers.Add(Sig(random, N("anything.example.com."), RecordType.A, zone, DnssecAlgorithm.ECDSAP256SHA256, 64, labels: 2));
        wildcard.Authorities.Add(Rr(N("a.example.com."), RecordType.NSEC, NsecData.Encode(N("b.example.com."), [RecordType.A, RecordType.RRSIG, RecordType.NSEC])));
        wildcard.Authorities.Add(Sig(random, N("a.example.com."), RecordType.NSEC, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-wildcard", wildcard);

        DnsMessage cname = Response(0x2121, N("alias.example.com."), RecordType.A);
        cname.Answers.Add(Rr(N("alias.example.com."), RecordType.CNAME, NameData.Encode(N("alias2.example.net."))));
        cname.Answers.Add(Sig(random, N("alias.example.com."), RecordType.CNAME, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        cname.Answers.Add(Rr(N("alias2.example.net."), RecordType.CNAME, NameData.Encode(www)));
        cname.Answers.Add(Sig(random, N("alias2.example.net."), RecordType.CNAME, N("example.net."), DnssecAlgorithm.ED25519, 64));
        cname.Answers.Add(Rr(www, RecordType.A, Address("192.0.2.1")));
        cname.Answers.Add(Sig(random, www, RecordType.A, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-cname-chain", cname);

        DnsMessage dname = Response(0x2323, N("www.old.example.com."), RecordType.A);
        dname.Answers.Add(Rr(N("old.example.com."), RecordType.DNAME, NameData.Encode(N("new.example.com."))));
        dname.Answers.Add(Sig(random, N("old.example.com."), RecordType.DNAME, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        dname.Answers.Add(Rr(N("www.old.example.com."), RecordType.CNAME, NameData.Encode(N("www.new.example.com.")), 0));
        dname.Answers.Add(Rr(N("www.new.example.com."), RecordType.A, Address("192.0.2.2")));
        yield return ("response-dname", dname);

        DnsMessage mx = Response(0x2424, zone, RecordType.MX);
        mx.Answers.Add(Rr(zone, RecordType.MX, MxData.Encode(10, N("mail.example.com."))));
        mx.Answers.Add(Rr(zone, RecordType.MX, MxData.Encode(20, N("MAIL2.Example.COM."))));
        mx.Additionals.Add(Rr(N("mail.example.com."), RecordType.A, Address("192.0.2.25")));
        mx.Additionals.Add(Rr(N("mail2.example.com."), RecordType.AAAA, Address("2001:db8::25")));
        yield return ("response-mx-compressed", mx);

        DnsMessage srv = Response(0x2525, N("_xmpp-server._tcp.example.com."), RecordType.SRV);
        srv.Answers.Add(Rr(N("_xmpp-server._tcp.example.com."), RecordType.SRV, SrvData.Encode(5, 0, 5269, N("xmpp.example.com."))));
        srv.Answers.Add(Rr(N("_xmpp-server._tcp.example.com."), RecordType.SRV, SrvData.Encode(10, 60, 5269, N("xmpp2.example.com."))));
        yield return ("response-srv", srv);

        DnsMessage txt = Response(0x2626, zone, RecordType.TXT);
        txt.Answers.Add(Rr(zone, RecordType.TXT, TxtData.Encode("v=spf1 ip4:192.0.2.0/24 -all")));
        txt.Answers.Add(Rr(zone, RecordType.TXT, TxtData.Encode("google-site-verification=abc", "second string", "")));
        txt.Answers.Add(Rr(N("_dmarc.example.com."), RecordType.TXT, TxtData.Encode("v=DMARC1; p=reject; rua=mailto:d@example.com")));
        yield return ("response-txt", txt);

        DnsMessage caa = Response(0x2727, zone, RecordType.CAA);
        caa.Answers.Add(Rr(zone, RecordType.CAA, CaaData.Encode(0, "issue", "letsencrypt.org"u8)));
        caa.Answers.Add(Rr(zone, RecordType.CAA, CaaData.Encode(128, "iodef", "mailto:security@example.com"u8)));
        caa.Answers.Add(Sig(random, zone, RecordType.CAA, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-caa", caa);

        DnsName tlsaOwner = N("_25._tcp.mail.example.com.");
        DnsMessage tlsa = Response(0x4444, tlsaOwner, RecordType.TLSA);
        tlsa.Answers.Add(Rr(tlsaOwner, RecordType.TLSA, TlsaData.Encode(3, 1, 1, Bytes(random, 32))));
        tlsa.Answers.Add(Rr(tlsaOwner, RecordType.TLSA, TlsaData.Encode(2, 0, 2, Bytes(random, 64))));
        tlsa.Answers.Add(Sig(random, tlsaOwner, RecordType.TLSA, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
        yield return ("response-tlsa", tlsa);

        DnsMessage sshfp = Response(0x2828, N("host.example.com."), RecordType.SSHFP);
        sshfp.Answers.Add(Rr(N("host.example.com."), RecordType.SSHFP, SshfpData.Encode(4, 2, Bytes(random, 32))));
        sshfp.Answers.Add(Rr(N("host.example.com."), RecordType.SSHFP, SshfpData.Encode(1, 1, Bytes(random, 20))));
        yield return ("response-sshfp", sshfp);

        DnsMessage https = Response(0x2929, zone, RecordType.HTTPS);
        https.Answers.Add(Rr(zone, RecordType.HTTPS, SvcbData.Encode(1, DnsName.Root, [
            new(1, new byte[] { 2, (byte)'h', (byte)'2', 2, (byte)'h', (byte)'3' }),
            new(4, new byte[] { 192, 0, 2, 1, 192, 0, 2, 2 }),
            new(6, Address("2001:db8::1")),
        ])));
        https.Answers.Add(Rr(N("_8443._https.example.com."), RecordType.HTTPS, SvcbData.Encode(0, www, [])));
        https.Answers.Add(Rr(N("_dns.example.com."), RecordType.SVCB, SvcbData.Encode(1, N("dns.example.com."), [new(3, new byte[] { 0x03, 0x55 })])));
        yield return ("response-https-svcb", https);

        DnsMessage naptr = Response(0x3030, N("4.3.2.1.5.5.5.0.0.8.1.e164.arpa."), RecordType.NAPTR);
        naptr.Answers.Add(Rr(N("4.3.2.1.5.5.5.0.0.8.1.e164.arpa."), RecordType.NAPTR, NaptrData.Encode(100, 10, "u"u8, "E2U+sip"u8, "!^.*$!sip:info@example.com!"u8, DnsName.Root)));
        yield return ("response-naptr", naptr);

        DnsMessage nxPlain = Response(0x3131, N("missing.example.com."), RecordType.A, DnsHeaderFlags.Response | DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable, DnsResponseCode.NXDomain, edns: false);
        nxPlain.Authorities.Add(Rr(zone, RecordType.SOA, SoaData.Encode(N("ns.icann.org."), N("noc.dns.icann.org."), 2026010101, 7200, 3600, 1209600, 3600)));
        yield return ("response-nxdomain-plain", nxPlain);

        DnsMessage ptr = Response(0x3232, N("1.2.0.192.in-addr.arpa."), RecordType.PTR);
        ptr.Answers.Add(Rr(N("1.2.0.192.in-addr.arpa."), RecordType.PTR, NameData.Encode(www)));
        yield return ("response-ptr", ptr);

        DnsMessage bogus = Response(0x3333, www, RecordType.A, DnsHeaderFlags.Response | DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable, DnsResponseCode.ServFail);
        bogus.Edns!.Options.Add(new ExtendedDnsError(ExtendedDnsErrorCode.SignatureExpired, "RRSIG for www.example.com. A expired 2026-01-01T00:00Z").ToOption());
        bogus.Edns.Options.Add(new ExtendedDnsError(ExtendedDnsErrorCode.DnskeyMissing, string.Empty).ToOption());
        yield return ("response-servfail-ede", bogus);

        DnsMessage refused = Response(0x3434, www, RecordType.A, DnsHeaderFlags.Response, DnsResponseCode.Refused);
        refused.Edns!.Options.Add(new ExtendedDnsError(ExtendedDnsErrorCode.Prohibited, "recursion not offered\0").ToOption());
        yield return ("response-refused-ede", refused);

        DnsMessage badVers = Response(0x3535, www, RecordType.A, DnsHeaderFlags.Response, DnsResponseCode.BadVers);
        badVers.Edns!.Version = 0;
        yield return ("response-badvers", badVers);

        DnsMessage truncated = Response(0x3636, zone, RecordType.DNSKEY, DnsHeaderFlags.Response | DnsHeaderFlags.Truncated | DnsHeaderFlags.Authoritative);
        yield return ("response-truncated", truncated);

        DnsMessage chaos = Response(0x3737, N("version.bind."), RecordType.TXT, @class: RecordClass.CH);
        chaos.Answers.Add(new DnsRecord(N("version.bind."), RecordType.TXT, RecordClass.CH, 0, TxtData.Encode("9.18.28")));
        yield return ("response-chaos-txt", chaos);

        var notify = new DnsMessage { Id = 0x3838, OpCode = DnsOpCode.Notify, Flags = DnsHeaderFlags.Authoritative };
        notify.Questions.Add(new DnsQuestion(zone, RecordType.SOA));
        notify.Answers.Add(Rr(zone, RecordType.SOA, SoaData.Encode(N("ns1.example.com."), N("hostmaster.example.com."), 2026010102, 7200, 3600, 1209600, 300)));
        yield return ("notify-soa", notify);

        yield return ("response-assorted-types", AssortedTypes(random, zone));
        yield return ("response-a-rsa-large", LargeSignedResponse(random, zone));
    }

    private static DnsMessage SignedAddressResponse(Random random, DnssecAlgorithm algorithm, int signatureLength)
    {
        DnsName zone = N("example.com.");
        DnsName www = N("www.example.com.");
        DnsMessage message = Response(0x1234, www, RecordType.A);
        message.Answers.Add(Rr(www, RecordType.A, Address("192.0.2.10"), 300));
        message.Answers.Add(Rr(www, RecordType.A, Address("192.0.2.11"), 300));
        message.Answers.Add(Sig(random, www, RecordType.A, zone, algorithm, signatureLength, 300));
        message.Authorities.Add(Rr(zone, RecordType.NS, NameData.Encode(N("ns1.example.com."))));
        message.Authorities.Add(Rr(zone, RecordType.NS, NameData.Encode(N("ns2.example.com."))));
        message.Authorities.Add(Sig(random, zone, RecordType.NS, zone, algorithm, signatureLength));
        message.Additionals.Add(Rr(N("ns1.example.com."), RecordType.A, Address("192.0.2.53")));
        message.Additionals.Add(Rr(N("ns2.example.com."), RecordType.AAAA, Address("2001:db8::53")));
        return message;
    }

    private static DnsMessage LargeSignedResponse(Random random, DnsName zone)
    {
        DnsMessage message = Response(0x4040, zone, RecordType.DNSKEY, DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative);
        message.Edns!.UdpPayloadSize = 4096;
        for (int i = 0; i < 3; i++)
        {
            message.Answers.Add(Rr(zone, RecordType.DNSKEY, DnskeyData.Encode((ushort)(i == 0 ? 257 : 256), 3, DnssecAlgorithm.RSASHA256, RsaKey(random, 256))));
        }

        message.Answers.Add(Sig(random, zone, RecordType.DNSKEY, zone, DnssecAlgorithm.RSASHA256, 256));
        message.Answers.Add(Sig(random, zone, RecordType.DNSKEY, zone, DnssecAlgorithm.RSASHA256, 256));
        return message;
    }

    private static DnsMessage AssortedTypes(Random random, DnsName zone)
    {
        DnsMessage message = Response(0x3939, zone, RecordType.ANY, DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative);
        message.Answers.Add(Rr(zone, RecordType.SOA, SoaData.Encode(N("ns1.example.com."), N("host\\.master.example.com."), 1, 2, 3, 4, 5)));
        message.Answers.Add(Rr(zone, RecordType.NULL, Bytes(random, 5)));
        message.Answers.Add(Rr(zone, RecordType.HINFO, Concat([4, .. "RFC8"u8], [4, .. "482 "u8])));
        message.Answers.Add(Rr(zone, RecordType.RP, Concat(N("admin.example.com.").WireForm, N("info.example.com.").WireForm)));
        message.Answers.Add(Rr(zone, RecordType.AFSDB, MxData.Encode(1, N("afs.example.com."))));
        message.Answers.Add(Rr(zone, RecordType.KX, MxData.Encode(10, N("kx.example.com."))));
        message.Answers.Add(Rr(zone, RecordType.NSEC3PARAM, Concat([1, 0, 0, 0], [0])));
        message.Answers.Add(Rr(zone, RecordType.CDS, DsData.Encode(12345, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, Bytes(random, 32))));
        message.Answers.Add(Rr(zone, RecordType.CDNSKEY, DnskeyData.Encode(257, 3, DnssecAlgorithm.ECDSAP256SHA256, Bytes(random, 64))));
        message.Answers.Add(Rr(zone, RecordType.OPENPGPKEY, Bytes(random, 40)));
        message.Answers.Add(Rr(zone, RecordType.ZONEMD, Concat([0x78, 0xC0, 0x3B, 0x7A, 1, 1], Bytes(random, 48))));
        message.Answers.Add(Rr(zone, RecordType.CSYNC, Concat([0x78, 0xC0, 0x3B, 0x7A, 0, 3], TypeBitmap.Encode([RecordType.A, RecordType.NS, RecordType.AAAA]))));
        message.Answers.Add(Rr(zone, RecordType.EUI48, [0x00, 0x00, 0x5E, 0x00, 0x53, 0x2A]));
        message.Answers.Add(Rr(zone, RecordType.EUI64, [0x00, 0x00, 0x5E, 0xEF, 0x10, 0x00, 0x00, 0x2A]));
        message.Answers.Add(Rr(zone, RecordType.URI, Concat([0, 10, 0, 1], "https://www.example.com/"u8.ToArray())));
        message.Answers.Add(Rr(zone, RecordType.LOC, [0, 0x12, 0x16, 0x13, 0x89, 0x17, 0x2D, 0xD0, 0x70, 0xBE, 0x15, 0xF0, 0x00, 0x98, 0x8D, 0x20]));
        message.Answers.Add(Rr(zone, (RecordType)65280, Bytes(random, 7)));
        message.Answers.Add(Rr(zone, RecordType.SPF, TxtData.Encode("v=spf1 -all")));
        message.Answers.Add(Rr(N("*.example.com."), RecordType.MB, NameData.Encode(N("mailbox.example.com."))));
        return message;
    }

    /// <summary>Messages the writer would never produce: pointers to pointers, compressed RDATA names, pointers into the question.</summary>
    private static IEnumerable<KeyValuePair<string, byte[]>> HandAssembled()
    {
        // Header: ID 0xABCD, QR RD RA, 1 question, 3 answers.
        byte[] header = [0xAB, 0xCD, 0x81, 0x80, 0, 1, 0, 3, 0, 0, 0, 0];

        // Offset 12: www.example.com. A IN.
        byte[] question = [3, .. "www"u8, 7, .. "example"u8, 3, .. "com"u8, 0, 0, 1, 0, 1];

        // Offset 33: owner "mail" + pointer to "example.com." at 16; CNAME RDATA: pointer to the question name.
        byte[] first = [4, .. "mail"u8, 0xC0, 16, 0, 5, 0, 1, 0, 0, 0x0E, 0x10, 0, 2, 0xC0, 12];

        // Offset 52: owner is a pointer to offset 33, which is itself labels then a pointer (a chain).
        // SOA RDATA: MNAME pointer to "mail..." at 33, RNAME "hostmaster" + pointer to 16, five counters.
        byte[] second = [0xC0, 33, 0, 6, 0, 1, 0, 0, 0x0E, 0x10, 0, 35, 0xC0, 33, 10, .. "hostmaster"u8, 0xC0, 16, 0, 0, 0, 1, 0, 0, 0x1C, 0x20, 0, 0, 0x0E, 0x10, 0, 0x12, 0x75, 0, 0, 0, 0x0E, 0x10];

        // Offset 99: owner is a pointer to the pointer at 52; MX RDATA with a compressed exchange.
        byte[] third = [0xC0, 52, 0, 15, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 0, 10, 0xC0, 33];
        yield return new("raw-pointer-chains", [.. header, .. question, .. first, .. second, .. third]);

        // A query whose name is a single 63-octet label.
        byte[] longLabel = [0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 63, .. Enumerable.Repeat((byte)'a', 63), 0, 0, 16, 0, 1];
        yield return new("raw-long-label", longLabel);

        // Two questions, the second compressed to a pointer at the root label of the first, then trailing octets.
        byte[] twoQuestions = [0x55, 0x66, 0x01, 0x00, 0, 2, 0, 0, 0, 0, 0, 0, 1, (byte)'a', 0, 0, 1, 0, 1, 1, (byte)'b', 0xC0, 14, 0, 28, 0, 1, 0xDE, 0xAD];
        yield return new("raw-two-questions-trailing", twoQuestions);

        // Regression: a PTR response whose names repeat a label made the writer read past the name it was writing.
        byte[] reverse = [1, (byte)'1', 1, (byte)'1', 3, .. "168"u8, 3, .. "192"u8, 7, .. "in-addr"u8, 4, .. "arpa"u8, 0];
        byte[] target = [4, .. "host"u8, 1, (byte)'1', 1, (byte)'1', 7, .. "example"u8, 0];
        byte[] ptr = [0x43, 0x21, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, .. reverse, 0, 12, 0, 1, 0xC0, 12, 0, 12, 0, 1, 0, 0, 1, 0x2C, 0, (byte)target.Length, .. target];
        yield return new("regress-writer-repeated-labels", ptr);

        // For the scrubbing parse: good answers around an SVCB with its keys out of order and a 3-octet AAAA, then an
        // OPT whose second option runs past its RDATA. A strict parse refuses it; a scrubbing one keeps the two A.
        byte[] www = [3, .. "www"u8, 7, .. "example"u8, 3, .. "com"u8, 0];
        byte[] svcb = [0, 1, 0, 0, 3, 0, 2, 0x01, 0xBB, 0, 1, 0, 3, 2, (byte)'h', (byte)'2'];
        byte[] options = [0, 10, 0, 8, 1, 2, 3, 4, 5, 6, 7, 8, 0, 15, 0, 40, 0, 1];
        yield return new("scrub-malformed-among-good", [
            0x0A, 0x0B, 0x84, 0x00, 0, 1, 0, 4, 0, 0, 0, 1, .. www, 0, 1, 0, 1,
            0xC0, 12, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 1,
            4, .. "_dns"u8, 0xC0, 16, 0, 64, 0, 1, 0, 0, 0x0E, 0x10, 0, (byte)svcb.Length, .. svcb,
            0xC0, 12, 0, 28, 0, 1, 0, 0, 0x0E, 0x10, 0, 3, 0x20, 0x01, 0x0D,
            0xC0, 12, 0, 1, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 192, 0, 2, 2,
            0, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0, 0, (byte)options.Length, .. options]);

        // An NXDOMAIN whose second NSEC has a bitmap window of length 0, and a lone promised OPT that is not there.
        yield return new("scrub-nsec-bitmap-missing-opt", [
            0x0C, 0x0D, 0x84, 0x03, 0, 1, 0, 0, 0, 2, 0, 1, .. www, 0, 1, 0, 1,
            0xC0, 16, 0, 47, 0, 1, 0, 0, 0x0E, 0x10, 0, 4, 0, 0, 1, 0x40,
            0xC0, 12, 0, 47, 0, 1, 0, 0, 0x0E, 0x10, 0, 3, 0, 0, 0]);

        // An OPT owned by a name other than the root, with an Extended DNS Error shorter than its INFO-CODE.
        yield return new("scrub-opt-owner-short-ede", [
            0x0E, 0x0F, 0x81, 0x82, 0, 1, 0, 0, 0, 0, 0, 1, .. www, 0, 1, 0, 1,
            0xC0, 12, 0, 41, 0x04, 0xD0, 0, 0, 0x80, 0, 0, 11, 0, 15, 0, 1, 9, 0, 15, 0, 2, 0, 6]);
    }

    private static DnsMessage Response(ushort id, DnsName name, RecordType type, DnsHeaderFlags flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable | DnsHeaderFlags.AuthenticData, DnsResponseCode rcode = DnsResponseCode.NoError, bool edns = true, RecordClass @class = RecordClass.IN)
    {
        var message = new DnsMessage { Id = id, Flags = flags, ResponseCode = rcode };
        message.Questions.Add(new DnsQuestion(name, type, @class));
        if (edns)
        {
            message.Edns = new EdnsRecord { DnssecOk = true };
        }

        return message;
    }

    private static DnsMessage WithoutEdns(DnsMessage message)
    {
        message.Edns = null;
        return message;
    }

    private static void AddSoa(Random random, DnsMessage message, DnsName zone)
    {
        message.Authorities.Add(Rr(zone, RecordType.SOA, SoaData.Encode(N("ns1.example.com."), N("hostmaster.example.com."), 2026010101, 7200, 3600, 1209600, 3600), 3600));
        message.Authorities.Add(Sig(random, zone, RecordType.SOA, zone, DnssecAlgorithm.ECDSAP256SHA256, 64));
    }

    private static DnsRecord Sig(Random random, DnsName owner, RecordType covered, DnsName signer, DnssecAlgorithm algorithm, int signatureLength, uint ttl = 3600, int labels = -1)
    {
        byte labelCount = (byte)(labels >= 0 ? labels : owner.SignatureLabelCount);
        ushort keyTag = (ushort)random.Next(ushort.MaxValue);
        return Rr(owner, RecordType.RRSIG, RrsigData.Encode(covered, algorithm, labelCount, ttl, Expiration, Inception, keyTag, signer, Bytes(random, signatureLength)), ttl);
    }

    private static byte[] RsaKey(Random random, int modulusLength)
    {
        // RFC 3110: exponent length, exponent 65537, modulus.
        byte[] key = [3, 1, 0, 1, .. Bytes(random, modulusLength)];
        key[4] |= 0x80;
        return key;
    }

    private static DnsRecord Rr(DnsName owner, RecordType type, byte[] data, uint ttl = 3600) =>
        new(owner, type, RecordClass.IN, ttl, data);

    private static DnsName N(string text) => DnsName.Parse(text);

    private static byte[] Address(string text) => IPAddress.Parse(text).GetAddressBytes();

    private static byte[] Bytes(Random random, int length)
    {
        byte[] bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] Concat(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second) => [.. first, .. second];
}
