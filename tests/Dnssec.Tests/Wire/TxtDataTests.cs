using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>TXT and SPF RDATA through <see cref="TxtData"/>.</summary>
public sealed class TxtDataTests
{
    [Theory]
    [InlineData("one string", new[] { "v=spf1 -all" })]
    [InlineData("empty string", new[] { "" })]
    [InlineData("DKIM key split in two", new[] { "v=DKIM1; k=rsa; p=MIIB", "IjANBgkqh" })]
    [InlineData("UTF-8 text", new[] { "caf\u00e9 \u2713" })]
    public void Encode_Strings_ReadBackInOrder(string description, string[] strings)
    {
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.TXT, RecordClass.IN, 60, TxtData.Encode(strings));

        TxtData txt = TxtData.From(record);

        Assert.True(strings.Length == txt.Strings.Count, description);
        Assert.Equal(strings, txt.Strings.Select(s => Encoding.UTF8.GetString(s.Span)));
        Assert.Equal(string.Concat(strings), txt.JoinedText);
    }

    [Fact]
    public void Encode_StringOf255Octets_IsTheLongestAllowed()
    {
        byte[] rdata = TxtData.Encode(new string('x', 255));

        Assert.Equal(256, rdata.Length);
        Assert.Equal(255, rdata[0]);
        Assert.Throws<ArgumentException>(() => TxtData.Encode(new string('x', 256)));
        Assert.Throws<ArgumentException>(() => TxtData.Encode("\u00e9" + new string('x', 254)));
    }

    [Fact]
    public void Encode_NoString_Throws()
    {
        Assert.Throws<ArgumentException>("strings", () => TxtData.Encode());
    }

    [Fact]
    public void From_Spf_Reads()
    {
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.SPF, RecordClass.IN, 60, TxtData.Encode("v=spf1", " -all"));

        Assert.Equal("v=spf1 -all", TxtData.From(record).JoinedText);
        Assert.Throws<ArgumentException>("record", () => TxtData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
