using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>Queries for encrypted transports: padded to 128-octet blocks (RFC 8467 §4.1) with an empty keepalive option (RFC 7828).</summary>
public class PaddedQueryTests
{
    [Theory]
    [InlineData(1, "the shortest name")]
    [InlineData(20, "a common name")]
    [InlineData(75, "a name of two labels")]
    [InlineData(90, "a name whose unpadded query is exactly 128 octets: an empty padding option")]
    [InlineData(200, "a long name, two blocks")]
    public void Build_AnyName_MultipleOf128WithZeroPadding(int labelLength, string description)
    {
        var name = DnsName.Parse(string.Join('.', Enumerable.Range(0, (labelLength + 49) / 50).Select(i => new string('a', Math.Min(50, labelLength - (i * 50))))) + ".");

        byte[] query = PaddedQuery.Build(0x1234, new DnsQuestion(name, RecordType.A), QueryOptions.Recursive);

        Assert.True(query.Length % PaddedQuery.BlockLength == 0, $"{description}: {query.Length} octets");
        DnsMessage parsed = DnsMessage.Parse(query);
        Assert.Equal(name, parsed.Questions[0].Name);
        Assert.True(parsed.Edns!.DnssecOk);
        EdnsOption padding = Assert.Single(parsed.Edns.Options, o => o.Code == EdnsOptionCode.Padding);
        Assert.All(padding.Data.ToArray(), octet => Assert.Equal(0, octet));
        Assert.Empty(Assert.Single(parsed.Edns.Options, o => o.Code == EdnsOptionCode.TcpKeepalive).Data.ToArray());
    }

    [Fact]
    public void Build_WithoutEdns_NotPadded()
    {
        byte[] query = PaddedQuery.Build(1, new DnsQuestion(DnsName.Parse("example."), RecordType.A), QueryOptions.Recursive with { UseEdns = false });

        Assert.Null(DnsMessage.Parse(query).Edns);
    }

    [Theory]
    [InlineData(new byte[] { 0, 20 }, 2000.0, "2 s in units of 100 ms")]
    [InlineData(new byte[] { 0, 0 }, 0.0, "zero: close when idle")]
    public void Keepalive_ServerOption_IdleTime(byte[] data, double milliseconds, string description)
    {
        var response = new DnsMessage { Edns = new EdnsRecord() };
        response.Edns.Options.Add(new EdnsOption(EdnsOptionCode.TcpKeepalive, data));

        Assert.True(TimeSpan.FromMilliseconds(milliseconds) == PaddedQuery.Keepalive(response), description);
    }

    [Fact]
    public void Keepalive_NoneOrMalformed_Null()
    {
        var malformed = new DnsMessage { Edns = new EdnsRecord() };
        malformed.Edns.Options.Add(new EdnsOption(EdnsOptionCode.TcpKeepalive, new byte[] { 1 }));

        Assert.Null(PaddedQuery.Keepalive(new DnsMessage()));
        Assert.Null(PaddedQuery.Keepalive(malformed));
    }
}
