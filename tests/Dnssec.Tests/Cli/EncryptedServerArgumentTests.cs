using Dnssec.Presentation;
using Dnssec.Tests.Dane;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Testing;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>
/// The commands that take servers outside <c>UpstreamArguments.TryApply</c>: a tls:// form must either be used as DNS
/// over TLS or refused, never read as its bare address, which would send the questions in clear text to port 853.
/// </summary>
public sealed class EncryptedServerArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("encrypted-arguments").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Resolve_ForwardZoneWithTlsServer_RefusedRatherThanAskedInClearText()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "www.example.", "--forward-zone", "example.=tls://127.0.0.1");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains("'tls://127.0.0.1' is not IP[:PORT]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DaneVerify_TlsUpstream_LookupsAskedOverTlsAndPadded()
    {
        var zones = new ZoneHierarchy();
        zones.Zone(".");
        zones.Zone("test.");
        zones.Zone("example.test.", z => z.Records = "www A 127.0.0.1");
        zones.Build(DateTimeOffset.UtcNow);
        string rootKey = Path.Combine(_folder, "root.dnskey");
        File.WriteAllText(rootKey, RecordTextFormatter.Format(zones.KeySigningKeys[DnsName.Root].Dnskey) + "\n");
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsDnsServer(new InMemoryAuthority(zones.Authority).Resolve, pki.Leaf, pki.Intermediate);

        // Port 9 on loopback refuses the connection, so the verdict is exit 3; what matters is how the lookups went.
        ExternalTool.Result result = CliRunner.Run("dane", "verify", "www.example.test", "9", "--server", $"tls://{server.EndPoint}", "--anchors", rootKey, "--json", "--timeout", "10");

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.DoesNotContain("\"failed\"", result.Output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", result.Output, StringComparison.Ordinal);
        Assert.NotEmpty(server.QueryLengths);
        Assert.All(server.QueryLengths, length => Assert.Equal(0, length % 128));
    }
}
