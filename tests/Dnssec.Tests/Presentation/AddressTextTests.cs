using System.Text;
using Dnssec.Presentation;

namespace Dnssec.Tests.Presentation;

public class AddressTextTests
{
    [Theory]
    [InlineData("documentation address", "192.0.2.1", "C0000201")]
    [InlineData("zeros", "0.0.0.0", "00000000")]
    [InlineData("largest", "255.255.255.255", "FFFFFFFF")]
    public void TryParseIPv4_DottedQuad_ParsesOctets(string description, string text, string hex)
    {
        _ = description;
        byte[] address = new byte[4];
        Assert.True(AddressText.TryParseIPv4(text, address));
        Assert.Equal(hex, Convert.ToHexString(address));
    }

    [Theory]
    [InlineData("three octets", "1.2.3")]
    [InlineData("five octets", "1.2.3.4.5")]
    [InlineData("leading zero, octal to some parsers", "01.2.3.4")]
    [InlineData("octet over 255", "1.2.3.256")]
    [InlineData("trailing dot", "1.2.3.4.")]
    [InlineData("empty octet", "1..3.4")]
    [InlineData("hexadecimal", "0x7f.0.0.1")]
    [InlineData("single number", "16909060")]
    [InlineData("empty", "")]
    [InlineData("sign", "+1.2.3.4")]
    public void TryParseIPv4_NotInetPtonForm_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(AddressText.TryParseIPv4(text, new byte[4]));
    }

    [Theory]
    [InlineData("documentation prefix", "2001:db8::1", "2001:db8::1")]
    [InlineData("unspecified", "::", "::")]
    [InlineData("loopback", "::1", "::1")]
    [InlineData("trailing gap", "1::", "1::")]
    [InlineData("full form shortened", "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
    [InlineData("first of two equal runs is shortened (RFC 5952 §4.2.3)", "1:0:0:1:0:0:1:1", "1::1:0:0:1:1")]
    [InlineData("longest run is shortened", "1:0:0:1:0:0:0:1", "1:0:0:1::1")]
    [InlineData("single zero group is not shortened (RFC 5952 §4.2.2)", "1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7")]
    [InlineData("IPv4-mapped", "::ffff:1.2.3.4", "::ffff:1.2.3.4")]
    [InlineData("IPv4-mapped with zeros, as BIND prints", "::ffff:0.0.1.2", "::ffff:0.0.1.2")]
    [InlineData("IPv4-compatible, as BIND prints", "::1.2.3.4", "::1.2.3.4")]
    [InlineData("IPv4-compatible with a zero seventh group stays hex", "::0.0.1.2", "::102")]
    [InlineData("SIIT form stays hex in BIND", "::ffff:0:1.2.3.4", "::ffff:0:102:304")]
    [InlineData("ISATAP form stays hex in BIND", "1:2:3:4:0:5efe:1.2.3.4", "1:2:3:4:0:5efe:102:304")]
    [InlineData("embedded IPv4 elsewhere prints hex", "2001:db8::ffff:1.2.3.4", "2001:db8::ffff:102:304")]
    [InlineData("upper-case hex", "2001:DB8::ABCD", "2001:db8::abcd")]
    public void AppendIPv6_ParsedAddress_PrintsAsBind(string description, string text, string expected)
    {
        _ = description;
        byte[] address = new byte[16];
        Assert.True(AddressText.TryParseIPv6(text, address));
        var builder = new StringBuilder();

        AddressText.AppendIPv6(builder, address);

        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData("two gaps", "1::2::3")]
    [InlineData("nine groups", "1:2:3:4:5:6:7:8:9")]
    [InlineData("seven groups without a gap", "1:2:3:4:5:6:7")]
    [InlineData("gap standing for no group", "1:2:3:4::5:6:7:8")]
    [InlineData("group of five digits", "12345::")]
    [InlineData("leading single colon", ":1::")]
    [InlineData("trailing single colon", "1::2:")]
    [InlineData("triple colon", "1:::2")]
    [InlineData("zone index", "fe80::1%eth0")]
    [InlineData("brackets", "[::1]")]
    [InlineData("IPv4 part not last", "::1.2.3.4:5")]
    [InlineData("IPv4 part with too many groups", "1:2:3:4:5:6:7:1.2.3.4")]
    [InlineData("bad IPv4 part", "::1.2.3")]
    [InlineData("IPv4 alone", "1.2.3.4")]
    [InlineData("empty", "")]
    [InlineData("not hex", "g::")]
    public void TryParseIPv6_Malformed_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(AddressText.TryParseIPv6(text, new byte[16]));
    }
}
