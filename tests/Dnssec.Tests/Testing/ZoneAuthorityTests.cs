using System.Net;
using Dnssec.Testing;
using Dnssec.Wire;

namespace Dnssec.Tests.Testing;

/// <summary>Each zone's own server answers as an authoritative server must for iterative resolution to follow it.</summary>
public class ZoneAuthorityTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Answer_NameBelowASecureCut_ReferralWithGlueAndSignedDsWithoutAuthority()
    {
        ZoneHierarchy h = Hierarchy();

        DnsMessage response = h.Servers[h.RootAddress].Answer(new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A));

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.False(response.Flags.HasFlag(DnsHeaderFlags.Authoritative));
        Assert.Empty(response.Answers);
        Assert.Contains(response.Authorities, r => r.Type == RecordType.NS && r.Owner.Equals(DnsName.Parse("test.")));
        Assert.Contains(response.Authorities, r => r.Type == RecordType.DS && r.Owner.Equals(DnsName.Parse("test.")));
        Assert.Contains(response.Authorities, r => r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.DS);
        DnsRecord glue = Assert.Single(response.Additionals);
        Assert.Equal(h.Zone("test.").Address, AddressData.From(glue).Address);
    }

    [Fact]
    public void Answer_UnsignedCut_ReferralWithTheNsecProvingNoDs()
    {
        ZoneHierarchy h = Hierarchy();

        DnsMessage response = h.Servers[h.Zone("test.").Address].Answer(new DnsQuestion(DnsName.Parse("www.unsigned.test."), RecordType.A));

        Assert.DoesNotContain(response.Authorities, r => r.Type == RecordType.DS);
        DnsRecord nsec = Assert.Single(response.Authorities, r => r.Type == RecordType.NSEC);
        Assert.Equal("unsigned.test.", nsec.Owner.ToString());
    }

    [Fact]
    public void Answer_DataInItsZone_AuthoritativeAndSigned()
    {
        ZoneHierarchy h = Hierarchy();

        DnsMessage response = h.Servers[h.Zone("example.test.").Address].Answer(new DnsQuestion(DnsName.Parse("www.example.test."), RecordType.A));

        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.Authoritative));
        Assert.Contains(response.Answers, r => r.Type == RecordType.A);
        Assert.Contains(response.Answers, r => r.Type == RecordType.RRSIG);
    }

    [Fact]
    public void Answer_DsOfItsOwnApex_RefusedBecauseTheParentHoldsIt()
    {
        ZoneHierarchy h = Hierarchy();

        DnsMessage response = h.Servers[h.Zone("example.test.").Address].Answer(new DnsQuestion(DnsName.Parse("example.test."), RecordType.DS));

        Assert.Equal(DnsResponseCode.Refused, response.ResponseCode);
    }

    [Fact]
    public async Task QueryAsync_AddressWithNoServer_TimesOut()
    {
        var transport = new InMemoryTransport(Hierarchy().Servers);

        Dnssec.Resolver.TransportResponse response = await transport.QueryAsync(new IPEndPoint(IPAddress.Parse("192.0.2.99"), 53), new DnsQuestion(DnsName.Root, RecordType.NS), Dnssec.Resolver.QueryOptions.Authoritative);

        Assert.Equal(Dnssec.Resolver.TransportError.Timeout, response.Error);
    }

    private static ZoneHierarchy Hierarchy()
    {
        var h = new ZoneHierarchy();
        h.Zone(".");
        h.Zone("test.");
        h.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        h.Zone("unsigned.test.", z => z.Signed = false);
        return h.Build(Now);
    }
}
