using System.ComponentModel;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Microsoft.Extensions.Configuration;

namespace Dnssec.Tests.Resolver;

/// <summary>DNS over TLS upstreams and SPKI pins written as text, as configuration files and the command line give them.</summary>
public class TlsUpstreamTextTests
{
    [Theory]
    [InlineData("tls://192.0.2.1", "192.0.2.1:853", null, "IPv4, the default port 853")]
    [InlineData("tls://192.0.2.1:8853", "192.0.2.1:8853", null, "IPv4 with a port")]
    [InlineData("TLS://192.0.2.1#dns.example", "192.0.2.1:853", "dns.example", "an authentication name, the scheme in capitals")]
    [InlineData("tls://[2001:db8::1]:853#dns.example.", "[2001:db8::1]:853", "dns.example", "IPv6 with a port and a name with its final dot")]
    [InlineData("tls://2001:db8::1", "[2001:db8::1]:853", null, "IPv6 without brackets")]
    [InlineData(" tls://192.0.2.1#dns.example ", "192.0.2.1:853", "dns.example", "surrounding blanks")]
    public void TryParse_TlsUpstream_EndPointAndName(string text, string endPoint, string? name, string description)
    {
        Assert.True(UpstreamServer.TryParse(text, out UpstreamServer? server, out string? problem), $"{description}: {problem}");
        Assert.Equal(UpstreamProtocol.Tls, server.Protocol);
        Assert.Equal(IPEndPoint.Parse(endPoint), server.EndPoint);
        Assert.Equal(name, server.AuthenticationName);
    }

    [Theory]
    [InlineData("tls://", "is not IP[:PORT]", "no address")]
    [InlineData("tls://dns.example", "is not IP[:PORT]", "a host name in place of the address")]
    [InlineData("tls://192.0.2.1:0", "is not IP[:PORT]", "port 0")]
    [InlineData("tls://192.0.2.1#", "authentication name '' is not a domain name", "an empty name")]
    [InlineData("tls://192.0.2.1#bad..name", "is not a domain name", "an empty label")]
    [InlineData("tls://192.0.2.1#192.0.2.1", "is not a domain name", "an address as the name")]
    [InlineData("quic://192.0.2.1", "has a scheme other than tls:// or https://", "DNS over QUIC")]
    public void TryParse_MalformedTlsUpstream_FalseWithTheReason(string text, string problem, string description)
    {
        Assert.False(UpstreamServer.TryParse(text, out _, out string? reason), description);
        Assert.Contains(problem, reason, StringComparison.Ordinal);
        Assert.Contains(problem, Assert.Throws<FormatException>(() => UpstreamServer.Parse(text)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tls://192.0.2.1#dns.example", "tls://192.0.2.1:853#dns.example")]
    [InlineData("tls://[2001:db8::1]:8853", "tls://[2001:db8::1]:8853")]
    public void ToString_TlsUpstream_ParsesBackToTheSame(string text, string shown)
    {
        UpstreamServer server = UpstreamServer.Parse(text);

        Assert.Equal(shown, server.ToString());
        Assert.Equal(server, UpstreamServer.Parse(server.ToString()));
    }

    [Fact]
    public void Binder_TlsServersAndPins_ReadFromConfiguration()
    {
        string pin = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa).Leaf).ToString();
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Servers:0"] = "tls://192.0.2.1#dns.example",
            ["Servers:1"] = "192.0.2.2",
            ["TlsCaFile"] = "/etc/dns-ca.pem",
            ["TlsPins:0"] = pin,
        }).Build();
        var options = new ResolverOptions();

        configuration.Bind(options);

        Assert.Equal(["tls://192.0.2.1:853#dns.example", "192.0.2.2:53"], options.Servers.Select(server => server.ToString()));
        Assert.Equal("/etc/dns-ca.pem", options.TlsCaFile);
        Assert.Equal([pin], options.TlsPins);
    }

    [Fact]
    public void TypeConverter_TlsUpstream_ConvertsFromString()
    {
        TypeConverter converter = TypeDescriptor.GetConverter(typeof(UpstreamServer));

        var server = (UpstreamServer?)converter.ConvertFromInvariantString("tls://192.0.2.1:8853#dns.example");

        Assert.Equal(UpstreamProtocol.Tls, server!.Protocol);
        Assert.Equal("tls://192.0.2.1:8853#dns.example", converter.ConvertToInvariantString(server));
    }

    [Fact]
    public void SpkiPin_ParseOfToString_SameDigest()
    {
        SpkiPin pin = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa).Leaf);

        SpkiPin again = SpkiPin.Parse(pin.ToString());

        Assert.Equal(pin, again);
        Assert.Equal(32, again.Digest.Length);
        Assert.True(again.Matches(TestPki.Shared(TestKeyKind.Ecdsa).Leaf));
        Assert.False(again.Matches(TestPki.Shared(TestKeyKind.Ecdsa).Intermediate));
    }

    [Theory]
    [InlineData("pin-sha256=\"AAAA\"", "does not start with sha256/", "the HPKP header form")]
    [InlineData("sha1/AAAAAAAAAAAAAAAAAAAAAAAAAAA=", "does not start with sha256/", "another digest")]
    [InlineData("sha256/not base64!", "is not Base64", "not Base64")]
    [InlineData("sha256/AAAA", "holds 3 octets", "too short a digest")]
    public void SpkiPin_Malformed_FormatExceptionNamingThePart(string text, string problem, string description)
    {
        Assert.False(SpkiPin.TryParse(text, out _), description);
        Assert.Contains(problem, Assert.Throws<FormatException>(() => SpkiPin.Parse(text)).Message, StringComparison.Ordinal);
    }
}
