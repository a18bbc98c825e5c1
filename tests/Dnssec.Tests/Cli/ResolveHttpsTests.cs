using System.Net;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Testing;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec resolve --server https://…` with --tls-ca and --tls-pin, against a DNS over HTTPS server on loopback, and the errors for malformed URLs.</summary>
public sealed class ResolveHttpsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resolve-https").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Resolve_StrictHttpsUpstreamByName_SecureAnswer()
    {
        (HttpsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"https://www.example.test:{server.EndPoint.Port}/dns-query#127.0.0.1",
                "--tls-ca", TestPki.Shared(TestKeyKind.Ecdsa).RootPemPath, "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 0, result.Combined);
            Assert.Contains("secure", result.Output, StringComparison.Ordinal);
            Assert.NotEmpty(server.Requests);
        }
    }

    [Fact]
    public async Task Resolve_HttpsUpstreamNamedWithoutAddress_SecureAnswerAndAWarningOfTheLookup()
    {
        using var pki = TestPki.Create(TestKeyKind.Ecdsa, [LocalHostName.Name]);
        (HttpsDnsServer server, string rootKey) = Serve(pki, LocalHostName.Address);
        await using (server)
        {
            string url = $"https://{LocalHostName.Name}:{server.EndPoint.Port}/dns-query";
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", url, "--tls-ca", pki.RootPemPath, "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 0, result.Combined);
            Assert.Contains("secure", result.Output, StringComparison.Ordinal);
            Assert.Contains(
                $"dnssec resolve: warning: --server {url}: the address of {LocalHostName.Name} ({LocalHostName.Address}) was looked up in clear text through the system resolver, "
                + $"which learned which encrypted resolver is used; write --server {url}#{LocalHostName.Address} to avoid the lookup",
                result.Error,
                StringComparison.Ordinal);
            Assert.NotEmpty(server.Requests);
        }
    }

    [Fact]
    public void Resolve_HttpsUpstreamNameThatDoesNotResolve_ExitThreeNamingHostAndRemedy()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", "https://no-such-host.invalid/dns-query", "--no-fallback");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("--server 'https://no-such-host.invalid/dns-query': the address of no-such-host.invalid could not be looked up through the system resolver (", result.Error, StringComparison.Ordinal);
        Assert.Contains("give it after #, as in https://no-such-host.invalid/dns-query#192.0.2.1", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("warning", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_WrongPin_IndeterminateWithThePinMismatch()
    {
        (HttpsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            string pin = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa, 1).Leaf).ToString();
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"https://{server.EndPoint}/dns-query", "--tls-pin", pin, "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 2, result.Combined);
            Assert.Contains("pin mismatch", result.Combined, StringComparison.Ordinal);
            Assert.Empty(server.Requests);
        }
    }

    [Theory]
    [InlineData("--server https://127.0.0.1", "has no path")]
    [InlineData("--server https://127.0.0.1/dns-query#bad..name", "the authentication name 'bad..name' is not a domain name")]
    [InlineData("--server 127.0.0.1 --tls-ca /etc/hostname", "--tls-ca applies to tls:// upstreams and https:// upstreams")]
    [InlineData("--forward-zone example.test=https://127.0.0.1/dns-query", "'https://127.0.0.1/dns-query' is not IP[:PORT]")]
    public void Resolve_MalformedHttpsOption_ExitThreeNamingIt(string options, string message)
    {
        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", .. options.Split(' ')]);

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("resolve")]
    [InlineData("serve")]
    public void Help_NamesTheHttpsForm(string command)
    {
        ExternalTool.Result result = CliRunner.Run(command, "--help");

        Assert.Contains("https://HOST[:PORT]/PATH", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A private root → test. → example.test. hierarchy signed for now, behind an HTTPS recursive server on loopback with the shared ECDSA PKI's leaf.</summary>
    private (HttpsDnsServer Server, string RootKey) Serve() => Serve(TestPki.Shared(TestKeyKind.Ecdsa), IPAddress.Loopback);

    /// <summary>The same hierarchy behind an HTTPS recursive server on <paramref name="address"/> with <paramref name="pki"/>'s leaf.</summary>
    private (HttpsDnsServer Server, string RootKey) Serve(TestPki pki, IPAddress address)
    {
        var zones = new ZoneHierarchy();
        zones.Zone(".");
        zones.Zone("test.");
        zones.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        zones.Build(DateTimeOffset.UtcNow);
        var authority = new InMemoryAuthority(zones.Authority);
        string rootKey = Path.Combine(_folder, "root.dnskey");
        File.WriteAllText(rootKey, RecordTextFormatter.Format(zones.KeySigningKeys[DnsName.Root].Dnskey) + "\n");
        return (new HttpsDnsServer(address, authority.Resolve, pki.Leaf, pki.Intermediate), rootKey);
    }
}
