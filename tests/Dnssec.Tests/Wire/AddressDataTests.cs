using System.Net;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>A and AAAA RDATA through <see cref="AddressData"/>.</summary>
public sealed class AddressDataTests
{
    [Theory]
    [InlineData("IPv4", "192.0.2.1", RecordType.A)]
    [InlineData("IPv4 all zero", "0.0.0.0", RecordType.A)]
    [InlineData("IPv6", "2001:db8::1", RecordType.AAAA)]
    [InlineData("IPv4-mapped IPv6 stays AAAA", "::ffff:192.0.2.1", RecordType.AAAA)]
    public void Encode_Address_ReadsBack(string description, string text, RecordType type)
    {
        IPAddress address = IPAddress.Parse(text);

        Assert.True(type == AddressData.TypeFor(address), description);
        var record = new DnsRecord(DnsName.Root, type, RecordClass.IN, 0, AddressData.Encode(address));
        Assert.Equal(address, AddressData.From(record).Address);
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        var record = new DnsRecord(DnsName.Root, RecordType.TXT, RecordClass.IN, 0, TxtData.Encode("x"));

        Assert.Throws<ArgumentException>("record", () => AddressData.From(record));
    }
}
