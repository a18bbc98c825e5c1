namespace Dnssec.Tests.Cli;

/// <summary>`dnssec resolve --anchor-state`: validation with RFC 5011 tracked keys, refreshed first when due, against a private root on loopback.</summary>
public sealed class ResolveAnchorStateTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("resolve-anchor-state").FullName;

    private string State => Path.Combine(_folder, "state");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Resolve_DueTrustPoint_RefreshedThenSecureWithoutWarnings()
    {
        // Signed around the real now: resolve has no --time.
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        Import(root.RootKeyFile);

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchor-state", State]);
        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("www.example.test.", result.Output, StringComparison.Ordinal);
        Assert.Empty(result.Error);
        // The import made the root due at once; the refresh before the question wrote what it learnt.
        Assert.DoesNotContain("last-refresh=-", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resolve_AnchorStateAndAnchors_TheTrackedKeyOverridesTheFile()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        Import(root.RootKeyFile);
        string wrongRoot = Path.Combine(_folder, "wrong-root.dnskey");
        File.WriteAllText(wrongRoot, AnchorsCommandTests.RootKsk2017 + "\n");

        ExternalTool.Result withState = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", wrongRoot, "--anchor-state", State]);
        ExternalTool.Result withoutState = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchors", wrongRoot]);

        Assert.True(withState.ExitCode == 0, withState.Combined);
        Assert.True(withoutState.ExitCode == 2, withoutState.Combined);
    }

    [Fact]
    public async Task Resolve_TrackedKeyNeverValidatedForMonths_WarnsOfTheHealthOnStderr()
    {
        await using var root = new LoopbackRoot(_folder, DateTimeOffset.UtcNow);
        // The real root's KSK tracked since 2020 but never refreshed: this private root does not sign with it.
        string realRoot = Path.Combine(_folder, "real-root.dnskey");
        File.WriteAllText(realRoot, AnchorsCommandTests.RootKsk2017 + "\n");
        Import(realRoot, "--time", "2020-01-01");

        ExternalTool.Result result = CliRunner.Run(["resolve", "www.example.test.", "A", .. root.Stub, "--anchor-state", State]);

        Assert.True(result.ExitCode == 2, result.Combined);
        Assert.Contains("dnssec resolve: trust anchors Degraded: the DNSKEY RRset of . has not been validated", result.Error, StringComparison.Ordinal);
        Assert.Contains("add hold-down", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_MissingAnchorState_ExitsThreeNamingTheFile()
    {
        ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", "127.0.0.1", "--anchor-state", State);

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains($"dnssec resolve: The trust anchor state cannot be used: {State}", result.Error, StringComparison.Ordinal);
        Assert.Contains("dnssec anchors import", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Resolve_CorruptAnchorState_ExitsThreeWithTheReason()
    {
        File.WriteAllText(State, "not a state file\n");

        ExternalTool.Result result = CliRunner.Run("resolve", "www.example.test.", "A", "--server", "127.0.0.1", "--anchor-state", State);

        Assert.True(result.ExitCode == 3, result.Combined);
        Assert.Contains(State, result.Error, StringComparison.Ordinal);
    }

    private void Import(string file, params string[] extra)
    {
        ExternalTool.Result result = CliRunner.Run(["anchors", "import", file, "--state", State, .. extra]);
        Assert.True(result.ExitCode == 0, result.Combined);
    }
}
