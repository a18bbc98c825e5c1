using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Testing;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec resolve --server tls://…` with --tls-ca and --tls-pin, against a DNS over TLS server on loopback, and the errors for malformed values.</summary>
public sealed class ResolveTlsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resolve-tls").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Resolve_StrictTlsUpstreamByName_SecureAnswer()
    {
        (TlsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"tls://{server.EndPoint}#www.example.test",
                "--tls-ca", TestPki.Shared(TestKeyKind.Ecdsa).RootPemPath, "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 0, result.Combined);
            Assert.Contains("secure, NOERROR, via the upstream resolver, over TLS to an authenticated server", result.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Resolve_TlsUpstreamWithoutNameOrPin_AnswerAndWarningSayUnauthenticated()
    {
        (TlsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"tls://{server.EndPoint}", "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 0, result.Combined);
            Assert.Contains("via the upstream resolver, over TLS to an unauthenticated server (opportunistic profile)", result.Output, StringComparison.Ordinal);
            Assert.Contains("warning: the question went over TLS to a server that was not authenticated", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(true, "strict")]
    [InlineData(false, "opportunistic")]
    public async Task Resolve_Json_PrivacyNamesTheProfile(bool named, string privacy)
    {
        (TlsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"tls://{server.EndPoint}{(named ? "#www.example.test" : "")}",
                "--tls-ca", TestPki.Shared(TestKeyKind.Ecdsa).RootPemPath, "--anchors", rootKey, "--no-fallback", "--json");

            Assert.True(result.ExitCode == 0, result.Combined);
            using var json = System.Text.Json.JsonDocument.Parse(result.Output);
            Assert.Equal(privacy, json.RootElement.GetProperty("privacy").GetString());
        }
    }

    [Fact]
    public async Task Resolve_StrictTlsUpstreamByPin_SecureAnswer()
    {
        (TlsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            string pin = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa).Leaf).ToString();
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"tls://{server.EndPoint}", "--tls-pin", pin, "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 0, result.Combined);
        }
    }

    [Fact]
    public async Task Resolve_WrongPin_IndeterminateWithThePinMismatch()
    {
        (TlsDnsServer server, string rootKey) = Serve();
        await using (server)
        {
            string pin = SpkiPin.FromCertificate(TestPki.Shared(TestKeyKind.Ecdsa, 1).Leaf).ToString();
            ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", $"tls://{server.EndPoint}", "--tls-pin", pin, "--anchors", rootKey, "--no-fallback");

            Assert.True(result.ExitCode == 2, result.Combined);
            Assert.Contains("pin mismatch", result.Combined, StringComparison.Ordinal);
            Assert.Empty(server.QueryLengths);
        }
    }

    [Theory]
    [InlineData("--server tls://127.0.0.1#bad..name", "--server 'tls://127.0.0.1#bad..name': the authentication name 'bad..name' is not a domain name")]
    [InlineData("--server https://no-such-host.invalid/dns-query", "the address of no-such-host.invalid could not be looked up")]
    [InlineData("--server tls://127.0.0.1 --tls-pin sha256/AAAA", "--tls-pin: the pin 'sha256/AAAA' holds 3 octets")]
    [InlineData("--server tls://127.0.0.1 --tls-pin AAAA", "--tls-pin: the pin 'AAAA' does not start with sha256/")]
    [InlineData("--server 127.0.0.1 --tls-pin sha256/AAAA", "--tls-pin applies to tls:// upstreams")]
    [InlineData("--server tls://127.0.0.1#dns.example --tls-ca /nonexistent/ca.pem", "--tls-ca '/nonexistent/ca.pem' does not exist")]
    public void Resolve_MalformedTlsOption_ExitThreeNamingIt(string options, string message)
    {
        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", .. options.Split(' ')]);

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveHelp_NamesTheTlsOptions()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "--help");

        Assert.Contains("tls://IP[:PORT][#AUTH-NAME]", result.Output, StringComparison.Ordinal);
        Assert.Contains("--tls-ca", result.Output, StringComparison.Ordinal);
        Assert.Contains("--tls-pin", result.Output, StringComparison.Ordinal);
    }

    /// <summary>A private root → test. → example.test. hierarchy signed for now, behind a TLS recursive server with the shared ECDSA PKI's leaf.</summary>
    private (TlsDnsServer Server, string RootKey) Serve()
    {
        var zones = new ZoneHierarchy();
        zones.Zone(".");
        zones.Zone("test.");
        zones.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        zones.Build(DateTimeOffset.UtcNow);
        var authority = new InMemoryAuthority(zones.Authority);
        string rootKey = Path.Combine(_folder, "root.dnskey");
        File.WriteAllText(rootKey, RecordTextFormatter.Format(zones.KeySigningKeys[DnsName.Root].Dnskey) + "\n");
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        return (new TlsDnsServer(authority.Resolve, pki.Leaf, pki.Intermediate), rootKey);
    }
}
