using System.Net;
using Dnssec.Resolver;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// resolv.conf as resolv.conf(5) and the C library read it: name servers (IPv4, IPv6, with a scope), comments, the
/// options a validating stub uses, malformed lines reported and skipped, the options it has no use for ignored.
/// </summary>
public class ResolvConfTests
{
    [Fact]
    public void Parse_NameserverLines_InOrderOnPort53()
    {
        ResolvConf conf = ResolvConf.Parse("nameserver 192.0.2.1\nnameserver 2001:db8::53\n");

        Assert.Equal([IPEndPoint.Parse("192.0.2.1:53"), IPEndPoint.Parse("[2001:db8::53]:53")], conf.NameServers);
        Assert.Empty(conf.Warnings);
    }

    [Theory]
    [InlineData("fe80::1%2", 2L, "a numeric scope is kept")]
    [InlineData("fe80::1%no-such-interface0", 0L, "an unknown interface name leaves the address unscoped")]
    public void Parse_Ipv6WithScope_TheAddressIsUsed(string address, long scope, string description)
    {
        ResolvConf conf = ResolvConf.Parse($"nameserver {address}\n");

        IPEndPoint server = Assert.Single(conf.NameServers);
        Assert.Equal(IPAddress.Parse("fe80::1").GetAddressBytes(), server.Address.GetAddressBytes());
        Assert.True(scope == server.Address.ScopeId, description);
        Assert.Equal(53, server.Port);
        Assert.Empty(conf.Warnings);
    }

    [Theory]
    [InlineData("# nameserver 192.0.2.9\nnameserver 192.0.2.1\n", "a line commented out with #")]
    [InlineData("; nameserver 192.0.2.9\nnameserver 192.0.2.1\n", "a line commented out with ;")]
    [InlineData("nameserver 192.0.2.1 # the office resolver\n", "a comment after the address")]
    [InlineData("nameserver 192.0.2.1;192.0.2.9\n", "a ; comment right after the address")]
    [InlineData("  nameserver\t192.0.2.1  \r\n", "tabs, spaces and CRLF")]
    [InlineData("\n\n   \nnameserver 192.0.2.1\n", "blank lines")]
    public void Parse_Comments_AreIgnored(string text, string description)
    {
        ResolvConf conf = ResolvConf.Parse(text);

        Assert.True(conf.NameServers.SequenceEqual([IPEndPoint.Parse("192.0.2.1:53")]), description);
        Assert.Empty(conf.Warnings);
    }

    [Theory]
    [InlineData("nameserver not-an-address\nnameserver 192.0.2.1\n", "'not-an-address' is not an IP address")]
    [InlineData("nameserver 192.0.2.1\noptions timeout:soon\n", "option timeout needs a number, not 'soon'")]
    [InlineData("nameserver 192.0.2.1\noptions attempts\n", "option attempts needs a number, not ''")]
    public void Parse_MalformedLine_ReportedWithItsLineAndTheRestUsed(string text, string warning)
    {
        ResolvConf conf = ResolvConf.Parse(text, "/etc/resolv.conf");

        Assert.Equal([IPEndPoint.Parse("192.0.2.1:53")], conf.NameServers);
        string reported = Assert.Single(conf.Warnings);
        Assert.StartsWith("/etc/resolv.conf:", reported, StringComparison.Ordinal);
        Assert.EndsWith(warning, reported, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(5), conf.Timeout);
        Assert.Equal(2, conf.Attempts);
    }

    [Theory]
    [InlineData("nameserver\n", "a nameserver line without an address")]
    [InlineData("nameservers 192.0.2.1\n", "an unknown keyword")]
    [InlineData("sortlist 130.155.160.0/255.255.240.0\n", "a keyword the stub does not use")]
    public void Parse_LineWithoutAUsableServer_Skipped(string text, string description)
    {
        ResolvConf conf = ResolvConf.Parse(text);

        Assert.True(conf.NameServers.Count == 0, description);
        Assert.Empty(conf.Warnings);
    }

    [Fact]
    public void Parse_MoreThanThreeServers_OnlyTheFirstThreeWithAWarning()
    {
        ResolvConf conf = ResolvConf.Parse("nameserver 192.0.2.1\nnameserver 192.0.2.2\nnameserver 192.0.2.3\nnameserver 192.0.2.4\n");

        Assert.Equal(ResolvConf.MaxNameServers, conf.NameServers.Count);
        Assert.DoesNotContain(IPEndPoint.Parse("192.0.2.4:53"), conf.NameServers);
        Assert.Contains("resolv.conf:4: name server 192.0.2.4 ignored", Assert.Single(conf.Warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Options_TimeoutAttemptsRotateAndUseVc()
    {
        ResolvConf conf = ResolvConf.Parse("nameserver 192.0.2.1\noptions timeout:3 attempts:4\noptions rotate use-vc\n");

        Assert.Equal(TimeSpan.FromSeconds(3), conf.Timeout);
        Assert.Equal(4, conf.Attempts);
        Assert.True(conf.Rotate);
        Assert.True(conf.UseTcp);
    }

    [Theory]
    [InlineData("options timeout:0 attempts:0", 1, 1, "below the minimum")]
    [InlineData("options timeout:99 attempts:9", 30, 5, "above the maximum")]
    [InlineData("", 5, 2, "the defaults")]
    public void Parse_OptionValues_CappedAsResolvConf5Says(string line, int timeout, int attempts, string description)
    {
        ResolvConf conf = ResolvConf.Parse(line + "\n");

        Assert.True(TimeSpan.FromSeconds(timeout) == conf.Timeout, description);
        Assert.True(attempts == conf.Attempts, description);
    }

    [Fact]
    public void Parse_UsevcSpelling_AlsoTurnsOnTcp()
    {
        Assert.True(ResolvConf.Parse("options usevc\n").UseTcp);
    }

    [Theory]
    [InlineData("search example.com example.net", "search")]
    [InlineData("domain example.com", "domain")]
    [InlineData("options ndots:5", "ndots")]
    [InlineData("options ndots:many", "ndots with a malformed value")]
    [InlineData("options edns0 trust-ad inet6", "edns0 and other options")]
    public void Parse_SettingsForRelativeNamesAndEdns_IgnoredWithoutWarning(string line, string description)
    {
        // A validating resolver is asked absolute names only and always sends EDNS(0).
        ResolvConf conf = ResolvConf.Parse($"nameserver 192.0.2.1\n{line}\n");

        Assert.True(conf.Warnings.Count == 0, description);
        Assert.Equal([IPEndPoint.Parse("192.0.2.1:53")], conf.NameServers);
        Assert.False(conf.Rotate || conf.UseTcp);
    }

    [Fact]
    public void Load_MissingFile_FileNotFound()
    {
        using var directory = new TemporaryDirectory();

        Assert.Throws<FileNotFoundException>(() => ResolvConf.Load(System.IO.Path.Combine(directory.Path, "resolv.conf")));
    }

    [Fact]
    public void Load_File_ParsedAndWarningsNameTheFile()
    {
        using var directory = new TemporaryDirectory();
        string path = directory.Write("resolv.conf", "nameserver 192.0.2.1\nnameserver bogus\n");

        ResolvConf conf = ResolvConf.Load(path);

        Assert.Equal([IPEndPoint.Parse("192.0.2.1:53")], conf.NameServers);
        Assert.StartsWith($"{path}:2:", Assert.Single(conf.Warnings), StringComparison.Ordinal);
    }
}
