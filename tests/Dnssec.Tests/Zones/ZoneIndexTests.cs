using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Zones;

/// <summary>The one zone model that the signer, the verifier and the in-memory authority read zones through.</summary>
public class ZoneIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName Origin = DnsName.Parse("example.test.");

    private const string Source = """
        $ORIGIN example.test.
        $TTL 3600
        @           IN SOA ns1 hostmaster 1 7200 3600 1209600 300
                    IN NS  ns1
        ns1         IN A   192.0.2.53
        www         IN A   192.0.2.80
                    IN A   192.0.2.80
        a.b.c       IN A   192.0.2.3
        child       IN NS  ns.child
                    IN DS  12345 13 2 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
        ns.child    IN A   192.0.2.54
        deep.ns.child IN A 192.0.2.55
        """;

    private static readonly Lazy<IReadOnlyList<DnsRecord>> SignedWithNsec = new(() => Sign(DenialOfExistence.Nsec));
    private static readonly Lazy<IReadOnlyList<DnsRecord>> SignedWithNsec3 = new(() => Sign(DenialOfExistence.Nsec3));

    [Theory]
    [InlineData("example.test.", NameKind.Authoritative, "the apex")]
    [InlineData("www.example.test.", NameKind.Authoritative, "ordinary data")]
    [InlineData("child.example.test.", NameKind.Delegation, "NS below the apex")]
    [InlineData("ns.child.example.test.", NameKind.Occluded, "glue below the cut")]
    [InlineData("deep.ns.child.example.test.", NameKind.Occluded, "anything deeper below the cut")]
    public void Classify_Name_IsItsPlaceInTheZone(string name, NameKind expected, string why)
    {
        var zone = new ZoneIndex(Origin, ZoneFileReader.Parse(Source, Origin.ToString()));

        Assert.True(expected == zone.Classify(DnsName.Parse(name)), why);
    }

    [Fact]
    public void DelegationAbove_NameBelowACut_IsTheCut()
    {
        var zone = new ZoneIndex(Origin, ZoneFileReader.Parse(Source, Origin.ToString()));

        Assert.Equal(DnsName.Parse("child.example.test."), zone.DelegationAbove(DnsName.Parse("deep.ns.child.example.test.")));
        Assert.Null(zone.DelegationAbove(DnsName.Parse("www.example.test.")));
        Assert.Null(zone.DelegationAbove(Origin));
    }

    [Fact]
    public void Constructor_SameRecordTwice_KeepsOne()
    {
        var zone = new ZoneIndex(Origin, ZoneFileReader.Parse(Source, Origin.ToString()));

        Assert.Single(zone.Get(DnsName.Parse("www.example.test."), RecordType.A)!);
    }

    [Fact]
    public void Constructor_RecordOutsideTheZone_Throws()
    {
        DnsRecord outside = new(DnsName.Parse("www.other.test."), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 1 });

        Assert.Throws<ArgumentException>(() => new ZoneIndex(Origin, [outside]));
    }

    [Fact]
    public void HasName_EmptyNonTerminalAndNsec3Owner_OnlyTheEmptyNonTerminalExists()
    {
        var zone = new ZoneIndex(Origin, SignedWithNsec3.Value);
        DnsName nsec3Owner = SignedWithNsec3.Value.First(r => r.Type == RecordType.NSEC3).Owner;

        Assert.True(zone.HasName(DnsName.Parse("b.c.example.test.")));
        Assert.True(zone.HasName(DnsName.Parse("c.example.test.")));
        Assert.False(zone.HasName(nsec3Owner));
        Assert.False(zone.HasName(DnsName.Parse("missing.example.test.")));
    }

    [Fact]
    public void SignaturesOf_SignedRRset_AreItsRrsigs()
    {
        var zone = new ZoneIndex(Origin, SignedWithNsec.Value);

        DnsRecord rrsig = Assert.Single(zone.SignaturesOf(DnsName.Parse("www.example.test."), RecordType.A));
        Assert.Equal(RecordType.A, RrsigData.From(rrsig).TypeCovered);
        Assert.Empty(zone.SignaturesOf(DnsName.Parse("ns.child.example.test."), RecordType.A));
    }

    [Theory]
    [InlineData("www.example.test.", "www.example.test.", "a name with an NSEC owns it")]
    [InlineData("wwx.example.test.", "www.example.test.", "a missing name gets the NSEC before it")]
    [InlineData("0.example.test.", "example.test.", "the apex's NSEC covers what sorts right after it")]
    public void FindNsec_Name_IsTheMatchingOrCoveringNsec(string name, string owner, string why)
    {
        var zone = new ZoneIndex(Origin, SignedWithNsec.Value);

        Assert.True(DnsName.Parse(owner).Equals(zone.FindNsec(DnsName.Parse(name))?.Owner), why);
        Assert.False(zone.UsesNsec3);
    }

    [Fact]
    public void FindNsec3_EveryOwnerHash_IsItsOwnRecordAndTheChainIsInHashOrder()
    {
        var zone = new ZoneIndex(Origin, SignedWithNsec3.Value);
        var owners = new List<(byte[] Hash, DnsName Owner)>();
        foreach (DnsRecord nsec3 in SignedWithNsec3.Value.Where(r => r.Type == RecordType.NSEC3))
        {
            Assert.True(Nsec3Hasher.TryDecodeLabel(nsec3.Owner.GetLabel(0), out byte[]? hash));
            owners.Add((hash, nsec3.Owner));
        }

        Assert.True(zone.UsesNsec3);
        Assert.Empty(zone.MalformedNsec3Owners);
        foreach ((byte[] hash, DnsName owner) in owners)
        {
            Assert.Equal(owner, zone.FindNsec3(hash)?.Owner);
        }

        // No owner hash sorts before all zeros: the last record of the chain, which wraps, covers it.
        owners.Sort((x, y) => x.Hash.AsSpan().SequenceCompareTo(y.Hash));
        Assert.Equal(owners[^1].Owner, zone.FindNsec3(new byte[Nsec3Hasher.HashLength])?.Owner);
    }

    [Fact]
    public void MalformedNsec3Owners_OwnerThatIsNoHash_IsListed()
    {
        DnsRecord bad = SignedWithNsec3.Value.First(r => r.Type == RecordType.NSEC3).WithOwner(DnsName.Parse("not-a-hash.example.test."));

        var zone = new ZoneIndex(Origin, [.. SignedWithNsec3.Value, bad]);

        Assert.Equal([bad.Owner], zone.MalformedNsec3Owners);
    }

    private static IReadOnlyList<DnsRecord> Sign(DenialOfExistence denial)
    {
        SigningKey key = SigningKey.Generate(Origin, DnssecAlgorithm.ECDSAP256SHA256, 257);
        return ZoneSigner.Sign(Origin, ZoneFileReader.Parse(Source, Origin.ToString()), [key], new ZoneSigningOptions
        {
            Inception = Now.AddDays(-1),
            Expiration = Now.AddDays(30),
            Denial = denial,
        });
    }
}
