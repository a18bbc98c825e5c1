using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>CAA RDATA through <see cref="CaaData"/> (RFC 8659 §4.1).</summary>
public sealed class CaaDataTests
{
    [Theory]
    [InlineData("issue", 0, "issue", "ca.example.net", false)]
    [InlineData("critical unknown tag", 128, "tbs", "Unknown", true)]
    [InlineData("empty value", 0, "issuewild", "", false)]
    public void Encode_Fields_ReadBack(string description, int flags, string tag, string value, bool critical)
    {
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.CAA, RecordClass.IN, 60, CaaData.Encode((byte)flags, tag, Encoding.ASCII.GetBytes(value)));

        CaaData caa = CaaData.From(record);

        Assert.True(critical == caa.IsCritical, description);
        Assert.Equal(flags, caa.Flags);
        Assert.Equal(tag, caa.Tag);
        Assert.Equal(value, Encoding.ASCII.GetString(caa.Value.Span));
    }

    [Fact]
    public void Encode_EmptyTag_Throws()
    {
        Assert.Throws<ArgumentException>("tag", () => CaaData.Encode(0, "", []));
        Assert.Throws<ArgumentException>("record", () => CaaData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
