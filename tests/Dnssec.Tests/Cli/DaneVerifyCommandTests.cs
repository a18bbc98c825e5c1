using System.Text.Json;
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

    [Fact]
    public async Task Verify_UnreachableAddressFirst_ReportsItTriesTheNextAndExitsThree()
    {
        // multi has ::1 (tried first, nothing listens there) and 127.0.0.1 (the server); as ldns-dane, every address must succeed.
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        await using Dns dns = Dns.Start(server.Port, "www", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result text = await Task.Run(() => CliRunner.Run("dane", "verify", "multi.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors));
        ExternalTool.Result json = await Task.Run(() => CliRunner.Run("dane", "verify", "multi.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors, "--json"));

        Assert.True(text.ExitCode == 3, text.Combined);
        Assert.Contains($"multi.example.test[::1]: unreachable: cannot connect to multi.example.test[::1]:{server.Port}", text.Output, StringComparison.Ordinal);
        Assert.Contains("multi.example.test[127.0.0.1]: verified TLS connection (DANE)", text.Output, StringComparison.Ordinal);
        Assert.Contains("multi.example.test: 1 of 2 address(es) could not be reached", text.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 3, json.Combined);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        JsonElement top = document.RootElement;
        Assert.Equal("unreachable", top.GetProperty("verdict").GetString());
        Assert.False(top.GetProperty("ok").GetBoolean());
        JsonElement[] attempts = [.. top.GetProperty("attempts").EnumerateArray()];
        Assert.Equal(2, attempts.Length);
        Assert.Equal("::1", attempts[0].GetProperty("address").GetString());
        Assert.False(attempts[0].GetProperty("connected").GetBoolean());
        Assert.Equal("unreachable", attempts[0].GetProperty("outcome").GetString());
        Assert.Equal("io", attempts[0].GetProperty("error").GetProperty("code").GetString());
        Assert.Equal("connect", attempts[0].GetProperty("error").GetProperty("stage").GetString());
        Assert.Equal("127.0.0.1", attempts[1].GetProperty("address").GetString());
        Assert.Equal("authenticated", attempts[1].GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, attempts[1].GetProperty("error").ValueKind);
    }

    [Fact]
    public async Task VerifyJson_Authenticated_EveryFieldOfTheSchema()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        await using Dns dns = Dns.Start(server.Port, "www", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "www.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors, "--json"));

        Assert.True(run.ExitCode == 0, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement top = document.RootElement;
        Assert.Equal("schemaVersion", top.EnumerateObject().First().Name);
        Assert.Equal(1, top.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("www.example.test", top.GetProperty("host").GetString());
        Assert.Equal(server.Port, top.GetProperty("port").GetInt32());
        Assert.Equal(JsonValueKind.Null, top.GetProperty("sni").ValueKind);
        JsonElement tlsa = top.GetProperty("tlsa");
        Assert.Equal("dane", tlsa.GetProperty("status").GetString());
        Assert.Equal(TlsaText.Format(TlsaRecords.For(pki.Intermediate, 2, 1, 1)), Assert.Single(tlsa.GetProperty("records").EnumerateArray()).GetString());
        JsonElement attempt = Assert.Single(top.GetProperty("attempts").EnumerateArray());
        Assert.Equal("www.example.test", attempt.GetProperty("host").GetString());
        Assert.Equal("127.0.0.1", attempt.GetProperty("address").GetString());
        Assert.True(attempt.GetProperty("connected").GetBoolean());
        Assert.True(attempt.GetProperty("tls").GetBoolean());
        JsonElement dane = attempt.GetProperty("dane");
        Assert.True(dane.GetProperty("authenticated").GetBoolean());
        Assert.Equal(1, dane.GetProperty("depth").GetInt32());
        Assert.StartsWith("2 1 1 ", dane.GetProperty("matched").GetString(), StringComparison.Ordinal);
        JsonElement[] chain = [.. attempt.GetProperty("chain").EnumerateArray()];
        Assert.Equal(2, chain.Length);
        Assert.Equal(pki.Leaf.Subject, chain[0].GetProperty("subject").GetString());
        Assert.Equal(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(pki.Leaf.RawData)), chain[0].GetProperty("sha256").GetString());
        Assert.Equal("authenticated", top.GetProperty("verdict").GetString());
        Assert.True(top.GetProperty("ok").GetBoolean());
        Assert.False(top.TryGetProperty("transcript", out _));
        // Subjects keep their '=' as they are (the relaxed encoder, JSON.md).
        Assert.Contains("\"CN=www.example.test\"", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyJson_ForgedTlsa_RefusedExitTwo()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        await using Dns dns = Dns.Start(server.Port, "www", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "wrong.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors, "--json"));

        Assert.True(run.ExitCode == 2, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal("refused", document.RootElement.GetProperty("verdict").GetString());
        JsonElement attempt = Assert.Single(document.RootElement.GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("connected").GetBoolean());
        Assert.False(attempt.GetProperty("tls").GetBoolean());
        Assert.Equal("refused", attempt.GetProperty("outcome").GetString());
        Assert.False(attempt.GetProperty("dane").GetProperty("authenticated").GetBoolean());
        Assert.Equal("NoMatch", attempt.GetProperty("dane").GetProperty("failure").GetString());
        Assert.Equal(2, attempt.GetProperty("chain").GetArrayLength());
    }

    [Fact]
    public async Task Verify_Sni_NamesTheCertificateMustCarryWhileTheTlsaStaysAtHost()
    {
        // alias's DANE-TA record matches, but the leaf names only www.example.test: a name check RFC 7671 §5.2.2 demands.
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);
        await using Dns dns = Dns.Start(server.Port, "www", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result without = await Task.Run(() => CliRunner.Run("dane", "verify", "alias.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors));
        ExternalTool.Result with = await Task.Run(() => CliRunner.Run("dane", "verify", "alias.example.test", Port(server.Port), "--server", dns.Server, "--anchors", anchors, "--sni", "www.example.test", "--json"));

        Assert.True(without.ExitCode == 2, without.Combined);
        Assert.Contains("NameMismatch", without.Output, StringComparison.Ordinal);
        Assert.True(with.ExitCode == 0, with.Combined);
        using JsonDocument document = JsonDocument.Parse(with.Output);
        Assert.Equal("www.example.test", document.RootElement.GetProperty("sni").GetString());
        Assert.Contains("_" + Port(server.Port) + "._tcp.alias.example.test", document.RootElement.GetProperty("tlsa").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_SilentServer_TimeoutNamesTheStageAndAddress()
    {
        // Accepts, reads the ClientHello and never answers, until the client gives up and closes.
        await using var silent = new LoopbackListener(async (client, cancellationToken) =>
        {
            using (client)
            {
                byte[] buffer = new byte[4096];
                while (await client.GetStream().ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }
        });
        await using Dns dns = Dns.Start(silent.Port, "www", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result text = await Task.Run(() => CliRunner.Run("dane", "verify", "www.example.test", Port(silent.Port), "--server", dns.Server, "--anchors", anchors, "--timeout", "1"));
        ExternalTool.Result json = await Task.Run(() => CliRunner.Run("dane", "verify", "www.example.test", Port(silent.Port), "--server", dns.Server, "--anchors", anchors, "--timeout", "1", "--json"));

        Assert.True(text.ExitCode == 3, text.Combined);
        Assert.Contains($"www.example.test[127.0.0.1]:{silent.Port}: no TLS handshake within --timeout 1 s", text.Output, StringComparison.Ordinal);
        Assert.True(json.ExitCode == 3, json.Combined);
        using JsonDocument document = JsonDocument.Parse(json.Output);
        JsonElement error = Assert.Single(document.RootElement.GetProperty("attempts").EnumerateArray()).GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.Equal("handshake", error.GetProperty("stage").GetString());
    }

    [Fact]
    public async Task VerifyJson_SilentDns_TimeoutErrorObject()
    {
        using var directory = new TemporaryDirectory();
        await using var root = new LoopbackRoot(directory.Path, DateTimeOffset.UtcNow, (_, _) => []);

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "www.example.test", "443", "--server", root.Stub[1], "--anchors", root.RootKeyFile, "--timeout", "1", "--json"));

        Assert.True(run.ExitCode == 3, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal(1, document.RootElement.GetProperty("schemaVersion").GetInt32());
        JsonElement error = document.RootElement.GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.Equal("www.example.test: the address and TLSA lookups took longer than --timeout 1 s", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task VerifyJson_SmtpMxWithHelo_LevelMxHostTranscriptAndEveryAddress()
    {
        // The MX host has ::1 (nothing listens) before 127.0.0.1: the client reports the refusal and goes on.
        using TestPki pki = TestPki.Create(TestKeyKind.Ecdsa, ["mx.example.test"]);
        await using var server = new SmtpTestServer(pki.Leaf, [pki.Intermediate]);
        await using Dns dns = Dns.Start(server.Port, "mx", "mx", pki, "mx AAAA ::1");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "example.test", Port(server.Port), "--starttls", "smtp", "--mx", "--helo", "client.example.test", "--server", dns.Server, "--anchors", anchors, "--json"));

        Assert.True(run.ExitCode == 3, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement top = document.RootElement;
        Assert.Equal(1, top.GetProperty("schemaVersion").GetInt32());
        Assert.Equal("dane", top.GetProperty("level").GetString());
        Assert.Equal("dane", top.GetProperty("effectiveLevel").GetString());
        Assert.Equal("mx.example.test", top.GetProperty("mxHost").GetString());
        Assert.True(top.GetProperty("delivered").GetBoolean());
        Assert.Contains(top.GetProperty("transcript").EnumerateArray(), line => line.GetString() == "> EHLO client.example.test");
        // The transcript's '<' and '>' are not escaped as \u003C and \u003E.
        Assert.Contains("\"> EHLO client.example.test\"", run.Output, StringComparison.Ordinal);
        JsonElement[] attempts = [.. top.GetProperty("attempts").EnumerateArray()];
        Assert.Equal(2, attempts.Length);
        Assert.Equal("::1", attempts[0].GetProperty("address").GetString());
        Assert.Equal("unreachable", attempts[0].GetProperty("outcome").GetString());
        Assert.Equal("127.0.0.1", attempts[1].GetProperty("address").GetString());
        Assert.Equal("authenticated", attempts[1].GetProperty("outcome").GetString());
        Assert.True(attempts[1].GetProperty("dane").GetProperty("authenticated").GetBoolean());
        Assert.Equal("unreachable", top.GetProperty("verdict").GetString());
    }

    [Fact]
    public async Task VerifyJson_SmtpServerNeverGreets_TimeoutInTheSession()
    {
        await using var silent = new LoopbackListener(async (client, cancellationToken) =>
        {
            using (client)
            {
                byte[] buffer = new byte[4096];
                while (await client.GetStream().ReadAsync(buffer, cancellationToken) > 0)
                {
                }
            }
        });
        await using Dns dns = Dns.Start(silent.Port, "mx", "mx");
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "example.test", Port(silent.Port), "--starttls", "smtp", "--mx", "--timeout", "1", "--server", dns.Server, "--anchors", anchors, "--json"));

        Assert.True(run.ExitCode == 3, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        Assert.Equal("unreachable", document.RootElement.GetProperty("verdict").GetString());
        JsonElement attempt = Assert.Single(document.RootElement.GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("connected").GetBoolean());
        JsonElement error = attempt.GetProperty("error");
        Assert.Equal("timeout", error.GetProperty("code").GetString());
        Assert.Equal("session", error.GetProperty("stage").GetString());
        Assert.Equal("session with mx.example.test[127.0.0.1] failed: no progress within 1 s", error.GetProperty("message").GetString());
    }

    [Theory]
    [InlineData("--helo needs --starttls smtp", "--helo", "client.example.test")]
    [InlineData("--helo 'bad_name.example' is not a host name: the label 'bad_name' has a character other than a letter, a digit or a hyphen", "--starttls", "smtp", "--helo", "bad_name.example")]
    [InlineData("--helo '-x.example' is not a host name: the label '-x' starts or ends with a hyphen", "--starttls", "smtp", "--helo", "-x.example")]
    [InlineData("--sni cannot be used with --mx: each MX host is its own server name (RFC 7672 §3.2.2)", "--starttls", "smtp", "--mx", "--sni", "mx.example.test")]
    [InlineData("--sni 'a b' is not a host name: the label 'a\\032b' has a character other than a letter, a digit or a hyphen", "--sni", "a b")]
    [InlineData("--timeout 0 is not a positive number of seconds", "--timeout", "0")]
    public void VerifyJson_Misused_UsageErrorObjectAndStderr(string message, params string[] options)
    {
        ExternalTool.Result run = CliRunner.Run(["dane", "verify", "example.test", "25", .. options, "--json"]);

        Assert.True(run.ExitCode == 3, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement error = document.RootElement.GetProperty("error");
        Assert.Equal("usage", error.GetProperty("code").GetString());
        Assert.Equal(message, error.GetProperty("message").GetString());
        Assert.Contains($"dnssec dane verify: {message}", run.Error, StringComparison.Ordinal);
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A signed hierarchy (valid for a year, as the tool runs on the real clock) behind a loopback DNS server.</summary>
    internal sealed class Dns : IAsyncDisposable
    {
        private readonly HostileServer _server;

        private Dns(HostileServer server, string anchorLine)
        {
            _server = server;
            AnchorLine = anchorLine;
        }

        public string AnchorLine { get; }

        public string Server => $"127.0.0.1:{_server.EndPoint.Port}";

        /// <param name="port">The port the TLSA records are published for.</param>
        /// <param name="host">The host whose TLSA record matches the PKI's intermediate (DANE-TA).</param>
        /// <param name="mxHost">The MX host of example.test.</param>
        /// <param name="pki">The PKI the good record names; the shared ECDSA one when null.</param>
        /// <param name="extra">More records for example.test.</param>
        public static Dns Start(int port, string host, string mxHost, TestPki? pki = null, string extra = "")
        {
            TestPki signer = pki ?? TestPki.Shared(TestKeyKind.Ecdsa);
            string good = TlsaText.Format(TlsaRecords.For(signer.Intermediate, 2, 1, 1));
            string leaf = TlsaText.Format(TlsaRecords.For(signer.Leaf, 3, 1, 1));
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
                    multi A 127.0.0.1
                    multi AAAA ::1
                    _{port}._tcp.multi TLSA {leaf}
                    alias A 127.0.0.1
                    _{port}._tcp.alias TLSA {good}
                    {extra}
                    """;
            });
            hierarchy.Build();
            var server = new HostileServer(hierarchy.Authority, (query, response) => [HostileServer.Honest(query, response)], tcp: true);
            return new Dns(server, RecordTextFormatter.Format(hierarchy.KeySigningKeys[DnsName.Root].Dnskey));
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
