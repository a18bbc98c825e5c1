using Dnssec.Presentation;

namespace Dnssec.Tests.Cli;

public class ZoneCommandTests
{
    [Fact]
    public void Zone_RootHints_PrintsEveryRecordInCanonicalOrder()
    {
        ExternalTool.Result result = CliRunner.Run("zone", RepositoryPaths.Combine("trust-anchors", "named.root"));

        Assert.True(result.ExitCode == 0, result.Error);
        var records = ZoneFileReader.Parse(result.Output).ToList();
        Assert.Equal(39, records.Count);
        Assert.Equal(records.OrderBy(r => r.Owner).Select(r => r.Owner), records.Select(r => r.Owner));
        Assert.Contains("; 39 records", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Zone_MalformedRecord_NamesFileLineAndColumnAndExitsOne()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "bad.zone");
        File.WriteAllText(file, "$ORIGIN example.\n$TTL 300\nwww IN A 192.0.2.1\nmail IN A 1.2.3\n");

        ExternalTool.Result result = CliRunner.Run("zone", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.zone:4:11: invalid IPv4 address '1.2.3'", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing file", new[] { "zone", "/nonexistent/zone" })]
    [InlineData("missing argument", new[] { "zone" })]
    [InlineData("unknown option", new[] { "zone", "x", "--bogus" })]
    [InlineData("bad origin", new[] { "zone", "x", "--origin", "a..b" })]
    public void Zone_UsageOrIoError_ExitsThree(string description, string[] arguments)
    {
        ExternalTool.Result result = CliRunner.Run(arguments);

        Assert.True(result.ExitCode == 3, $"{description}: {result.Combined}");
        Assert.NotEmpty(result.Error);
    }

    [Trait("Category", "Interop")]
    [Fact]
    public void Zone_PrintedOutput_IsAcceptedByNamedCheckzone()
    {
        ExternalTool.Result printed = CliRunner.Run("zone", Path.Combine(BindFixture.Directory, "signed", "nsec.test.zone.signed"));
        Assert.Equal(0, printed.ExitCode);
        string file = Path.Combine(Directory.CreateTempSubdirectory().FullName, "nsec.test");
        File.WriteAllText(file, printed.Output);

        ExternalTool.Result check = ExternalTool.Run("named-checkzone", ["nsec.test", file]);

        Assert.True(check.ExitCode == 0, check.Combined);
        Assert.Equal(
            ZoneFileReader.ReadFile(Path.Combine(BindFixture.Directory, "signed", "nsec.test.zone.signed")).Select(RecordTextFormatter.Format).Order(StringComparer.Ordinal),
            ZoneFileReader.Parse(printed.Output).Select(RecordTextFormatter.Format).Order(StringComparer.Ordinal));
    }
}
