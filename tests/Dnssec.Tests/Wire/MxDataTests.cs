using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>MX and the same-shaped KX, RT and AFSDB RDATA through <see cref="MxData"/>.</summary>
public sealed class MxDataTests
{
    [Theory]
    [InlineData("MX", RecordType.MX, 10, "mail.example.")]
    [InlineData("null MX (RFC 7505)", RecordType.MX, 0, ".")]
    [InlineData("largest preference", RecordType.MX, 65535, "backup.example.")]
    [InlineData("KX", RecordType.KX, 1, "kx.example.")]
    [InlineData("RT", RecordType.RT, 2, "relay.example.")]
    [InlineData("AFSDB", RecordType.AFSDB, 1, "afs.example.")]
    public void Encode_Fields_ReadBack(string description, RecordType type, int preference, string exchange)
    {
        var record = new DnsRecord(DnsName.Parse("example."), type, RecordClass.IN, 60, MxData.Encode((ushort)preference, DnsName.Parse(exchange)));

        MxData mx = MxData.From(record);

        Assert.True(preference == mx.Preference, description);
        Assert.Equal(exchange, mx.Exchange.ToString());
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        var record = new DnsRecord(DnsName.Root, RecordType.NS, RecordClass.IN, 0, NameData.Encode(DnsName.Root));

        Assert.Throws<ArgumentException>("record", () => MxData.From(record));
    }
}
