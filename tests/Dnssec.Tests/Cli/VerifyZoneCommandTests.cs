using System.Text.Json;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec verify-zone` against zones BIND signed, agreeing with BIND's own dnssec-verify.</summary>
public class VerifyZoneCommandTests
{
    private static string Signed(string zone) => Path.Combine(BindFixture.Directory, "signed", zone + ".zone.signed");

    [Theory]
    [InlineData("root", ".")]
    [InlineData("nsec.test", "nsec.test.")]
    [InlineData("nsec3.test", "nsec3.test.")]
    [InlineData("optout.test", "optout.test.")]
    [InlineData("ed25519.test", "ed25519.test.")]
    [InlineData("sub.nsec.test", "sub.nsec.test.")]
    public void VerifyZone_BindSignedZone_IsValidAndExitsZero(string zone, string origin)
    {
        ExternalTool.Result result = CliRunner.Run("verify-zone", Signed(zone), "--time", "2026-06-01T00:00:00Z", "--json");

        Assert.True(result.ExitCode == 0, result.Combined);
        using JsonDocument json = JsonDocument.Parse(result.Output);
        Assert.Equal(origin, json.RootElement.GetProperty("zone").GetString());
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal(json.RootElement.GetProperty("signatures").GetInt32(), json.RootElement.GetProperty("validSignatures").GetInt32());
    }

    [Fact]
    public void VerifyZone_RootWithItsAnchor_IsValid_AndWithIanaAnchors_IsNot()
    {
        ExternalTool.Result own = CliRunner.Run("verify-zone", Signed("root"), "--time", "20260601000000", "--anchors", Path.Combine(BindFixture.Directory, "anchors.txt"));
        ExternalTool.Result iana = CliRunner.Run("verify-zone", Signed("root"), "--time", "20260601000000", "--anchors", RepositoryPaths.Combine("trust-anchors", "root-anchors.xml"));

        Assert.True(own.ExitCode == 0, own.Combined);
        Assert.Equal(2, iana.ExitCode);
        Assert.Contains("UntrustedKeys: No DNSKEY of . matches the trust anchors", iana.Output, StringComparison.Ordinal);
    }

    [Trait("Category", "Interop")]
    [Fact]
    public void VerifyZone_AlteredRecord_FailsLikeDnssecVerify()
    {
        string directory = Directory.CreateTempSubdirectory("verify-zone-").FullName;
        string file = Path.Combine(directory, "nsec.test.signed");
        File.WriteAllLines(file, File.ReadAllLines(Signed("nsec.test")).Select(line => line.StartsWith("www.nsec.test.", StringComparison.Ordinal) && line.EndsWith("IN A\t192.0.2.1", StringComparison.Ordinal) ? line.Replace("192.0.2.1", "192.0.2.99", StringComparison.Ordinal) : line));

        ExternalTool.Result ours = CliRunner.Run("verify-zone", file, "--time", "20260601000000");
        ExternalTool.Result bind = ExternalTool.Run("dnssec-verify", ["-o", "nsec.test.", "-q", file]);

        Assert.Equal(2, ours.ExitCode);
        Assert.Contains("BadSignature: RRSIG for www.nsec.test. A", ours.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, bind.ExitCode);
    }

    [Fact]
    public void VerifyZone_AfterExpiry_ReportsExpiredSignatures()
    {
        ExternalTool.Result result = CliRunner.Run("verify-zone", Signed("nsec3.test"), "--time", "2036-06-01T00:00:00Z");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("expired 2036-01-01T00:00:00Z", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bad time", new[] { "--time", "yesterday" })]
    [InlineData("bad origin", new[] { "--origin", "a..b" })]
    [InlineData("missing anchors file", new[] { "--anchors", "/nonexistent" })]
    public void VerifyZone_BadArguments_ExitThree(string description, string[] extra)
    {
        ExternalTool.Result result = CliRunner.Run(["verify-zone", Signed("nsec.test"), .. extra]);

        Assert.True(result.ExitCode == 3, description + ": " + result.Combined);
        Assert.StartsWith("dnssec verify-zone:", result.Error, StringComparison.Ordinal);
    }
}
