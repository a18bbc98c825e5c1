using Dnssec.Dane;
using Dnssec.Presentation;
using Dnssec.Tests.Dane;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Cli;

/// <summary>
/// `dnssec dane verify` as a separate process against loopback servers, its DNS from a signed hierarchy served over
/// UDP and TCP on loopback, its trust anchor the hierarchy's root key.
/// </summary>
public sealed class DaneVerifyCommandTests
{
    [Fact]
    public async Task Verify_DirectTls_AuthenticatesAGoodRecordAndRefusesAWrongOne()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        await using Dns dns = Dns.Start(server.Port, "www", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result good = await Task.Run(() => CliRunner.Run("dane", "verify", "www.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors));
        Assert.True(good.ExitCode == 0, good.Combined);
        Assert.Contains("verified TLS connection (DANE)", good.Output, StringComparison.Ordinal);
        Assert.Contains("at depth 1", good.Output, StringComparison.Ordinal);

        ExternalTool.Result wrong = await Task.Run(() => CliRunner.Run("dane", "verify", "wrong.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors));
        Assert.True(wrong.ExitCode == 2, wrong.Combined);
        Assert.Contains("NoMatch", wrong.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_StartTlsSmtpWithMx_FollowsTheMxAndAuthenticates()
    {
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa, ["mx.example.test"]);
        await using var server = new SmtpTestServer(pki.Leaf, [pki.Intermediate]);
        await using Dns dns = Dns.Start(server.Port, "mx", "mx", pki);
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "example.test", Port(server.Port), "--starttls", "smtp", "--mx", "--server", dns.Server, "--anchors", anchors));
        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Contains("> STARTTLS", run.Output, StringComparison.Ordinal);
        Assert.Contains("mx.example.test: TLS session at level dane", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MxWithoutStartTls_IsAUsageError()
    {
        ExternalTool.Result run = CliRunner.Run("dane", "verify", "example.test", "25", "--mx");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains("--mx needs --starttls smtp", run.Error, StringComparison.Ordinal);
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A signed hierarchy (valid for a year, as the tool runs on the real clock) behind a loopback DNS server.</summary>
    private sealed class Dns : IAsyncDisposable
    {
        private readonly HostileServer _server;

        private Dns(HostileServer server, string anchorLine)
        {
            _server = server;
            AnchorLine = anchorLine;
        }

        public string AnchorLine { get; }

        public string Server => $"127.0.0.1:{_server.EndPoint.Port}";

        public static Dns Start(int port, string host, string mxHost, TestPki? pki = null)
        {
            TestPki signer = pki ?? TestPki.Shared(TestKeyKind.Ecdsa);
            string good = TlsaText.Format(TlsaRecords.For(signer.Intermediate, 2, 1, 1));
            string wrong = TlsaText.Format(TlsaRecords.For(TestPki.Shared(TestKeyKind.Ecdsa, 1).Intermediate, 2, 1, 1));
            var hierarchy = new TestHierarchy();
            foreach (string zone in new[] { ".", "test." })
            {
                hierarchy.Zone(zone, z => z.ExpirationOffset = TimeSpan.FromDays(400));
            }

            hierarchy.Zone("example.test.", z =>
            {
                z.ExpirationOffset = TimeSpan.FromDays(400);
                z.Records = $"""
                    @ MX 10 {mxHost}
                    {host} A 127.0.0.1
                    _{port}._tcp.{host} TLSA {good}
                    {(mxHost == host ? "" : $"{mxHost} A 127.0.0.1")}
                    wrong A 127.0.0.1
                    _{port}._tcp.wrong TLSA {wrong}
                    """;
            });
            hierarchy.Build();
            var server = new HostileServer(hierarchy.Authority, (query, response) => [HostileServer.Honest(query, response)], tcp: true);
            return new Dns(server, RecordTextFormatter.Format(hierarchy.KeySigningKeys[DnsName.Root].Dnskey));
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
