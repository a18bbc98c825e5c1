using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Tests.Dane;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec tlsa`'s RFC 7218 names and `--from HOST:PORT [--starttls smtp]` (ldns-dane create) against real handshakes on loopback.</summary>
public sealed class TlsaFromTests
{
    [Theory]
    [InlineData("DANE-EE", "SPKI", "SHA2-256", "3 1 1")]
    [InlineData("dane-ta", "cert", "full", "2 0 0")]
    [InlineData("PKIX-EE", "Cert", "Sha2-512", "1 0 2")]
    [InlineData("PKIX-TA", "1", "SHA2-256", "0 1 1")]
    public void Tlsa_NamedForms_PrintTheSameRecordAsTheNumbers(string usage, string selector, string matchingType, string numbers)
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        string[] fields = numbers.Split(' ');

        ExternalTool.Result named = CliRunner.Run("tlsa", pki.LeafPemPath, "--usage", usage, "--selector", selector, "--mtype", matchingType);
        ExternalTool.Result numbered = CliRunner.Run("tlsa", pki.LeafPemPath, "--usage", fields[0], "--selector", fields[1], "--mtype", fields[2]);

        Assert.True(named.ExitCode == 0, named.Combined);
        Assert.StartsWith(numbers + " ", named.Output, StringComparison.Ordinal);
        Assert.Equal(numbered.Output, named.Output);
    }

    [Theory]
    [InlineData("--usage", "DANE-XX")]
    [InlineData("--selector", "SPKI2")]
    [InlineData("--mtype", "SHA2-384")]
    public void Tlsa_UnknownName_ExitThreeListingTheNames(string option, string value)
    {
        ExternalTool.Result run = CliRunner.Run("tlsa", TestPki.Shared(TestKeyKind.Ecdsa).LeafPemPath, option, value);

        Assert.True(run.ExitCode == 3, run.Combined);
        Assert.Contains("PKIX-TA, PKIX-EE, DANE-TA, DANE-EE", run.Error, StringComparison.Ordinal);
        Assert.Contains(value, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsaFrom_TlsServer_PrintsTheLeafRecordOwnedByTheService()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);

        ExternalTool.Result run = CliRunner.Run("tlsa", "--from", $"localhost:{server.Port}");

        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Equal($"_{server.Port}._tcp.localhost. IN TLSA {Expected(pki.Leaf, TlsaUsage.DANEEE, TlsaSelector.SPKI, TlsaMatchingType.SHA2256)}", run.Output.Trim());
    }

    [Fact]
    public async Task TlsaFrom_DaneTa_TakesTheTopOfTheChainTheServerSends()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Rsa);
        await using var server = new TlsTestServer(pki.Leaf, pki.Intermediate);

        ExternalTool.Result run = CliRunner.Run("tlsa", "--from", $"127.0.0.1:{server.Port}", "--host", "www.example.test", "--usage", "DANE-TA", "--selector", "CERT", "--mtype", "SHA2-512");

        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Equal($"_{server.Port}._tcp.www.example.test. IN TLSA {Expected(pki.Intermediate, TlsaUsage.DANETA, TlsaSelector.Cert, TlsaMatchingType.SHA2512)}", run.Output.Trim());
    }

    [Fact]
    public async Task TlsaFrom_SmtpStartTls_PrintsTheLeafRecordAfterStartTls()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new SmtpTestServer(pki.Leaf, [pki.Intermediate]);

        ExternalTool.Result run = CliRunner.Run("tlsa", "--from", $"127.0.0.1:{server.Port}", "--starttls", "smtp", "--host", "mx.example.test", "--port", "25");

        Assert.True(run.ExitCode == 0, run.Combined);
        Assert.Equal($"_25._tcp.mx.example.test. IN TLSA {Expected(pki.Leaf, TlsaUsage.DANEEE, TlsaSelector.SPKI, TlsaMatchingType.SHA2256)}", run.Output.Trim());
    }

    [Fact]
    public async Task TlsaFrom_SmtpWithoutStartTls_ExitThreeSayingSo()
    {
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new SmtpTestServer(pki.Leaf, [pki.Intermediate], offerStartTls: false);

        ExternalTool.Result run = CliRunner.Run("tlsa", "--from", $"127.0.0.1:{server.Port}", "--starttls", "smtp");

        Assert.True(run.ExitCode == 3, run.Combined);
        Assert.Contains($"127.0.0.1:{server.Port} (SMTP STARTTLS): the server does not offer STARTTLS", run.Error, StringComparison.Ordinal);
        Assert.Empty(run.Output);
    }

    [Fact]
    public void TlsaFrom_ConnectionRefused_ExitThreeNamingTheServer()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        ExternalTool.Result run = CliRunner.Run("tlsa", "--from", $"127.0.0.1:{port}");

        Assert.True(run.ExitCode == 3, run.Combined);
        Assert.Contains($"dnssec tlsa: cannot connect to 127.0.0.1:{port}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TlsaFrom_SilentServer_ExitThreeAfterTheTimeout()
    {
        // Accepts and says nothing until the client gives up and closes.
        await using var silent = new LoopbackListener(async (client, cancellationToken) =>
        {
            using (client)
            {
                _ = await client.GetStream().ReadAsync(new byte[1], cancellationToken);
            }
        });

        ExternalTool.Result run = CliRunner.Run("tlsa", "--from", $"127.0.0.1:{silent.Port}", "--starttls", "smtp", "--timeout", "1");

        Assert.True(run.ExitCode == 3, run.Combined);
        Assert.Contains($"127.0.0.1:{silent.Port}: no certificate within --timeout 1 s", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--from", "no-port")]
    [InlineData("--from", "host:99999")]
    [InlineData("--starttls", "smtp")]
    public void TlsaFrom_Misused_ExitThree(string option, string value)
    {
        ExternalTool.Result run = option == "--starttls"
            ? CliRunner.Run("tlsa", TestPki.Shared(TestKeyKind.Ecdsa).LeafPemPath, option, value)
            : CliRunner.Run("tlsa", option, value);

        Assert.True(run.ExitCode == 3, run.Combined);
        Assert.StartsWith("dnssec tlsa: ", run.Error, StringComparison.Ordinal);
    }

    private static string Expected(X509Certificate2 certificate, TlsaUsage usage, TlsaSelector selector, TlsaMatchingType matchingType) =>
        TlsaText.Format(TlsaRecordFactory.Create(certificate.RawData, usage, selector, matchingType));
}
