using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Single-name RDATA through <see cref="NameData"/>.</summary>
public sealed class NameDataTests
{
    [Theory]
    [InlineData("NS", RecordType.NS, "ns1.Example.")]
    [InlineData("CNAME", RecordType.CNAME, "www.example.")]
    [InlineData("DNAME", RecordType.DNAME, "example.net.")]
    [InlineData("PTR", RecordType.PTR, "host.example.")]
    [InlineData("MB", RecordType.MB, "mail.example.")]
    [InlineData("root target", RecordType.CNAME, ".")]
    public void Encode_Target_ReadsBackWithItsCase(string description, RecordType type, string target)
    {
        var record = new DnsRecord(DnsName.Parse("alias.example."), type, RecordClass.IN, 60, NameData.Encode(DnsName.Parse(target)));

        Assert.True(target == NameData.From(record).Target.ToString(), description);
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        var record = new DnsRecord(DnsName.Root, RecordType.MX, RecordClass.IN, 0, MxData.Encode(1, DnsName.Root));

        Assert.Throws<ArgumentException>("record", () => NameData.From(record));
    }
}
