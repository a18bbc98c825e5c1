using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Conformance;

/// <summary>
/// Clauses of RFC 4035 §5, RFC 6840 §4.2 and RFC 9077 that the conformance matrix found without a test and that the
/// scenario table cannot express (TTLs, work counts, ANY answers): each validates a response of an in-process signed
/// hierarchy, forged where the clause is about a forgery.
/// </summary>
public sealed class ValidatorConformanceTests
{
    private static readonly DnsName Example = DnsName.Parse("example.test.");

    // ---- RFC 4035 §5: the initial DNSKEY ----

    [Fact]
    public async Task ValidateAsync_Rfc4035Sec5_AnchorDnskeyWithoutTheZoneFlag_Bogus()
    {
        // Step 1: the configured DNSKEY must have the Zone flag; a key without it verifies nothing (RFC 4034 §2.1.1), so
        // the zone's keys cannot be authenticated. The zone is signed and anchored: that is a failure, not an unsigned zone.
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.AlterKeySigningKey = key => key.WithFlags(DnskeyData.SecureEntryPointFlag);
        });
        h.Build();
        var anchors = new TrustAnchorSet();
        anchors.Add([h.KeySigningKeys[Example].Dnskey]);

        AnswerValidation validation = await h.ValidateAsync("www.example.test.", RecordType.A, new DnssecValidator(anchors, h.Authority, null, h.Clock));

        Assert.True(validation.Status == SecurityStatus.Bogus, validation.Result.ToString());
        Assert.Contains("example.test.", validation.Result.Reason, StringComparison.Ordinal);
    }

    // ---- RFC 4035 §5.3.1: every key with the signature's tag is tried ----

    [Fact]
    public async Task ValidateAsync_Rfc4035Sec5_3_1_KeysSharingTheSignaturesTagPublishedFirst_EachTriedUntilOneVerifies()
    {
        // Two DNSKEYs with the ZSK's tag and algorithm come before it in the DNSKEY RRset; the signature over www A
        // verifies only with the third key tried.
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Algorithm = DnssecAlgorithm.ED25519;
            z.Records = "www A 192.0.2.1";
            z.AfterSigning = zone =>
            {
                var random = new Random(4035);
                zone.InsertRange(zone.FindIndex(r => r.Type == RecordType.DNSKEY), [.. Enumerable.Range(0, 2).Select(_ => SignedZoneEdits.KeySharingTheTag(h.ZoneSigningKeys[Example], random))]);
                HostileUpstream.Resign(zone, "example.test.", RecordType.DNSKEY, h.KeySigningKeys[Example]);
            };
        });
        h.Build();

        AnswerValidation validation = await h.ValidateAsync("www.example.test.", RecordType.A);
        AnswerValidation firstKeyOnly = await h.ValidateAsync("www.example.test.", RecordType.A, h.Validator(new ValidatorOptions { Limits = new ValidationLimits { KeyTagCollisions = 1 } }));

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.ToString());

        // The keys sharing the tag are indeed tried first: a validator that stops at the first one fails.
        Assert.Equal(SecurityStatus.Bogus, firstKeyOnly.Status);
    }

    // ---- RFC 4035 §5.3.2: the parent's and the child's NSEC at a cut are two RRsets ----

    [Fact]
    public async Task ValidateAsync_Rfc4035Sec5_3_2_ParentAndChildNsecAtTheCutInOneResponse_NotCombined()
    {
        // example.test. is signed but its delegation is not (no DS). The answer to the DS query carries the parent's
        // NSEC at the cut (NS, no DS) and, as a forwarder may add it, the child's apex NSEC at the same owner. Each is
        // its own RRset with its own signature; the parent's proves the absence of the DS.
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.SecureDelegation = false;
        });
        h.Build();
        AnswerValidation honest = await h.ValidateAsync("www.example.test.", RecordType.A);
        List<DnsRecord> childApexNsec = HostileUpstream.RRsetOf(h.SignedZones[Example], Example, RecordType.NSEC);
        HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => HostileUpstream.Copy(m, authorities: [.. m.Authorities, .. childApexNsec]));

        AnswerValidation validation = await h.ValidateAsync("www.example.test.", RecordType.A);

        Assert.True(honest.Status == SecurityStatus.Insecure, honest.Result.ToString());
        Assert.True(validation.Status == SecurityStatus.Insecure, validation.Result.ToString());
    }

    // ---- RFC 4035 §5.3.3: the TTL of an authenticated RRset ----

    [Fact]
    public async Task ValidateAsync_Rfc4035Sec5_3_3_RrsigTtlBelowTheRRsets_TtlNoGreaterThanTheRrsigs()
    {
        // The TTL may be no greater than the RRSIG's TTL as received, among others: here the RRSIG arrives with 60 s left,
        // the A record with 3600.
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        h.Build();
        HostileUpstream.Rewrite(h, "www.example.test.", RecordType.A, m => HostileUpstream.Copy(m, answers: m.Answers.Select(r => r.Type == RecordType.RRSIG ? r.WithTtl(60) : r).ToList()));

        AnswerValidation validation = await h.ValidateAsync("www.example.test.", RecordType.A);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.ToString());
        Assert.True(validation.Ttl <= 60, $"TTL {validation.Ttl}");
    }

    [Fact]
    public async Task ValidateAsync_Rfc4035Sec5_3_3_SignatureExpiringBeforeTheTtl_TtlNoGreaterThanTheTimeLeft()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Records = "www A 192.0.2.1";
            z.AfterSigning = zone => HostileUpstream.Resign(zone, "www.example.test.", RecordType.A, h.ZoneSigningKeys[Example], TimeSpan.FromDays(-1), TimeSpan.FromSeconds(100));
        });
        h.Build();

        AnswerValidation validation = await h.ValidateAsync("www.example.test.", RecordType.A);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.ToString());
        Assert.InRange(validation.Ttl, 1u, 100u);
    }

    // ---- RFC 6840 §4.2: ANY ----

    [Fact]
    public async Task ValidateAsync_Rfc6840Sec4_2_AnyAnswerWithOneAlteredRRset_Bogus()
    {
        // Every RRset at the name in an ANY answer is validated, and one that fails makes the answer Bogus.
        TestHierarchy h = WwwZone();
        var any = new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.ANY);
        DnsMessage response = h.Authority.Resolve(any with { Type = RecordType.A })!;
        response.Questions[0] = any;
        response.Answers.AddRange(h.Authority.Resolve(any with { Type = RecordType.TXT })!.Answers
            .Select(r => r.Type == RecordType.TXT ? new DnsRecord(r.Owner, r.Type, r.Class, r.Ttl, TxtData.Encode(["changed"])) : r));

        AnswerValidation validation = await h.Validator().ValidateAsync(any, response);

        Assert.Equal(SecurityStatus.Bogus, validation.Status);
        Assert.Contains(validation.RRsets, v => v.RRset.Type == RecordType.A && v.Status == SecurityStatus.Secure);
    }

    [Fact]
    public async Task ValidateAsync_Rfc6840Sec4_2_AnyAtAnEmptyNonTerminal_NoDataProvenAsRfc4035Sec5_4Says()
    {
        // No RRset matches the name: that absence is proven like any NODATA.
        TestHierarchy h = WwwZone();
        var any = new DnsQuestion(DnsName.Parse("b.c.example.test."), RecordType.ANY);
        DnsMessage response = h.Authority.Resolve(any with { Type = RecordType.A })!;
        response.Questions[0] = any;

        AnswerValidation validation = await h.Validator().ValidateAsync(any, response);
        DnsMessage stripped = HostileUpstream.Without(response, r => HostileUpstream.IsOrSigns(r, RecordType.NSEC));
        AnswerValidation unproven = await h.Validator().ValidateAsync(any, stripped);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.ToString());
        Assert.Single(validation.Proofs);
        Assert.Equal(SecurityStatus.Bogus, unproven.Status);
    }

    // ---- RFC 9077 §3: negative answers live no longer than the SOA's MINIMUM and TTL ----

    [Theory]
    [InlineData(DenialOfExistence.Nsec)]
    [InlineData(DenialOfExistence.Nsec3)]
    public async Task ValidateAsync_Rfc9077Sec3_DenialRecordsWithTtlAboveTheSoaMinimum_ProofTtlIsTheMinimum(DenialOfExistence denial)
    {
        // A signer from before RFC 9077 gave the denial records an hour; the SOA says negative answers last 300 s.
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Denial = denial;
            z.Records = "www A 192.0.2.1";
            z.AfterSigning = zone => SignedZoneEdits.Retime(zone, r => r.Type is RecordType.NSEC or RecordType.NSEC3, 3600, h.ZoneSigningKeys[Example]);
        });
        h.Build();
        DnsMessage response = HostileUpstream.Honest(h, "nothere.example.test.", RecordType.A);

        AnswerValidation validation = await h.ValidateAsync("nothere.example.test.", RecordType.A);

        Assert.True(validation.Status == SecurityStatus.Secure, validation.Result.ToString());
        Assert.All(response.Authorities.Where(r => r.Type is RecordType.NSEC or RecordType.NSEC3), r => Assert.Equal(3600u, r.Ttl));
        Assert.Equal(300u, validation.ProofTtl);
    }

    /// <summary>example.test. with www A and TXT and the empty non-terminal b.c, signed with NSEC.</summary>
    private static TestHierarchy WwwZone()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = """
            www A 192.0.2.1
            www TXT "web"
            a.b.c A 192.0.2.3
            """);
        return h.Build();
    }
}
