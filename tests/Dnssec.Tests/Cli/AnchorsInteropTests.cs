using System.Globalization;
using Dnssec.Tests.Interop;

namespace Dnssec.Tests.Cli;

/// <summary>`dnssec anchors refresh` and `resolve --anchor-state` against the root BIND signs and serves in the interop hierarchy.</summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class AnchorsInteropTests(BindHierarchy hierarchy) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("anchors-interop").FullName;

    private string State => Path.Combine(_folder, "state");

    private string[] Iterative => ["--iterative", "--hints", hierarchy.RootHintsFile, "--authority-port", hierarchy.AuthorityPort.ToString(CultureInfo.InvariantCulture)];

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void RefreshIteratively_ThenResolveIterativelyWithTheState_SecureAndHealthy()
    {
        Import();

        ExternalTool.Result refresh = CliRunner.Run(["anchors", "refresh", "--state", State, .. Iterative]);
        ExternalTool.Result resolve = CliRunner.Run(["resolve", "www.alg8.test.", "A", .. Iterative, "--anchor-state", State]);
        ExternalTool.Result status = CliRunner.Run("anchors", "status", "--state", State);

        Assert.True(refresh.ExitCode == 0, refresh.Combined);
        Assert.Contains(".: Validated", refresh.Output, StringComparison.Ordinal);
        Assert.True(resolve.ExitCode == 0, resolve.Combined);
        Assert.Empty(resolve.Error);
        Assert.DoesNotContain("last-refresh=-", status.Output, StringComparison.Ordinal);
        Assert.Contains("health: Healthy", status.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void RefreshThroughTheUpstream_Validated()
    {
        Import();

        // --hints keeps the stub's fallback inside the hierarchy.
        ExternalTool.Result refresh = CliRunner.Run(["anchors", "refresh", "--state", State, "--server", $"{hierarchy.Upstream.Address}:{hierarchy.Upstream.Port}", .. Iterative[1..]]);

        Assert.True(refresh.ExitCode == 0, refresh.Combined);
        Assert.Contains(".: Validated", refresh.Output, StringComparison.Ordinal);
    }

    private void Import()
    {
        ExternalTool.Result result = CliRunner.Run("anchors", "import", hierarchy.TrustAnchorKeyFile, "--state", State);
        Assert.True(result.ExitCode == 0, result.Combined);
    }
}
