using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

/// <summary>Validity periods (RFC 4035 §5.3.1), the clock-skew allowance around them, and RFC 1982 arithmetic across 2106.</summary>
public partial class RrsetVerifierTests
{
    /// <summary>The skew is a tenth of the validity period, kept between 2 minutes and 1 day (Unbound's val-sig-skew-min/max).</summary>
    public static TheoryData<string, int, int, bool> SkewCases() => new()
    {
        { "30-day signature, 23 h out: within the 1-day maximum", 30 * 86400, 23 * 3600, true },
        { "30-day signature, 25 h out: beyond the 1-day maximum", 30 * 86400, 25 * 3600, false },
        { "1-hour signature, 5 min out: within a tenth (6 min)", 3600, 300, true },
        { "1-hour signature, 7 min out: beyond a tenth", 3600, 420, false },
        { "10-minute signature, 110 s out: within the 2-minute minimum", 600, 110, true },
        { "10-minute signature, 130 s out: beyond the 2-minute minimum", 600, 130, false },
        { "signature valid for an instant, 120 s out: exactly the minimum", 0, 120, true },
        { "signature valid for an instant, 121 s out", 0, 121, false },
    };

    [Theory]
    [MemberData(nameof(SkewCases))]
    public void Verify_AfterExpirationByClockSkew_AcceptedOnlyWithinTheSkew(string description, int periodSeconds, int secondsLate, bool accepted)
    {
        Assert.NotNull(description);
        DateTimeOffset expiration = Now.AddSeconds(-secondsLate);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, expiration.AddSeconds(-periodSeconds), expiration);

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        Assert.Equal(accepted ? SignatureFailure.None : SignatureFailure.Expired, check.Failure);
    }

    [Theory]
    [MemberData(nameof(SkewCases))]
    public void Verify_BeforeInceptionByClockSkew_AcceptedOnlyWithinTheSkew(string description, int periodSeconds, int secondsEarly, bool accepted)
    {
        Assert.NotNull(description);
        DateTimeOffset inception = Now.AddSeconds(secondsEarly);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, inception, inception.AddSeconds(periodSeconds));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        Assert.Equal(accepted ? SignatureFailure.None : SignatureFailure.NotYetValid, check.Failure);
    }

    [Fact]
    public void Verify_SkewSetToZero_RejectsOneSecondOutside()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord expired = RrsetSigner.Sign(rrset, Key, Now.AddDays(-30), Now.AddSeconds(-1));
        DnsRecord early = RrsetSigner.Sign(rrset, Key, Now.AddSeconds(1), Now.AddDays(30));
        DnsRecord edge = RrsetSigner.Sign(rrset, Key, Now.AddDays(-30), Now);
        var strict = new RrsetVerifier(new VerifierCache(), new FakeTimeProvider(Now)) { MinimumClockSkew = TimeSpan.Zero, MaximumClockSkew = TimeSpan.Zero };

        Assert.Equal(SignatureFailure.Expired, strict.Verify(rrset, expired, Key.Dnskey).Failure);
        Assert.Equal(SignatureFailure.NotYetValid, strict.Verify(rrset, early, Key.Dnskey).Failure);
        Assert.True(strict.Verify(rrset, edge, Key.Dnskey).IsValid);
    }

    [Fact]
    public void Verify_MaximumSkewSetBelowTheDefaultMinimum_UsesTheMaximum()
    {
        // A strict deployment caps the skew at one minute and leaves the minimum alone.
        var verifier = new RrsetVerifier(new VerifierCache(), new FakeTimeProvider(Now)) { MaximumClockSkew = TimeSpan.FromMinutes(1) };
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord justExpired = RrsetSigner.Sign(rrset, Key, Now.AddDays(-30), Now.AddSeconds(-30));
        DnsRecord expired = RrsetSigner.Sign(rrset, Key, Now.AddDays(-30), Now.AddSeconds(-90));

        Assert.True(verifier.Verify(rrset, justExpired, Key.Dnskey).IsValid);
        Assert.Equal(SignatureFailure.Expired, verifier.Verify(rrset, expired, Key.Dnskey).Failure);
    }

    [Fact]
    public void ClockSkew_Negative_ThrowsRatherThanAcceptingExpiredSignatures()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RrsetVerifier { MinimumClockSkew = TimeSpan.FromSeconds(-1) });
        Assert.Throws<ArgumentOutOfRangeException>(() => new RrsetVerifier { MaximumClockSkew = TimeSpan.FromSeconds(-1) });
    }

    [Fact]
    public void Verify_FakeClockMovesOn_SameSignatureExpires()
    {
        // Time only through the injected TimeProvider: the verifier reads it on every check.
        var clock = new FakeTimeProvider(Now);
        var verifier = new RrsetVerifier(new VerifierCache(), clock);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));

        Assert.True(verifier.Verify(rrset, rrsig, Key.Dnskey).IsValid);
        clock.Advance(TimeSpan.FromDays(32));
        AssertFails(verifier.Verify(rrset, rrsig, Key.Dnskey), SignatureFailure.Expired, "www.example. A", "expired 2026-07-01T00:00:00Z");
    }

    /// <summary>Serial values wrap to 0 at 2^32 seconds, 2106-02-07T06:28:16Z (RFC 4034 §3.1.5, RFC 1982).</summary>
    private static readonly DateTimeOffset Wrap = DateTimeOffset.UnixEpoch.AddSeconds(1L << 32);

    [Theory]
    [InlineData("a week before the wrap", -7 * 86400)]
    [InlineData("the last second before the wrap", -1)]
    [InlineData("the wrap itself", 0)]
    [InlineData("a week after the wrap", 7 * 86400)]
    public void Verify_ValidityAcrossThe2106Wrap_IsValidInside(string description, int secondsFromWrap)
    {
        Assert.NotNull(description);
        DateTimeOffset inception = new(2106, 1, 1, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset expiration = new(2106, 3, 1, 0, 0, 0, TimeSpan.Zero);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, inception, expiration);
        RrsigData fields = RrsigData.From(rrsig);
        Assert.True(fields.SignatureInception > fields.SignatureExpiration, "the expiration wrapped to a smaller number");

        SignatureCheck check = Verifier(now: Wrap.AddSeconds(secondsFromWrap)).Verify(rrset, rrsig, Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_ValidityAcrossThe2106Wrap_ExpiredAfterAndNotYetValidBefore()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, new DateTimeOffset(2106, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2106, 3, 1, 0, 0, 0, TimeSpan.Zero));

        SignatureCheck after = Verifier(now: new DateTimeOffset(2106, 3, 10, 0, 0, 0, TimeSpan.Zero)).Verify(rrset, rrsig, Key.Dnskey);
        SignatureCheck before = Verifier(now: new DateTimeOffset(2105, 12, 1, 0, 0, 0, TimeSpan.Zero)).Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(after, SignatureFailure.Expired, "www.example. A", "expired 2106-03-01T00:00:00Z");
        AssertFails(before, SignatureFailure.NotYetValid, "www.example. A", "not valid before 2106-01-01T00:00:00Z");
    }

    [Fact]
    public void Verify_SignatureThatEndedBeforeTheWrapCheckedAfterIt_IsExpired()
    {
        // After the wrap "now" is a small number; RFC 1982 still orders it after an expiration just before the wrap.
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, new DateTimeOffset(2105, 12, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2106, 1, 31, 0, 0, 0, TimeSpan.Zero));

        SignatureCheck check = Verifier(now: new DateTimeOffset(2106, 2, 15, 0, 0, 0, TimeSpan.Zero)).Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.Expired, "www.example. A", "expired 2106-01-31T00:00:00Z");
    }

    [Fact]
    public void Verify_InceptionAfterExpirationAcrossTheWrap_FailsInceptionAfterExpiration()
    {
        // Inception 2106-03-01 (serial ~4.9e6) against expiration 2106-01-01 (serial ~4.29e9): numerically smaller,
        // but later in serial order.
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, new DateTimeOffset(2106, 3, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2106, 1, 1, 0, 0, 0, TimeSpan.Zero));

        SignatureCheck check = Verifier(now: new DateTimeOffset(2106, 2, 1, 0, 0, 0, TimeSpan.Zero)).Verify(rrset, rrsig, Key.Dnskey);

        AssertFails(check, SignatureFailure.InceptionAfterExpiration, "www.example. A", "inception 2106-03-01T00:00:00Z after expiration 2106-01-01T00:00:00Z");
    }
}
