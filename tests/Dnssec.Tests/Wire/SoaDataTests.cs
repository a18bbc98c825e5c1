using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>SOA RDATA through <see cref="SoaData"/>.</summary>
public sealed class SoaDataTests
{
    [Theory]
    [InlineData("typical zone", "ns1.example.", "hostmaster.example.", 2026112801u, 7200u, 3600u, 1209600u, 300u)]
    [InlineData("root names and extreme numbers", ".", ".", uint.MaxValue, 0u, 1u, uint.MaxValue, 0u)]
    [InlineData("mailbox with an escaped dot", "a.root-servers.net.", "nstld\\.admin.verisign-grs.com.", 1u, 2u, 3u, 4u, 5u)]
    public void Encode_Fields_ReadBack(string description, string primary, string mailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.SOA, RecordClass.IN, 3600,
            SoaData.Encode(DnsName.Parse(primary), DnsName.Parse(mailbox), serial, refresh, retry, expire, minimum));

        SoaData soa = SoaData.From(record);

        Assert.True(primary == soa.PrimaryServer.ToString(), description);
        Assert.Equal(mailbox, soa.ResponsibleMailbox.ToString());
        Assert.Equal((serial, refresh, retry, expire, minimum), (soa.Serial, soa.Refresh, soa.Retry, soa.Expire, soa.Minimum));
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        var record = new DnsRecord(DnsName.Root, RecordType.NS, RecordClass.IN, 0, NameData.Encode(DnsName.Root));

        Assert.Throws<ArgumentException>("record", () => SoaData.From(record));
    }
}
