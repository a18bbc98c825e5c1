using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class AnchorHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan HoldDown = TrustPointTracker.DefaultAddHoldDown;
    private static readonly DnsName Example = DnsName.Parse("example.");

    private readonly DnsRecord _first = NewKey(Example);
    private readonly DnsRecord _second = NewKey(Example);

    [Fact]
    public void Assess_RecentlyRefreshedValidKey_HealthyWithoutFindings()
    {
        AnchorHealth health = Assess(Point(Example, Now.AddDays(-1), Key(_first, TrackedKeyState.Valid)));

        Assert.Equal(AnchorHealthStatus.Healthy, health.Status);
        Assert.Empty(health.Findings);
    }

    [Fact]
    public void Assess_NoTrustPoint_Unusable()
    {
        AnchorHealth health = Assess();

        Assert.Equal(AnchorHealthStatus.Unusable, health.Status);
        Assert.Equal(["no trust point is tracked"], health.Findings);
    }

    [Theory]
    [InlineData("every key revoked", TrackedKeyState.Revoked, TrackedKeyState.Revoked)]
    [InlineData("revoked and removed", TrackedKeyState.Revoked, TrackedKeyState.Removed)]
    [InlineData("the only other key still pending", TrackedKeyState.Revoked, TrackedKeyState.AddPend)]
    public void Assess_NoTrustedKey_UnusableNamingTheZone(string description, TrackedKeyState first, TrackedKeyState second)
    {
        AnchorHealth health = Assess(Point(Example, Now.AddDays(-1), Key(_first, first), Key(_second, second)));

        Assert.True(health.Status == AnchorHealthStatus.Unusable, description);
        Assert.Equal(["example. has no usable trust anchor: every key is revoked, removed or still pending"], health.Findings);
    }

    [Theory]
    [InlineData("refreshed a day ago", 1, AnchorHealthStatus.Healthy)]
    [InlineData("exactly the add hold-down ago", 30, AnchorHealthStatus.Healthy)]
    [InlineData("a second longer than the add hold-down ago", 30 + (1 / 86400.0), AnchorHealthStatus.Degraded)]
    [InlineData("a year ago", 365, AnchorHealthStatus.Degraded)]
    public void Assess_LastRefreshAge_DegradedOnlyPastTheAddHoldDown(string description, double daysAgo, AnchorHealthStatus expected)
    {
        DateTimeOffset refreshed = Now - TimeSpan.FromSeconds(Math.Round(daysAgo * 86400));

        AnchorHealth health = Assess(Point(Example, refreshed, Key(_first, TrackedKeyState.Valid)));

        Assert.True(expected == health.Status, description);
        if (expected == AnchorHealthStatus.Degraded)
        {
            Assert.Equal([$"the DNSKEY RRset of example. has not been validated since {refreshed:u}, longer than the 30-day add hold-down: a key roll may be missed"], health.Findings);
        }
    }

    [Fact]
    public void Assess_NeverRefreshedAndConfiguredLongerAgoThanTheHoldDown_Degraded()
    {
        AnchorHealth stale = Assess(Point(Example, null, Key(_first, TrackedKeyState.Valid, firstSeen: Now.AddDays(-31))));
        AnchorHealth fresh = Assess(Point(Example, null, Key(_first, TrackedKeyState.Valid, firstSeen: Now.AddDays(-29))));

        Assert.Equal(AnchorHealthStatus.Degraded, stale.Status);
        Assert.Equal(["the DNSKEY RRset of example. has not been validated at all in the 31 days since its keys were configured, longer than the 30-day add hold-down: a key roll may be missed"], stale.Findings);
        Assert.Equal(AnchorHealthStatus.Healthy, fresh.Status);
    }

    [Fact]
    public void Assess_EveryTrustedKeyMissing_Degraded()
    {
        AnchorHealth health = Assess(Point(Example, Now.AddDays(-1), Key(_first, TrackedKeyState.Missing), Key(_second, TrackedKeyState.Revoked)));

        Assert.Equal(AnchorHealthStatus.Degraded, health.Status);
        Assert.Equal(["every trusted key of example. is missing from its DNSKEY RRset"], health.Findings);
    }

    [Fact]
    public void Assess_OneOfTwoTrustedKeysMissing_Healthy()
    {
        AnchorHealth health = Assess(Point(Example, Now.AddDays(-1), Key(_first, TrackedKeyState.Missing), Key(_second, TrackedKeyState.Valid)));

        Assert.Equal(AnchorHealthStatus.Healthy, health.Status);
        Assert.Empty(health.Findings);
    }

    [Fact]
    public void Assess_PendingKey_ReportedButHealthy()
    {
        TrackedKey pending = Key(_second, TrackedKeyState.AddPend) with { HoldDownStart = Now.AddDays(-10) };

        AnchorHealth health = Assess(Point(Example, Now.AddDays(-1), Key(_first, TrackedKeyState.Valid), pending));

        Assert.Equal(AnchorHealthStatus.Healthy, health.Status);
        Assert.Equal([$"DNSKEY {pending.KeyTag} of example. is pending since {Now.AddDays(-10):u}"], health.Findings);
    }

    [Fact]
    public void Assess_PendingKeyBesideAStaleRefresh_StaysDegraded()
    {
        TrackedKey pending = Key(_second, TrackedKeyState.AddPend) with { HoldDownStart = Now.AddDays(-40) };

        AnchorHealth health = Assess(Point(Example, Now.AddDays(-40), Key(_first, TrackedKeyState.Valid), pending));

        Assert.Equal(AnchorHealthStatus.Degraded, health.Status);
        Assert.Equal(2, health.Findings.Count);
    }

    [Fact]
    public void Assess_SeveralTrustPoints_WorstStatusAndEveryFinding()
    {
        DnsName other = DnsName.Parse("other.");
        TrustPoint degraded = Point(Example, Now.AddDays(-1), Key(_first, TrackedKeyState.Missing));
        TrustPoint unusable = Point(other, Now.AddDays(-1), Key(NewKey(other), TrackedKeyState.Revoked));
        TrustPoint healthy = Point(DnsName.Root, Now.AddDays(-1), Key(NewKey(DnsName.Root), TrackedKeyState.Valid));

        AnchorHealth health = Assess(healthy, unusable, degraded);
        AnchorHealth withoutUnusable = Assess(degraded, healthy);

        Assert.Equal(AnchorHealthStatus.Unusable, health.Status);
        Assert.Equal(2, health.Findings.Count);
        Assert.Contains(health.Findings, f => f.StartsWith("other. has no usable trust anchor", StringComparison.Ordinal));
        Assert.Contains(health.Findings, f => f.StartsWith("every trusted key of example.", StringComparison.Ordinal));
        Assert.Equal(AnchorHealthStatus.Degraded, withoutUnusable.Status);
    }

    private static AnchorHealth Assess(params TrustPoint[] points) => AnchorHealth.Assess(points, Now, HoldDown);

    private static TrustPoint Point(DnsName zone, DateTimeOffset? lastRefresh, params TrackedKey[] keys) =>
        new(zone, keys, lastRefresh, Now.AddDays(1));

    private static TrackedKey Key(DnsRecord dnskey, TrackedKeyState state, DateTimeOffset? firstSeen = null) =>
        new(dnskey, state, firstSeen ?? Now.AddDays(-100), firstSeen ?? Now.AddDays(-100), null);

    private static DnsRecord NewKey(DnsName zone) => SigningKey.Generate(zone, DnssecAlgorithm.ECDSAP256SHA256, 257).Dnskey;
}
