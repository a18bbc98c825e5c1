using System.Text.Json;
using Dnssec.Tests.Dane;

namespace Dnssec.Tests.Cli;

/// <summary>
/// Every case of OpenSSL's danetest.in and dane-cross.in through `dnssec dane check`, with the contract's options set as
/// danetest.c sets OpenSSL: its base domain and CA file, name checks for DANE-EE unless the case sets nonamechecks, and
/// SHA2-256 preferred to SHA2-512. Each must give OpenSSL's verdict and match depth.
/// </summary>
public sealed class DaneCheckCommandTests
{
    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (string file in new[] { "danetest.in", "dane-cross.in" })
        {
            foreach (OpenSslDaneCase vector in OpenSslDaneVectors.Read(file))
            {
                data.Add(file, vector.Number);
            }
        }

        return data;
    }

    [Fact]
    public void Vectors_AllCasesAreRead()
    {
        Assert.Equal(54, OpenSslDaneVectors.Read("danetest.in").Count);
        Assert.Single(OpenSslDaneVectors.Read("dane-cross.in"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Check_OpenSslVector_GivesOpenSslVerdictAndDepth(string file, int number)
    {
        OpenSslDaneCase vector = OpenSslDaneVectors.Read(file)[number - 1];
        (string baseDomain, string caFile) = file == "danetest.in" ? ("example.com", "danetest.pem") : ("server.example", "cross-root.pem");
        using var directory = new TemporaryDirectory();
        string chain = directory.Write("chain.pem", string.Concat(vector.CertificatesPem));
        string tlsa = directory.Write("tlsa.txt", string.Join('\n', vector.Tlsa) + "\n");
        ExternalTool.Result run = CliRunner.Run(
            "dane", "check", "--chain", chain, "--name", baseDomain, "--tlsa-file", tlsa,
            "--ca-file", Path.Combine(OpenSslDaneVectors.Directory, caFile),
            "--ee-name-checks", vector.NoNameChecks ? "off" : "on", "--digests", "sha256,sha512", "--json");

        using JsonDocument json = JsonDocument.Parse(run.Output);
        JsonElement root = json.RootElement;
        string reason = root.GetProperty("reason").GetString()!;
        bool ok = root.GetProperty("ok").GetBoolean();
        Assert.True(vector.VerifyResult == 0 == ok, $"{vector}: expected X509 result {vector.VerifyResult}, got ok={ok}: {reason}");
        Assert.Equal(ok ? 0 : 2, run.ExitCode);
        JsonElement depth = root.GetProperty("depth");
        int? actualDepth = depth.ValueKind == JsonValueKind.Null ? null : depth.GetInt32();
        Assert.True((vector.MatchDepth < 0 ? null : vector.MatchDepth) == actualDepth, $"{vector}: expected depth {vector.MatchDepth}, got {actualDepth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "null"}: {reason}");
        Assert.Equal(actualDepth is null, root.GetProperty("matched").ValueKind == JsonValueKind.Null);
        if (ok)
        {
            return;
        }

        string expectedReason = vector.VerifyResult switch
        {
            20 => "unable to get the issuer certificate",
            62 => "matches none of the reference identifiers",
            _ => "no usable TLSA record matched",
        };
        Assert.Contains(expectedReason, reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_DaneEeWithWrongName_DefaultFollowsRfc7671()
    {
        OpenSslDaneCase vector = OpenSslDaneVectors.Read("danetest.in")[53];
        using var directory = new TemporaryDirectory();
        string chain = directory.Write("chain.pem", string.Concat(vector.CertificatesPem));
        string tlsa = directory.Write("tlsa.txt", vector.Tlsa[0] + "\n");
        ExternalTool.Result run = CliRunner.Run("dane", "check", "--chain", chain, "--name", "example.com", "--tlsa-file", tlsa, "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"depth\":0", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tlsa", "3 1 1 zz\n", "not an even number of hex digits")]
    [InlineData("tlsa", "3 x 1 00\n", "selector 'x'")]
    [InlineData("tlsa", "# only a comment\n", "no TLSA record")]
    [InlineData("chain", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "not a DER X.509 certificate")]
    [InlineData("chain", "no pem here\n", "no PEM certificate")]
    [InlineData("digests", "md5", "'md5' is not a digest")]
    [InlineData("name", "bad..name", "is not a host name")]
    public void Check_BadInput_ExplainsAndExitsThree(string what, string content, string expected)
    {
        OpenSslDaneCase vector = OpenSslDaneVectors.Read("danetest.in")[10];
        using var directory = new TemporaryDirectory();
        string chain = directory.Write("chain.pem", what == "chain" ? content : string.Concat(vector.CertificatesPem));
        string tlsa = directory.Write("tlsa.txt", what == "tlsa" ? content : vector.Tlsa[0] + "\n");
        ExternalTool.Result run = CliRunner.Run(
            "dane", "check", "--chain", chain, "--name", what == "name" ? content : "example.com", "--tlsa-file", tlsa,
            "--digests", what == "digests" ? content : "sha512,sha256");
        Assert.Equal(3, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }
}
