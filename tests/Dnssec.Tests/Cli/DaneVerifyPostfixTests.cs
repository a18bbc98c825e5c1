using System.Globalization;
using System.Text.Json;
using Dnssec.Tests.Dane;

namespace Dnssec.Tests.Cli;

/// <summary>
/// `dnssec dane verify --starttls smtp` as a process against real Postfix smtpd on loopback (posttls-finger's use),
/// the MX and TLSA records in a signed in-process hierarchy.
/// </summary>
[Trait("Category", "Interop")]
public sealed class DaneVerifyPostfixTests(PostfixFixture postfix) : IClassFixture<PostfixFixture>
{
    [Fact]
    public async Task VerifyJson_PostfixWithGoodTlsa_AuthenticatedWithTheWholeConversation()
    {
        await using DaneVerifyCommandTests.Dns dns = DaneVerifyCommandTests.Dns.Start(postfix.WithTls.Port, "mx", "mx", postfix.Pki);
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "example.test", Port(postfix.WithTls.Port), "--starttls", "smtp", "--mx", "--level", "dane-only",
            "--helo", "client.example.test", "--server", dns.Server, "--anchors", anchors, "--json"));

        Assert.True(run.ExitCode == 0, run.Combined);
        using JsonDocument document = JsonDocument.Parse(run.Output);
        JsonElement top = document.RootElement;
        Assert.Equal("authenticated", top.GetProperty("verdict").GetString());
        Assert.Equal("dane-only", top.GetProperty("effectiveLevel").GetString());
        Assert.Equal("mx.example.test", top.GetProperty("mxHost").GetString());
        string[] transcript = [.. top.GetProperty("transcript").EnumerateArray().Select(line => line.GetString()!)];
        Assert.Contains(transcript, line => line.StartsWith("< 220", StringComparison.Ordinal) && line.Contains("mx.example.test", StringComparison.Ordinal));
        Assert.Contains("> EHLO client.example.test", transcript);
        Assert.Contains("> STARTTLS", transcript);
        JsonElement attempt = Assert.Single(top.GetProperty("attempts").EnumerateArray());
        Assert.True(attempt.GetProperty("tls").GetBoolean());
        Assert.True(attempt.GetProperty("dane").GetProperty("authenticated").GetBoolean());
    }

    [Fact]
    public async Task Verify_PostfixWithoutStartTls_DaneOnlyRefusedExitTwo()
    {
        await using DaneVerifyCommandTests.Dns dns = DaneVerifyCommandTests.Dns.Start(postfix.WithoutTls.Port, "mx", "mx", postfix.Pki);
        using var directory = new TemporaryDirectory();
        string anchors = directory.Write("root.key", dns.AnchorLine + "\n");

        ExternalTool.Result run = await Task.Run(() => CliRunner.Run("dane", "verify", "example.test", Port(postfix.WithoutTls.Port), "--starttls", "smtp", "--mx", "--level", "dane-only",
            "--server", dns.Server, "--anchors", anchors));

        Assert.True(run.ExitCode == 2, run.Combined);
        Assert.Contains("did not offer STARTTLS", run.Output, StringComparison.Ordinal);
        Assert.Contains("mx.example.test[127.0.0.1]: refused:", run.Output, StringComparison.Ordinal);
    }

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);
}
