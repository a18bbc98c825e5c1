using System.ComponentModel;
using System.Net;
using Dnssec.Resolver;

namespace Dnssec.Tests.Resolver;

/// <summary>Upstreams written as text, as configuration files and the command line give them.</summary>
public class UpstreamServerTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1:53", "IPv4 without a port")]
    [InlineData("192.0.2.1:5353", "192.0.2.1:5353", "IPv4 with a port")]
    [InlineData("2001:db8::1", "[2001:db8::1]:53", "IPv6 without a port")]
    [InlineData("[2001:db8::1]:53", "[2001:db8::1]:53", "IPv6 in brackets with a port")]
    [InlineData("[2001:db8::1]:8053", "[2001:db8::1]:8053", "IPv6 with another port (IPAddress.Parse would drop it)")]
    [InlineData("[2001:db8::1]", "[2001:db8::1]:53", "IPv6 in brackets without a port")]
    [InlineData(" 192.0.2.1 ", "192.0.2.1:53", "surrounding blanks")]
    public void TryParse_AddressWithOrWithoutPort(string text, string endPoint, string description)
    {
        Assert.True(UpstreamServer.TryParse(text, out UpstreamServer? server), description);
        Assert.Equal(IPEndPoint.Parse(endPoint), server.EndPoint);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("dns.example", "a host name")]
    [InlineData("192.0.2.1:0", "port 0")]
    [InlineData("192.0.2.1:70000", "a port out of range")]
    [InlineData("[192.0.2.1:53", "an unclosed bracket")]
    [InlineData("[2001:db8::1]:", "a bracketed address with an empty port")]
    [InlineData(null, "null")]
    public void TryParse_NotAnUpstream_False(string? text, string description)
    {
        Assert.False(UpstreamServer.TryParse(text, out _), description);
    }

    [Fact]
    public void Parse_NotAnUpstream_FormatException()
    {
        Assert.Throws<FormatException>(() => UpstreamServer.Parse("resolver.example"));
    }

    [Fact]
    public void ToString_ParsesBackToTheSame()
    {
        UpstreamServer server = UpstreamServer.Parse("[2001:db8::1]:5353");

        Assert.Equal(server, UpstreamServer.Parse(server.ToString()));
    }

    [Fact]
    public void TypeConverter_ConvertsFromAndToString()
    {
        // The configuration binder finds the converter through the type, as here.
        TypeConverter converter = TypeDescriptor.GetConverter(typeof(UpstreamServer));

        var server = (UpstreamServer?)converter.ConvertFromInvariantString("192.0.2.1:5353");

        Assert.Equal(IPEndPoint.Parse("192.0.2.1:5353"), server!.EndPoint);
        Assert.Equal("192.0.2.1:5353", converter.ConvertToInvariantString(server));
    }

    [Fact]
    public void ImplicitConversion_AnEndPointAddsAsAServer()
    {
        var options = new ResolverOptions();

        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 5353));

        Assert.Equal(new IPEndPoint(IPAddress.Loopback, 5353), Assert.Single(options.Servers).EndPoint);
    }
}
