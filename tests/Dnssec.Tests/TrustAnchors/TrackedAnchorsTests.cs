using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class TrackedAnchorsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName Example = DnsName.Parse("example.");
    private static readonly DnsName Www = DnsName.Parse("www.example.");

    private readonly DnsRecord _configuredRoot = NewKey(DnsName.Root);
    private readonly DnsRecord _trackedRoot = NewKey(DnsName.Root);
    private readonly DnsRecord _configuredExample = NewKey(Example);
    private readonly DnsRecord _trackedExample = NewKey(Example);

    [Fact]
    public void FindClosest_ZoneBothTrackedAndConfigured_TrackedKeysOverrideTheConfiguredAnchor()
    {
        TrackedAnchors anchors = Create([_configuredRoot, _configuredExample], Tracked(Example, TrackedKeyState.Valid, _trackedExample));

        TrustAnchor? anchor = anchors.FindClosest(Www, Now);

        Assert.Equal(Example, anchor?.Zone);
        Assert.Equal([Data(_trackedExample)], anchor!.Keys.Select(Data));
    }

    [Fact]
    public void FindClosest_TrackedRootBesideTheConfiguredRoot_TrackedKeysUsedForEveryName()
    {
        TrackedAnchors anchors = Create([_configuredRoot], Tracked(DnsName.Root, TrackedKeyState.Valid, _trackedRoot));

        Assert.Equal([Data(_trackedRoot)], anchors.FindClosest(Www, Now)!.Keys.Select(Data));
        Assert.Equal([Data(_trackedRoot)], anchors.FindClosest(DnsName.Root, Now)!.Keys.Select(Data));
    }

    [Fact]
    public void FindClosest_ConfiguredAnchorAboveTrackedZone_UsedOnlyOutsideIt()
    {
        TrackedAnchors anchors = Create([_configuredRoot], Tracked(Example, TrackedKeyState.Valid, _trackedExample));

        Assert.Equal(Example, anchors.FindClosest(Www, Now)?.Zone);
        Assert.Equal(DnsName.Root, anchors.FindClosest(DnsName.Parse("www.other."), Now)?.Zone);
    }

    [Fact]
    public void FindClosest_ConfiguredAnchorBelowTrackedZone_ClosestAnchorDecides()
    {
        // As in Unbound, where tracked and configured anchors share one tree: the closest enclosing anchor is used, so an
        // island of trust configured inside a tracked zone still anchors the names below it.
        DnsName island = DnsName.Parse("island.example.");
        DnsRecord islandKey = NewKey(island);
        TrackedAnchors anchors = Create([islandKey], Tracked(Example, TrackedKeyState.Valid, _trackedExample));

        Assert.Equal(island, anchors.FindClosest(DnsName.Parse("www.island.example."), Now)?.Zone);
        Assert.Equal(Example, anchors.FindClosest(Www, Now)?.Zone);
    }

    [Theory]
    [InlineData("every key revoked", TrackedKeyState.Revoked)]
    [InlineData("every key removed", TrackedKeyState.Removed)]
    [InlineData("the only key still pending", TrackedKeyState.AddPend)]
    public void FindClosest_TrackedZoneWithoutUsableKey_FallsBackOnlyToAnAnchorAboveIt(string description, TrackedKeyState state)
    {
        TrackedAnchors anchors = Create([_configuredRoot, _configuredExample], Tracked(Example, state, _trackedExample));

        TrustAnchor? anchor = anchors.FindClosest(Www, Now);

        // The configured anchor of example. itself does not stand in: the names are validated from the root's chain.
        Assert.True(anchor?.Zone == DnsName.Root, description);
        Assert.Equal([Data(_configuredRoot)], anchor!.Keys.Select(Data));
    }

    [Fact]
    public void FindClosest_TrackedZoneWithoutUsableKeyBelowATrackedRoot_FallsBackToTheTrackedRoot()
    {
        TrackedAnchors anchors = Create([_configuredRoot], Tracked(DnsName.Root, TrackedKeyState.Valid, _trackedRoot), Tracked(Example, TrackedKeyState.Revoked, _trackedExample));

        Assert.Equal([Data(_trackedRoot)], anchors.FindClosest(Www, Now)!.Keys.Select(Data));
    }

    [Fact]
    public void FindClosest_TrackedRootWithoutUsableKey_NoAnchorEvenWithAConfiguredRoot()
    {
        TrackedAnchors anchors = Create([_configuredRoot], Tracked(DnsName.Root, TrackedKeyState.Revoked, _trackedRoot));

        Assert.Null(anchors.FindClosest(Www, Now));
        Assert.Null(anchors.FindClosest(DnsName.Root, Now));
    }

    [Fact]
    public void FindClosest_MissingKey_StillTrusted()
    {
        TrackedAnchors anchors = Create([_configuredRoot], Tracked(Example, TrackedKeyState.Missing, _trackedExample));

        Assert.Equal([Data(_trackedExample)], anchors.FindClosest(Www, Now)!.Keys.Select(Data));
    }

    [Fact]
    public void Apply_TrustPointsReplaced_OnlyTheNewOnesCount()
    {
        TrackedAnchors anchors = Create([_configuredRoot, _configuredExample], Tracked(Example, TrackedKeyState.Revoked, _trackedExample));
        Assert.Equal(DnsName.Root, anchors.FindClosest(Www, Now)?.Zone);

        anchors.Apply([]);

        Assert.Equal([Data(_configuredExample)], anchors.FindClosest(Www, Now)!.Keys.Select(Data));
    }

    [Fact]
    public void FindNegativeAnchor_ConfiguredNegativeAnchorInsideATrackedZone_ComesFromTheConfiguredProvider()
    {
        var configured = new TrustAnchorSet();
        configured.Add([_configuredRoot]);
        configured.AddNegative(new NegativeTrustAnchor(Example, Now.AddDays(1)));
        var anchors = new TrackedAnchors(configured);
        anchors.Apply([Tracked(DnsName.Root, TrackedKeyState.Valid, _trackedRoot)]);

        Assert.Equal(Example, anchors.FindNegativeAnchor(Www, Now));
        Assert.Null(anchors.FindNegativeAnchor(DnsName.Parse("www.other."), Now));
        Assert.Null(anchors.FindNegativeAnchor(Www, Now.AddDays(2)));
    }

    private static TrackedAnchors Create(DnsRecord[] configuredKeys, params TrustPoint[] tracked)
    {
        var configured = new TrustAnchorSet();
        configured.Add(configuredKeys);
        var anchors = new TrackedAnchors(configured);
        anchors.Apply(tracked);
        return anchors;
    }

    private static TrustPoint Tracked(DnsName zone, TrackedKeyState state, DnsRecord dnskey) =>
        new(zone, [new TrackedKey(dnskey, state, Now, Now, null)], Now, Now.AddDays(1));

    private static DnsRecord NewKey(DnsName zone) => SigningKey.Generate(zone, DnssecAlgorithm.ECDSAP256SHA256, 257).Dnskey;

    private static byte[] Data(DnsRecord record) => record.Data.ToArray();
}
