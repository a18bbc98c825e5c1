using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>SRV RDATA through <see cref="SrvData"/>.</summary>
public sealed class SrvDataTests
{
    [Theory]
    [InlineData("SMTP submission", 10, 60, 587, "mail.example.")]
    [InlineData("service not available (RFC 2782)", 0, 0, 0, ".")]
    [InlineData("largest values", 65535, 65535, 65535, "x.example.")]
    public void Encode_Fields_ReadBack(string description, int priority, int weight, int port, string target)
    {
        var record = new DnsRecord(DnsName.Parse("_submission._tcp.example."), RecordType.SRV, RecordClass.IN, 60,
            SrvData.Encode((ushort)priority, (ushort)weight, (ushort)port, DnsName.Parse(target)));

        SrvData srv = SrvData.From(record);

        Assert.True((priority, weight, port) == (srv.Priority, srv.Weight, srv.Port), description);
        Assert.Equal(target, srv.Target.ToString());
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        var record = new DnsRecord(DnsName.Root, RecordType.MX, RecordClass.IN, 0, MxData.Encode(1, DnsName.Root));

        Assert.Throws<ArgumentException>("record", () => SrvData.From(record));
    }
}
