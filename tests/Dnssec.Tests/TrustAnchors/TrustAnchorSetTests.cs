using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class TrustAnchorSetTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("before KSK-2024 became valid", "2024-07-17T23:59:59Z", new[] { 20326 })]
    [InlineData("both keys valid", "2024-07-18T00:00:00Z", new[] { 20326, 38696 })]
    [InlineData("today", "2026-11-28T00:00:00Z", new[] { 20326, 38696 })]
    public void ShippedRootAnchor_OnlyKeysValidAtTheTime(string description, string time, int[] tags)
    {
        TrustAnchorSet set = TrustAnchorSet.CreateWithRootAnchor();

        TrustAnchor anchor = set.FindClosest(DnsName.Parse("www.example.com."), DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture))!;

        Assert.True(anchor.Zone.IsRoot, description);
        Assert.Equal(tags.Select(t => (ushort)t), anchor.DelegationSigners.Select(ds => DsData.From(ds).KeyTag).Order());
    }

    [Fact]
    public void ShippedRootAnchor_BeforeAnyKey_HasNoAnchor()
    {
        TrustAnchorSet set = TrustAnchorSet.CreateWithRootAnchor();

        Assert.Null(set.FindClosest(DnsName.Parse("example."), new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void FindClosest_PinnedZoneBelowRoot_ClosestEnclosingAnchorApplies()
    {
        TrustAnchorSet set = TrustAnchorSet.CreateWithRootAnchor();
        var pinned = new DnsRecord(DnsName.Parse("example.com."), RecordType.DS, RecordClass.IN, 0, DsData.Encode(1, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, new byte[32]));
        set.Add([pinned]);

        Assert.Equal("example.com.", set.FindClosest(DnsName.Parse("a.b.example.com."), Now)!.Zone.ToString());
        Assert.Equal("example.com.", set.FindClosest(DnsName.Parse("example.com."), Now)!.Zone.ToString());
        Assert.True(set.FindClosest(DnsName.Parse("example.org."), Now)!.Zone.IsRoot);
        Assert.True(set.FindClosest(DnsName.Parse("com."), Now)!.Zone.IsRoot);
    }

    [Fact]
    public void FindClosest_AskedAtTimesOutOfOrder_EachAnswerHasTheKeysValidThen()
    {
        // The anchor is kept between the instants at which a key's validity begins or ends: asking back and forth
        // across those instants must never give the keys of another time.
        TrustAnchorSet set = TrustAnchorSet.CreateWithRootAnchor();
        DateTimeOffset bothValid = new(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        DateTimeOffset onlyOld = new(2024, 7, 17, 23, 59, 59, TimeSpan.Zero);
        DnsName name = DnsName.Parse("example.");

        TrustAnchor first = set.FindClosest(name, bothValid)!;
        Assert.Equal(2, set.FindClosest(name, bothValid)!.DelegationSigners.Count);
        Assert.Same(first, set.FindClosest(name, bothValid.AddDays(30)));
        Assert.Single(set.FindClosest(name, onlyOld)!.DelegationSigners);
        Assert.Equal(2, set.FindClosest(name, onlyOld.AddSeconds(1))!.DelegationSigners.Count);
        Assert.Null(set.FindClosest(name, new DateTimeOffset(2010, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Equal(2, set.FindClosest(name, bothValid)!.DelegationSigners.Count);
    }

    [Fact]
    public void FindClosest_RecordAddedAfterAnAnswer_IsInTheNextAnswer()
    {
        var set = new TrustAnchorSet();
        var first = new DnsRecord(DnsName.Root, RecordType.DS, RecordClass.IN, 0, DsData.Encode(1, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, new byte[32]));
        var second = new DnsRecord(DnsName.Root, RecordType.DS, RecordClass.IN, 0, DsData.Encode(2, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, new byte[32]));
        set.Add([first]);
        Assert.Single(set.FindClosest(DnsName.Parse("example."), Now)!.DelegationSigners);

        set.Add([second]);

        Assert.Equal([1, 2], set.FindClosest(DnsName.Parse("example."), Now)!.DelegationSigners.Select(ds => (int)DsData.From(ds).KeyTag).Order());
    }

    [Fact]
    public void FindNegativeAnchor_CoversDomainAndBelowUntilItExpires()
    {
        var set = new TrustAnchorSet();
        set.AddNegative(new NegativeTrustAnchor(DnsName.Parse("broken.example."), Now.AddHours(1)));

        Assert.Equal("broken.example.", set.FindNegativeAnchor(DnsName.Parse("www.broken.example."), Now)!.ToString());
        Assert.Equal("broken.example.", set.FindNegativeAnchor(DnsName.Parse("broken.example."), Now)!.ToString());
        Assert.Null(set.FindNegativeAnchor(DnsName.Parse("example."), Now));
        Assert.Null(set.FindNegativeAnchor(DnsName.Parse("www.broken.example."), Now.AddHours(1)));
        Assert.Null(set.FindNegativeAnchor(DnsName.Parse("www.broken.example."), Now));
    }

    [Fact]
    public void Add_RecordThatIsNotAnAnchor_Throws()
    {
        var set = new TrustAnchorSet();
        var a = new DnsRecord(DnsName.Parse("example."), RecordType.A, RecordClass.IN, 0, new byte[4]);

        Assert.Throws<ArgumentException>(() => set.Add([a]));
    }
}
