using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Tests.Validation.Scenarios;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Validation;

/// <summary>
/// What the scenario table cannot show by a status alone: the records an answer hands out, and facts the key cache
/// keeps after one spoofed response (issue 11, items 4 and 5).
/// </summary>
public sealed class ValidatorHardeningTests
{
    private static readonly DnsName Example = DnsName.Parse("example.test.");
    private static readonly DnsName Tld = DnsName.Parse("test.");

    [Theory]
    [InlineData("DnameSynthesizedCnameWithExtraRecord_Nsec")]
    [InlineData("DnameSynthesizedCnameWithExtraRecord_Nsec3")]
    public async Task ValidateAsync_DnameAnswerWithExtraCnameRecord_HandsOutOnlyTheSynthesis(string scenario)
    {
        // RFC 6672 §5.3.2, RFC 2181 §10.1: the synthesised CNAME is one record, the DNAME's substitution.
        AnswerValidation result = await ValidationScenarios.Get(scenario).RunAsync();

        RRsetValidation cname = Assert.Single(result.RRsets, r => r.RRset.Type == RecordType.CNAME);
        DnsRecord only = Assert.Single(cname.RRset.Records);
        Assert.Equal(DnsName.Parse("x.other.test."), NameData.From(only).Target);
        Assert.Contains("left out", cname.Result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DenialOfExistence.Nsec)]
    [InlineData(DenialOfExistence.Nsec3)]
    public async Task ValidateAsync_WildcardCnameSpoofedAtDsName_DoesNotBlackOutTheChildAfterTheFailureTtl(DenialOfExistence denial)
    {
        // One spoofed answer to the DS query: a CNAME expanded from *.test. (labels 1) at the signed child's apex. It
        // says nothing about the name (RFC 4592 §4), so it must not be remembered as "no zone cut here" for a day.
        bool spoofing = true;
        TestHierarchy h = Build(denial);
        List<DnsRecord> forged = HostileUpstream.ExpandedFromWildcard("example.test.", RecordType.CNAME, NameData.Encode(DnsName.Parse("www.other.test.")), "test.", h.ZoneSigningKeys[Tld], ttl: 86400);
        HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => spoofing ? HostileUpstream.Copy(m, answers: forged, authorities: []) : m);
        DnssecValidator validator = h.Validator();

        AnswerValidation during = await h.ValidateAsync("www.example.test.", RecordType.A, validator);
        spoofing = false;
        h.Clock.Advance(validator.Options.FailureTtl + TimeSpan.FromSeconds(1));
        AnswerValidation after = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.NotEqual(SecurityStatus.Secure, during.Status);
        Assert.True(after.Status == SecurityStatus.Secure, after.Result.Reason);
    }

    [Theory]
    [InlineData(DenialOfExistence.Nsec)]
    [InlineData(DenialOfExistence.Nsec3)]
    public async Task ValidateAsync_OldSignedCnameReplayedAtDsNameWithRaisedTtl_IsForgottenAfterItsOriginalTtl(DenialOfExistence denial)
    {
        // A CNAME the parent once signed at the name (original TTL 300), replayed with its TTL raised to a day: the
        // fact "no zone cut" drawn from it lives no longer than the signature allows (RFC 4035 §5.3.3).
        bool replaying = true;
        TestHierarchy h = Build(denial);
        var alias = new DnsRecord(Example, RecordType.CNAME, RecordClass.IN, 300, NameData.Encode(DnsName.Parse("www.other.test.")));
        List<DnsRecord> replayed = [alias.WithTtl(86400), HostileUpstream.Sign([alias], h.ZoneSigningKeys[Tld]).WithTtl(86400)];
        HostileUpstream.Rewrite(h, "example.test.", RecordType.DS, m => replaying ? HostileUpstream.Copy(m, answers: replayed, authorities: []) : m);
        DnssecValidator validator = h.Validator();

        AnswerValidation during = await h.ValidateAsync("www.example.test.", RecordType.A, validator);
        replaying = false;
        h.Clock.Advance(TimeSpan.FromSeconds(301));
        AnswerValidation after = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Bogus, during.Status);
        Assert.True(after.Status == SecurityStatus.Secure, after.Result.Reason);
    }

    [Theory]
    [InlineData(DenialOfExistence.Nsec)]
    [InlineData(DenialOfExistence.Nsec3)]
    public async Task ValidateAsync_InsecureDelegationProvenWithRaisedTtl_IsCheckedAgainAfterTheOriginalTtl(DenialOfExistence denial)
    {
        // The proof that unsigned.test. has no DS, served with its TTL raised to a week: the insecure
        // delegation is remembered no longer than the proof's records may be used (their signed TTL), so it is asked again.
        TestHierarchy h = Build(denial);
        int dsQueries = 0;
        HostileUpstream.Rewrite(h, "unsigned.test.", RecordType.DS, m =>
        {
            dsQueries++;
            return HostileUpstream.Copy(m, authorities: [.. m.Authorities.Select(r => r.WithTtl(7 * 86400))]);
        });
        DnssecValidator validator = h.Validator();
        await h.ValidateAsync("www.unsigned.test.", RecordType.A, validator);
        uint signedTtl = h.SignedZones[Tld].First(r => r.Type is RecordType.NSEC or RecordType.NSEC3).Ttl;
        h.Clock.Advance(TimeSpan.FromSeconds(signedTtl + 1));

        AnswerValidation again = await h.ValidateAsync("www.unsigned.test.", RecordType.A, validator);

        Assert.True(again.Status == SecurityStatus.Insecure, again.Result.Reason);
        Assert.True(dsQueries == 2, $"the DS of unsigned.test. was asked {dsQueries} times in {signedTtl + 1} s");
    }

    // RFC 9824 §3: compact denial, as large signing providers serve it (an online signer's "black lies"): NODATA with
    // an NSEC at the name itself, next name just below it, listing NXNAME when the name does not exist.
    [Theory]
    [InlineData(DnsResponseCode.NoError, "RRSIG NSEC NXNAME", SecurityStatus.Secure, DnsResponseCode.NXDomain, "NODATA with NXNAME: reported as NXDOMAIN")]
    [InlineData(DnsResponseCode.NXDomain, "RRSIG NSEC NXNAME", SecurityStatus.Secure, DnsResponseCode.NXDomain, "NXDOMAIN rcode with NXNAME")]
    [InlineData(DnsResponseCode.NoError, "RRSIG NSEC", SecurityStatus.Secure, DnsResponseCode.NoError, "a black lie without NXNAME: NODATA")]
    [InlineData(DnsResponseCode.NoError, "A RRSIG NSEC NXNAME", SecurityStatus.Secure, DnsResponseCode.NoError, "NXNAME beside data: NODATA for AAAA, nothing more")]
    [InlineData(DnsResponseCode.NXDomain, "RRSIG NSEC", SecurityStatus.Bogus, DnsResponseCode.NXDomain, "NXDOMAIN rcode, the record says the name exists")]
    public async Task ValidateAsync_CompactDenial_ReportsTheRcodeTheRecordsProve(DnsResponseCode sent, string types, SecurityStatus status, DnsResponseCode reported, string description)
    {
        TestHierarchy h = Build(DenialOfExistence.Nsec);
        DnsName name = DnsName.Parse("nothere.example.test.");
        var nsec = new DnsRecord(name, RecordType.NSEC, RecordClass.IN, 300, NsecData.Encode(name.Prepend([0]),
            types.Split(' ').Select(Dnssec.Presentation.Mnemonics.ParseRecordType)));
        List<DnsRecord> soa = HostileUpstream.RRsetOf(h.SignedZones[Example], Example, RecordType.SOA);
        HostileUpstream.Rewrite(h, "nothere.example.test.", RecordType.AAAA, m =>
            HostileUpstream.Copy(m, sent, answers: [], authorities: [.. soa, nsec, HostileUpstream.Sign([nsec], h.ZoneSigningKeys[Example])]));

        AnswerValidation result = await h.ValidateAsync("nothere.example.test.", RecordType.AAAA);

        Assert.True(status == result.Status, $"{description}: {result.Result}");
        Assert.True(reported == result.ResponseCode, $"{description}: {result.ResponseCode}");
    }

    [Theory]
    [InlineData(DenialOfExistence.Nsec)]
    [InlineData(DenialOfExistence.Nsec3)]
    public async Task ValidateAsync_SignedAnswerAfterADsAnswerForItsOwnerProvedNothing_IsSecure(DenialOfExistence denial)
    {
        // RFC 4035 §5.3.1: a signer is disqualified by a zone cut between it and the owner. A DS answer for the owner
        // whose denial records were stripped shows no cut; remembered as a failed zone, it made the next signed answer
        // at the owner Bogus, while the same answer asked first is Secure (Dnssec.Differential, seed 3, hierarchy 37).
        TestHierarchy h = Build(denial);
        HostileUpstream.Rewrite(h, "www.example.test.", RecordType.DS, m => HostileUpstream.Copy(m, authorities: []));
        DnssecValidator validator = h.Validator();

        ZoneKeys walk = await validator.FindKeysAsync(DnsName.Parse("www.example.test."), validator.CreateBudget());
        AnswerValidation answer = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Bogus, walk.Status);
        Assert.True(answer.Status == SecurityStatus.Secure, answer.Result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_SignedAnswerAfterADsAnswerForItsOwnerHadTooManyIterations_IsSecure()
    {
        // RFC 9276 §3.2 makes an unchecked denial Insecure, not a zone cut: the signed answer at the name stays Secure
        // whether or not the DS question was asked first (Dnssec.Differential, seed 4, hierarchy 66).
        TestHierarchy h = Build(DenialOfExistence.Nsec3, iterations: 500);
        DnssecValidator validator = h.Validator();

        ZoneKeys walk = await validator.FindKeysAsync(DnsName.Parse("www.example.test."), validator.CreateBudget());
        AnswerValidation answer = await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Insecure, walk.Status);
        Assert.True(answer.Status == SecurityStatus.Secure, answer.Result.Reason);
    }

    [Fact]
    public async Task ValidateAsync_OptOutNameErrorWithoutTheWildcardProof_IsBogus()
    {
        // RFC 5155 §8.4: a name error needs the NSEC3 that covers the wildcard at the closest encloser; opt-out over the
        // next closer name only withholds the AD bit (§9.2). Without it the answer was Insecure, because the DS answer
        // for the name, missing the same record, passed for an opt-out span with a possible unsigned delegation in it
        // (Dnssec.Differential, seed 2026, hierarchy 111; Unbound and delv say Bogus).
        var h = new TestHierarchy();
        h.Zone(".", z => z.Denial = DenialOfExistence.Nsec3);
        h.Zone("test.", z => z.Denial = DenialOfExistence.Nsec3);
        h.Zone("example.test.", z => { z.Denial = DenialOfExistence.Nsec3; z.Nsec3OptOut = true; z.Records = "www A 192.0.2.1"; });
        h.Build();
        IReadOnlyList<DnsRecord> zone = h.SignedZones[Example];
        List<DnsRecord> wildcardCover = HostileUpstream.Nsec3For(zone, "*.www.example.test.", covering: true);
        // A next closer name whose covering NSEC3 is not the wildcard's, so that leaving the latter out leaves a gap.
        string name = Enumerable.Range(0, 100).Select(i => $"n{i}.www.example.test.")
            .First(n => HostileUpstream.Nsec3For(zone, n, covering: true)[0].Owner != wildcardCover[0].Owner);
        foreach (RecordType type in new[] { RecordType.A, RecordType.DS })
        {
            HostileUpstream.Rewrite(h, name, type, m => HostileUpstream.Without(m, r => r.Owner == wildcardCover[0].Owner));
        }

        AnswerValidation answer = await h.ValidateAsync(name, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Bogus, answer.Result.Reason);
    }

    private static TestHierarchy Build(DenialOfExistence denial, ushort iterations = 0)
    {
        var h = new TestHierarchy();
        h.Zone(".", z => z.Denial = denial);
        h.Zone("test.", z => z.Denial = denial);
        h.Zone("example.test.", z => { z.Denial = denial; z.Nsec3Iterations = iterations; z.Records = "www A 192.0.2.1"; });
        h.Zone("other.test.", z => { z.Denial = denial; z.Records = "www A 192.0.2.9"; });
        h.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        return h.Build();
    }
}
