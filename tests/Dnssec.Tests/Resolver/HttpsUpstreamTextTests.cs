using System.Net;
using Dnssec.Resolver;

namespace Dnssec.Tests.Resolver;

/// <summary>The text form of DNS over HTTPS upstreams that needs no lookup: <c>https://IP[:PORT]/PATH[#AUTH-NAME]</c>, <c>https://NAME[:PORT]/PATH#IP</c> and localhost (a name alone: <see cref="HttpsUpstreamLookupTests"/>).</summary>
public class HttpsUpstreamTextTests
{
    [Theory]
    [InlineData("https://192.0.2.1/dns-query", "192.0.2.1:443", null, "https://192.0.2.1/dns-query", "an IPv4 address, default port")]
    [InlineData("https://192.0.2.1:8443/dns-query#dns.example", "192.0.2.1:8443", "dns.example", "https://192.0.2.1:8443/dns-query", "an address, a port and an authentication name")]
    [InlineData("https://[2001:db8::1]/q?ct", "[2001:db8::1]:443", null, "https://[2001:db8::1]/q?ct", "an IPv6 address and a query")]
    [InlineData("https://dns.example/dns-query#192.0.2.9", "192.0.2.9:443", "dns.example", "https://dns.example/dns-query", "a name and its address")]
    [InlineData("https://no-such-host.invalid/dns-query#192.0.2.9", "192.0.2.9:443", "no-such-host.invalid", "https://no-such-host.invalid/dns-query", "a name that never resolves (RFC 6761 §6.4), readable only because #IP spares the lookup")]
    [InlineData("https://localhost:8443/dns-query", "127.0.0.1:8443", "localhost", "https://localhost:8443/dns-query", "localhost, the loopback address by definition (RFC 6761), with no address given")]
    [InlineData("HTTPS://Dns.Example.:5443/dns-query#2001:db8::9", "[2001:db8::9]:5443", "dns.example", "https://dns.example.:5443/dns-query", "a name with a port and an IPv6 address")]
    public void Parse_HttpsUpstream_AddressNameAndUrl(string text, string endPoint, string? name, string url, string description)
    {
        UpstreamServer server = UpstreamServer.Parse(text);

        Assert.Equal(UpstreamProtocol.Https, server.Protocol);
        Assert.True(IPEndPoint.Parse(endPoint).Equals(server.EndPoint), $"{description}: {server.EndPoint}");
        Assert.Equal(name, server.AuthenticationName);
        Assert.Equal(url, server.HttpsUrl!.AbsoluteUri);
        Assert.False(server.AddressLookedUp, description);
        Assert.Equal(server.EndPoint, UpstreamServer.Parse(server.ToString()).EndPoint);
        Assert.Equal(server.AuthenticationName, UpstreamServer.Parse(server.ToString()).AuthenticationName);
        Assert.Equal(server.HttpsUrl, UpstreamServer.Parse(server.ToString()).HttpsUrl);
    }

    [Theory]
    [InlineData("https://dns.example/dns-query#other.example", "is not the IP address of dns.example", "a name after a name")]
    [InlineData("https://192.0.2.1", "has no path", "no path")]
    [InlineData("https://192.0.2.1/", "has no path", "the root path")]
    [InlineData("https://192.0.2.1/q?dns=AAAA", "already carries dns=", "a dns variable of its own")]
    [InlineData("https://user:pw@192.0.2.1/dns-query", "no user name or password", "credentials")]
    [InlineData("https://192.0.2.1:0/dns-query", "out of range", "port 0")]
    [InlineData("https://192.0.2.1/dns-query#bad..name", "is not a domain name", "an empty label in the name")]
    [InlineData("https://192.0.2.1/dns-query#192.0.2.2", "is not a domain name", "an address after an address")]
    [InlineData("https:///dns-query", "is not https://HOST[:PORT]/PATH", "no host")]
    [InlineData("https://bad..name/dns-query#192.0.2.1", "https://", "an empty label in the host")]
    public void TryParse_MalformedHttpsUpstream_FalseWithTheReason(string text, string problem, string description)
    {
        Assert.False(UpstreamServer.TryParse(text, out _, out string? reason), description);
        Assert.True(reason.Contains(problem, StringComparison.Ordinal), $"{description}: {reason}");
        Assert.Contains(problem, Assert.Throws<FormatException>(() => UpstreamServer.Parse(text)).Message, StringComparison.Ordinal);
    }
}
