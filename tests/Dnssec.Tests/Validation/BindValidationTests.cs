using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Validation;

/// <summary>
/// Responses recorded from BIND serving zones signed by dnssec-signzone (NSEC, NSEC3, opt-out, several algorithms)
/// validate with the status delv gave the same query; the chain of trust comes from the recorded DS and DNSKEY
/// responses and the fixture root's anchor.
/// </summary>
public class BindValidationTests
{
    /// <summary>
    /// Denials resting on an NSEC3 whose opt-out span covers the next closer name. delv calls them secure; RFC 5155 §9.2
    /// says such a response must not get the AD bit, because an unsigned delegation may hide there, and Unbound
    /// answers Insecure: so do we.
    /// </summary>
    private static readonly HashSet<string> OptOutProofs = ["nxdomain-optout", "ds-unsigned-optout-nodata"];

    public static TheoryData<string> ValidatedFixtures()
    {
        var data = new TheoryData<string>();
        foreach (BindFixture fixture in BindFixture.All)
        {
            if (fixture.DelvVerdict is "secure" or "insecure")
            {
                data.Add(fixture.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ValidatedFixtures))]
    public async Task Validate_RecordedResponse_MatchesDelv(string name)
    {
        BindFixture fixture = BindFixture.Get(name);
        DnsMessage response = CompleteChain(fixture.Parse());

        AnswerValidation result = await Validator().ValidateAsync(response.Questions[0], response);

        SecurityStatus expected = fixture.DelvVerdict == "secure" && !OptOutProofs.Contains(name) ? SecurityStatus.Secure : SecurityStatus.Insecure;
        Assert.True(expected == result.Status, $"{name} ({fixture.Shows}): {result.Result}");
        Assert.Equal(DnsName.Root, result.Chain[0].Zone);
    }

    [Fact]
    public async Task Validate_TruncatedResponseRetriedOverTcp_IsSecure()
    {
        DnsMessage response = BindFixture.Get("truncated-tcp").Parse();

        AnswerValidation result = await Validator().ValidateAsync(response.Questions[0], response);

        Assert.True(result.Status == SecurityStatus.Secure, result.Result.ToString());
    }

    [Theory]
    [InlineData("referral-secure-ds", "sub.nsec.test.", SecurityStatus.Secure)]
    [InlineData("referral-insecure-nsec", "insecure.test.", SecurityStatus.Insecure)]
    [InlineData("referral-insecure-optout", "unsigned.optout.test.", SecurityStatus.Insecure)]
    public async Task FindKeys_DelegationOfARecordedReferral_HasTheReferralsStatus(string name, string child, SecurityStatus expected)
    {
        _ = BindFixture.Get(name);

        ZoneKeys keys = await Validator().FindKeysAsync(DnsName.Parse(child), new ValidationBudget(ValidationLimits.Default));

        Assert.True(expected == keys.Status, keys.Result.ToString());
        Assert.Equal(DnsName.Parse(child), keys.Zone);
    }

    [Fact]
    public async Task Validate_AlteredRecordInRecordedAnswer_IsBogus()
    {
        DnsMessage response = BindFixture.Get("a-nsec").Parse();
        DnsRecord original = response.Answers.First(r => r.Type == RecordType.A);
        response.Answers[response.Answers.IndexOf(original)] = new DnsRecord(original.Owner, RecordType.A, RecordClass.IN, original.Ttl, new byte[] { 203, 0, 113, 66 });

        AnswerValidation result = await Validator().ValidateAsync(response.Questions[0], response);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Contains("www.nsec.test. A", result.Result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_RecordedAnswerAfterSignaturesExpire_IsBogusWithSignatureExpired()
    {
        DnsMessage response = BindFixture.Get("a-nsec3").Parse();
        var clock = new FakeTimeProvider(new DateTimeOffset(2036, 3, 1, 0, 0, 0, TimeSpan.Zero));

        AnswerValidation result = await new DnssecValidator(Anchors(), new FixtureSource(), null, clock).ValidateAsync(response.Questions[0], response);

        Assert.Equal(SecurityStatus.Bogus, result.Status);
        Assert.Equal(ExtendedDnsErrorCode.SignatureExpired, result.Result.Error);
    }

    private static DnssecValidator Validator() => new(Anchors(), new FixtureSource(), null, new FakeTimeProvider(BindFixture.ValidationTime));

    private static TrustAnchorSet Anchors()
    {
        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(Path.Combine(BindFixture.Directory, "anchors.txt"), BindFixture.ValidationTime));
        return anchors;
    }

    /// <summary>
    /// An authoritative server stops a chain at its zone's edge; a recursive resolver would add the target's answer.
    /// Add the recorded answer for the last CNAME target, as the resolver would have.
    /// </summary>
    private static DnsMessage CompleteChain(DnsMessage response)
    {
        DnsQuestion question = response.Questions[0];
        DnsRecord? last = response.Answers.LastOrDefault(r => r.Type == RecordType.CNAME);
        if (last is null || response.Answers.Exists(r => r.Type == question.Type && r.Owner.Equals(NameData.From(last).Target)))
        {
            return response;
        }

        DnsName target = NameData.From(last).Target;
        BindFixture? follow = BindFixture.All.FirstOrDefault(f => f.QueryName.Equals(target.ToString(), StringComparison.OrdinalIgnoreCase) && f.Type == question.Type);
        if (follow is not null)
        {
            response.Answers.AddRange(follow.Parse().Answers);
        }

        return response;
    }

    /// <summary>Answers the validator's DS and DNSKEY questions from the recorded responses.</summary>
    private sealed class FixtureSource : IValidationSource
    {
        public ValueTask<SourceResponse> QueryAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
        {
            BindFixture? fixture = BindFixture.All.FirstOrDefault(f => f.Type == type && f.Transport == "udp" && !f.Name.StartsWith("referral", StringComparison.Ordinal)
                && DnsName.Parse(f.QueryName).Equals(name));
            return ValueTask.FromResult(fixture is null
                ? SourceResponse.Failed($"no recorded response for {name} {type}")
                : SourceResponse.From(fixture.Parse()));
        }
    }
}
