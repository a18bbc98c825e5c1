using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Wire;
using Dnssec.Zones;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Zones;

/// <summary>Zones our signer makes must pass BIND's dnssec-verify, and our own verifier, for every algorithm and denial kind.</summary>
public class ZoneSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName Origin = DnsName.Parse("example.test.");

    private const string Source = """
        $ORIGIN example.test.
        $TTL 3600
        @        IN SOA ns1 hostmaster 2026060101 7200 3600 1209600 300
                 IN NS  ns1
                 IN MX  10 mail
        ns1      IN A   192.0.2.53
        mail     IN A   192.0.2.25
        www      IN A   192.0.2.80
                 IN AAAA 2001:db8::80
        *.wild   IN TXT "wildcard"
        a.b.c    IN A   192.0.2.3
        secure   IN NS  ns.secure
                 IN DS  12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
        ns.secure IN A  192.0.2.54
        insecure IN NS  ns.insecure
        ns.insecure IN A 192.0.2.55
        """;

    public static TheoryData<DnssecAlgorithm, DenialOfExistence, bool> Cases()
    {
        var data = new TheoryData<DnssecAlgorithm, DenialOfExistence, bool>();
        foreach (DnssecAlgorithm algorithm in new[] { DnssecAlgorithm.RSASHA256, DnssecAlgorithm.RSASHA512, DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448 })
        {
            data.Add(algorithm, DenialOfExistence.Nsec, false);
            data.Add(algorithm, DenialOfExistence.Nsec3, false);
            data.Add(algorithm, DenialOfExistence.Nsec3, true);
        }

        data.Add(DnssecAlgorithm.RSASHA1, DenialOfExistence.Nsec, false);
        data.Add(DnssecAlgorithm.RSASHA1NSEC3SHA1, DenialOfExistence.Nsec3, false);
        return data;
    }

    [Trait("Category", "Interop")]
    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_Zone_PassesBindDnssecVerify(DnssecAlgorithm algorithm, DenialOfExistence denial, bool optOut)
    {
        IReadOnlyList<DnsRecord> signed = SignZone(algorithm, denial, optOut);
        string directory = Directory.CreateTempSubdirectory("dnssec-signer-").FullName;
        try
        {
            string file = Path.Combine(directory, "example.test.signed");
            ZoneFilePrinter.WriteFile(file, signed);
            ExternalTool.Result result = ExternalTool.Run("dnssec-verify", ["-o", "example.test.", "-x", "-q", file]);
            Assert.True(result.ExitCode == 0, result.Combined);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Sign_Zone_EveryRrsigVerifies(DnssecAlgorithm algorithm, DenialOfExistence denial, bool optOut)
    {
        IReadOnlyList<DnsRecord> signed = SignZone(algorithm, denial, optOut);
        var keys = signed.Where(r => r.Type == RecordType.DNSKEY).ToList();
        var verifier = new RrsetVerifier(new VerifierCache(), new FakeTimeProvider(Now));
        int checkedSignatures = 0;
        foreach (DnsRecord rrsig in signed.Where(r => r.Type == RecordType.RRSIG))
        {
            RrsigData data = RrsigData.From(rrsig);
            var rrset = signed.Where(r => r.Type == data.TypeCovered && r.Owner.Equals(rrsig.Owner)).ToList();
            DnsRecord key = keys.Single(k => KeyTag.Compute(k) == data.KeyTag);
            SignatureCheck check = verifier.Verify(rrset, rrsig, key);
            Assert.True(check.IsValid, check.Reason);
            checkedSignatures++;
        }

        Assert.True(checkedSignatures > 10);

        // RFC 4035 §2.2: glue and the NS RRset at a delegation stay unsigned.
        Assert.DoesNotContain(signed, r => r.Type == RecordType.RRSIG && r.Owner.Equals(DnsName.Parse("ns.secure.example.test.")));
        Assert.DoesNotContain(signed, r => r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.NS && !r.Owner.Equals(Origin));
    }

    private static IReadOnlyList<DnsRecord> SignZone(DnssecAlgorithm algorithm, DenialOfExistence denial, bool optOut)
    {
        List<DnsRecord> records = ZoneFileReader.Parse(Source, "example.test").ToList();
        SigningKey ksk = SigningKey.Generate(Origin, algorithm, 257, rsaBits: 1024);
        SigningKey zsk = SigningKey.Generate(Origin, algorithm, 256, rsaBits: 1024);
        var options = new ZoneSigningOptions
        {
            Inception = Now.AddDays(-1),
            Expiration = Now.AddYears(20),
            Denial = denial,
            Nsec3OptOut = optOut,
            Nsec3Salt = denial == DenialOfExistence.Nsec3 ? new byte[] { 0xAB, 0xCD } : default,
        };
        return ZoneSigner.Sign(Origin, records, [ksk, zsk], options);
    }
}
