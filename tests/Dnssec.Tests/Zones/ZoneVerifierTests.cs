using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Wire;
using Dnssec.Zones;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Zones;

/// <summary>Each fault a signed zone can have is reported with its kind; a correct zone has none.</summary>
public class ZoneVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName Origin = DnsName.Parse("example.test.");

    private const string Source = """
        $ORIGIN example.test.
        $TTL 3600
        @        IN SOA ns1 hostmaster 1 7200 3600 1209600 300
                 IN NS  ns1
        ns1      IN A   192.0.2.53
        www      IN A   192.0.2.80
        a.b.c    IN A   192.0.2.3
        secure   IN NS  ns.secure
                 IN DS  12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
        ns.secure IN A  192.0.2.54
        insecure IN NS  ns.insecure
        ns.insecure IN A 192.0.2.55
        """;

    private static readonly SigningKey Ksk = SigningKey.Generate(Origin, DnssecAlgorithm.ECDSAP256SHA256, 257);
    private static readonly SigningKey Zsk = SigningKey.Generate(Origin, DnssecAlgorithm.ECDSAP256SHA256, 256);

    [Theory]
    [InlineData("NSEC", DenialOfExistence.Nsec, false)]
    [InlineData("NSEC3", DenialOfExistence.Nsec3, false)]
    [InlineData("NSEC3 opt-out", DenialOfExistence.Nsec3, true)]
    public void Verify_CorrectlySignedZone_HasNoProblems(string description, DenialOfExistence denial, bool optOut)
    {
        ZoneVerificationResult result = Verify(Sign(denial, optOut));

        Assert.True(result.IsValid, description + ": " + string.Join("\n", result.Problems.Select(p => p.Message)));
        Assert.Equal(denial, result.Denial);
        Assert.Equal([DnssecAlgorithm.ECDSAP256SHA256], result.Algorithms);
        Assert.Equal(result.SignatureCount, result.ValidSignatureCount);
    }

    [Fact]
    public void Verify_CorruptedSignature_ReportsBadAndMissingSignature()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        int index = zone.FindIndex(r => r.Type == RecordType.RRSIG && r.Owner.Equals(Name("www")) && RrsigData.From(r).TypeCovered == RecordType.A);
        byte[] data = zone[index].Data.ToArray();
        data[^1] ^= 0x01;
        zone[index] = new DnsRecord(zone[index].Owner, RecordType.RRSIG, RecordClass.IN, zone[index].Ttl, data);

        ZoneVerificationResult result = Verify(zone);

        Assert.Contains(result.Problems, p => p.Kind == ZoneProblemKind.BadSignature && p.Owner.Equals(Name("www")) && p.Message.Contains("does not verify", StringComparison.Ordinal));
        Assert.Contains(result.Problems, p => p.Kind == ZoneProblemKind.MissingSignature && p.Owner.Equals(Name("www")));
        Assert.Equal(2, result.Problems.Count);
    }

    [Fact]
    public void Verify_ExpiredZone_ReportsEverySignatureExpired()
    {
        ZoneVerificationResult result = new ZoneVerifier(new RrsetVerifier(new VerifierCache(), new FakeTimeProvider(Now.AddYears(3)))).Verify(Origin, Sign(DenialOfExistence.Nsec));

        Assert.Equal(0, result.ValidSignatureCount);
        Assert.All(result.Problems.Where(p => p.Kind == ZoneProblemKind.BadSignature), p => Assert.Contains("expired", p.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Verify_RemovedSignature_ReportsMissingSignature()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        zone.RemoveAll(r => r.Type == RecordType.RRSIG && r.Owner.Equals(Name("a.b.c")) && RrsigData.From(r).TypeCovered == RecordType.A);

        ZoneProblem problem = Assert.Single(Verify(zone).Problems);

        Assert.Equal(ZoneProblemKind.MissingSignature, problem.Kind);
        Assert.Equal(RecordType.A, problem.Type);
    }

    [Fact]
    public void Verify_SignedGlueAndDelegationNs_ReportsUnexpectedSignatures()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        DnsRecord glue = zone.First(r => r.Owner.Equals(Name("ns.secure")) && r.Type == RecordType.A);
        DnsRecord delegation = zone.First(r => r.Owner.Equals(Name("insecure")) && r.Type == RecordType.NS);
        zone.Add(RrsetSigner.Sign([glue], Zsk, Now.AddDays(-1), Now.AddDays(30)));
        zone.Add(RrsetSigner.Sign([delegation], Zsk, Now.AddDays(-1), Now.AddDays(30)));

        ZoneVerificationResult result = Verify(zone);

        Assert.Equal(2, result.Problems.Count(p => p.Kind == ZoneProblemKind.UnexpectedSignature));
    }

    [Fact]
    public void Verify_DnskeyNotSignedByKsk_ReportsUntrustedKeys()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        zone.RemoveAll(r => r.Type == RecordType.RRSIG && RrsigData.From(r) is { TypeCovered: RecordType.DNSKEY } sig && sig.KeyTag == Ksk.KeyTag);
        zone.Add(RrsetSigner.Sign(zone.Where(r => r.Type == RecordType.DNSKEY).ToList(), Zsk, Now.AddDays(-1), Now.AddDays(30)));

        ZoneProblem problem = Assert.Single(Verify(zone).Problems);

        Assert.Equal(ZoneProblemKind.UntrustedKeys, problem.Kind);
    }

    [Fact]
    public void Verify_TrustAnchorMatchingNoKey_ReportsUntrustedKeys()
    {
        SigningKey stranger = SigningKey.Generate(Origin, DnssecAlgorithm.ECDSAP256SHA256, 257);
        DnsRecord anchor = DsDigest.CreateDs(stranger.Dnskey, DigestType.SHA256);

        ZoneVerificationResult result = Verifier().Verify(Origin, Sign(DenialOfExistence.Nsec), [anchor]);

        Assert.Contains(result.Problems, p => p.Kind == ZoneProblemKind.UntrustedKeys);
        Assert.True(Verifier().Verify(Origin, Sign(DenialOfExistence.Nsec), [DsDigest.CreateDs(Ksk.Dnskey, DigestType.SHA256)]).IsValid);
    }

    [Theory]
    [InlineData("NSEC removed", "remove")]
    [InlineData("next name changed", "next")]
    [InlineData("type bitmap changed", "types")]
    [InlineData("type left out of the bitmap", "missing")]
    public void Verify_BrokenNsecChain_ReportsNsecChain(string description, string fault)
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        int index = zone.FindIndex(r => r.Type == RecordType.NSEC && r.Owner.Equals(Name("www")));
        DnsRecord nsec = zone[index];
        switch (fault)
        {
            case "remove":
                zone.RemoveAt(index);
                break;
            case "next":
                zone[index] = Replace(nsec, NsecData.Encode(Name("zzz"), NsecData.From(nsec).Types.ToList()));
                break;
            case "missing":
                zone[index] = Replace(nsec, NsecData.Encode(NsecData.From(nsec).NextDomainName, [RecordType.A, RecordType.NSEC]));
                break;
            default:
                zone[index] = Replace(nsec, NsecData.Encode(NsecData.From(nsec).NextDomainName, [RecordType.A, RecordType.MX, RecordType.NSEC, RecordType.RRSIG]));
                break;
        }

        ZoneVerificationResult result = Verify(Resign(zone, RecordType.NSEC, Name("www")));

        Assert.True(result.Problems.Any(p => p.Kind == ZoneProblemKind.NsecChain), description);
    }

    [Fact]
    public void Verify_NsecNextNameInAnotherCase_HasNoProblems()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        int index = zone.FindIndex(r => r.Type == RecordType.NSEC && r.Owner.Equals(Name("www")));
        NsecData nsec = NsecData.From(zone[index]);
        zone[index] = Replace(zone[index], NsecData.Encode(DnsName.Parse(nsec.NextDomainName.ToString().ToUpperInvariant()), nsec.Types.ToList()));

        ZoneVerificationResult result = Verify(Resign(zone, RecordType.NSEC, Name("www")));

        Assert.True(result.IsValid, string.Join("; ", result.Problems.Select(p => p.Message)));
    }

    [Theory]
    [InlineData("NSEC3 removed", "remove")]
    [InlineData("parameters changed", "iterations")]
    [InlineData("next hash changed", "next")]
    [InlineData("type bitmap changed", "types")]
    public void Verify_BrokenNsec3Chain_ReportsNsec3Chain(string description, string fault)
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec3);
        int index = zone.FindIndex(r => r.Type == RecordType.NSEC3);
        DnsRecord nsec3 = zone[index];
        Nsec3Data data = Nsec3Data.From(nsec3);
        switch (fault)
        {
            case "remove":
                zone.RemoveAt(index);
                break;
            case "iterations":
                zone[index] = Replace(nsec3, Nsec3Data.Encode(1, data.Flags, 5, data.Salt.Span, data.NextHashedOwnerName.Span, data.Types.ToList()));
                break;
            case "types":
                zone[index] = Replace(nsec3, Nsec3Data.Encode(1, data.Flags, data.Iterations, data.Salt.Span, data.NextHashedOwnerName.Span, [.. data.Types.ToList(), RecordType.MX]));
                break;
            default:
                byte[] next = data.NextHashedOwnerName.ToArray();
                next[^1] ^= 1;
                zone[index] = Replace(nsec3, Nsec3Data.Encode(1, data.Flags, data.Iterations, data.Salt.Span, next, data.Types.ToList()));
                break;
        }

        ZoneVerificationResult result = Verify(Resign(zone, RecordType.NSEC3, nsec3.Owner));

        Assert.True(result.Problems.Any(p => p.Kind == ZoneProblemKind.Nsec3Chain), description + ": " + string.Join("; ", result.Problems.Select(p => p.Message)));
    }

    [Fact]
    public void Verify_Nsec3WithoutOptOutMissingInsecureDelegation_ReportsNsec3Chain()
    {
        List<DnsRecord> optOut = Sign(DenialOfExistence.Nsec3, optOut: true);
        Assert.True(Verify(optOut).IsValid);
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(Name("insecure"), default, 0, hash);
        List<DnsRecord> plain = Sign(DenialOfExistence.Nsec3);
        plain.RemoveAll(r => r.Owner.GetLabel(0).SequenceEqual(System.Text.Encoding.ASCII.GetBytes(Nsec3Hasher.ToLabel(hash))));

        Assert.Contains(Verify(plain).Problems, p => p.Kind == ZoneProblemKind.Nsec3Chain && p.Owner.Equals(Name("insecure")));
    }

    // Zone files need not list an owner's records together or the apex first: these put part of an RRset or a key
    // after the rest of the zone (ns1 is in the middle of the signed zone), and every RRset must be checked whole.
    [Fact]
    public void Verify_RecordAddedToASignedRRsetLaterInTheFile_ReportsBadSignature()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        zone.Add(new DnsRecord(Name("ns1"), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 81 }));

        ZoneVerificationResult result = OnThreeThreads().Verify(Origin, zone);

        Assert.Contains(result.Problems, p => p.Kind == ZoneProblemKind.BadSignature && p.Owner.Equals(Name("ns1")) && p.Type == RecordType.A);
        Assert.Contains(result.Problems, p => p.Kind == ZoneProblemKind.MissingSignature && p.Owner.Equals(Name("ns1")) && p.Type == RecordType.A);
    }

    [Fact]
    public void Verify_KeyAddedToTheApexLaterInTheFile_ReportsBadDnskeySignature()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        zone.Add(SigningKey.Generate(Origin, DnssecAlgorithm.ECDSAP256SHA256, 256).Dnskey);

        ZoneVerificationResult result = OnThreeThreads().Verify(Origin, zone);

        Assert.Contains(result.Problems, p => p.Kind == ZoneProblemKind.BadSignature && p.Owner.Equals(Origin) && p.Type == RecordType.DNSKEY);
    }

    [Fact]
    public void Verify_RRsetSplitAcrossTheFile_IsCheckedWhole()
    {
        List<DnsRecord> zone = ZoneSigner.Sign(Origin, ZoneFileReader.Parse(Source + "\nns1 IN A 192.0.2.81\n"), [Ksk, Zsk], Options(DenialOfExistence.Nsec)).ToList();
        int index = zone.FindLastIndex(r => r.Type == RecordType.A && r.Owner.Equals(Name("ns1")));
        DnsRecord late = zone[index];
        zone.RemoveAt(index);
        zone.Add(late);

        ZoneVerificationResult result = OnThreeThreads().Verify(Origin, zone);

        Assert.True(result.IsValid, string.Join("\n", result.Problems.Select(p => p.Message)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Verify_ShuffledZone_GivesTheSameProblemsAsTheSortedOne(int seed)
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec3);
        int index = zone.FindIndex(r => r.Type == RecordType.RRSIG && r.Owner.Equals(Name("a.b.c")));
        zone[index] = Replace(zone[index], [.. zone[index].Data.ToArray()[..^1], (byte)(zone[index].Data.Span[^1] ^ 1)]);
        List<DnsRecord> shuffled = [.. zone];
        new Random(seed).Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(shuffled));

        ZoneVerificationResult sorted = new ZoneVerifier(RrsetVerifierAtNow()) { MaxDegreeOfParallelism = 1 }.Verify(Origin, zone);
        ZoneVerificationResult shuffledResult = OnThreeThreads().Verify(Origin, shuffled);

        Assert.Equal(2, sorted.Problems.Count);
        Assert.Equal(sorted.Problems.Select(p => p.Message), shuffledResult.Problems.Select(p => p.Message));
        Assert.Equal((sorted.SignatureCount, sorted.ValidSignatureCount), (shuffledResult.SignatureCount, shuffledResult.ValidSignatureCount));
    }

    [Fact]
    public void Verify_ApexAfterTheRestOfTheZone_GivesTheSameProblemsAsTheSortedOne()
    {
        // Names read before the apex's keys wait for them; the outcome must not depend on where the apex is.
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        int index = zone.FindIndex(r => r.Type == RecordType.RRSIG && r.Owner.Equals(Name("www")));
        zone[index] = Replace(zone[index], [.. zone[index].Data.ToArray()[..^1], (byte)(zone[index].Data.Span[^1] ^ 1)]);
        List<DnsRecord> apexLast = [.. zone.Where(r => !r.Owner.Equals(Origin)), .. zone.Where(r => r.Owner.Equals(Origin))];

        ZoneVerificationResult sorted = new ZoneVerifier(RrsetVerifierAtNow()) { MaxDegreeOfParallelism = 1 }.Verify(Origin, zone);
        ZoneVerificationResult reordered = OnThreeThreads().Verify(Origin, apexLast);

        Assert.Equal(2, sorted.Problems.Count);
        Assert.Equal(sorted.Problems.Select(p => p.Message), reordered.Problems.Select(p => p.Message));
        Assert.Equal((sorted.RRsetCount, sorted.SignatureCount, sorted.ValidSignatureCount), (reordered.RRsetCount, reordered.SignatureCount, reordered.ValidSignatureCount));
    }

    [Fact]
    public void Verify_ReadingFailsHalfway_StopsTheWorkersAndThrowsTheReadersException()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);

        IEnumerable<DnsRecord> FailingHalfway()
        {
            foreach (DnsRecord record in zone.Take(zone.Count / 2))
            {
                yield return record;
            }

            throw new InvalidDataException("the file broke off");
        }

        var exception = Assert.Throws<InvalidDataException>(() => OnThreeThreads().Verify(Origin, FailingHalfway()));
        Assert.Equal("the file broke off", exception.Message);
    }

    [Fact]
    public void Verify_RecordOutsideTheZone_ThrowsArgumentExceptionNamingIt()
    {
        List<DnsRecord> zone = Sign(DenialOfExistence.Nsec);
        zone.Add(new DnsRecord(DnsName.Parse("elsewhere.test."), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 1 }));

        var exception = Assert.Throws<ArgumentException>(() => OnThreeThreads().Verify(Origin, zone));
        Assert.Equal("records", exception.ParamName);
        Assert.StartsWith("elsewhere.test. is outside the zone example.test.", exception.Message, StringComparison.Ordinal);
    }

    private static ZoneVerifier OnThreeThreads() => new(RrsetVerifierAtNow()) { MaxDegreeOfParallelism = 3 };

    private static DnsName Name(string relative) => DnsName.Parse(relative, Origin);

    private static DnsRecord Replace(DnsRecord record, byte[] data) => new(record.Owner, record.Type, record.Class, record.Ttl, data);

    private static List<DnsRecord> Resign(List<DnsRecord> zone, RecordType type, DnsName owner)
    {
        zone.RemoveAll(r => r.Type == RecordType.RRSIG && r.Owner.Equals(owner) && RrsigData.From(r).TypeCovered == type);
        var rrset = zone.Where(r => r.Type == type && r.Owner.Equals(owner)).ToList();
        if (rrset.Count > 0)
        {
            zone.Add(RrsetSigner.Sign(rrset, Zsk, Now.AddDays(-1), Now.AddDays(30)));
        }

        return zone;
    }

    private static RrsetVerifier RrsetVerifierAtNow() => new(new VerifierCache(), new FakeTimeProvider(Now));

    private static ZoneVerifier Verifier() => new(RrsetVerifierAtNow());

    private static ZoneVerificationResult Verify(List<DnsRecord> zone) => Verifier().Verify(Origin, zone);

    private static List<DnsRecord> Sign(DenialOfExistence denial, bool optOut = false) =>
        ZoneSigner.Sign(Origin, ZoneFileReader.Parse(Source), [Ksk, Zsk], Options(denial, optOut)).ToList();

    private static ZoneSigningOptions Options(DenialOfExistence denial, bool optOut = false) => new()
    {
        Inception = Now.AddDays(-1),
        Expiration = Now.AddDays(30),
        Denial = denial,
        Nsec3OptOut = optOut,
    };
}
