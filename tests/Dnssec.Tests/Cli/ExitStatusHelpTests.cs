namespace Dnssec.Tests.Cli;

/// <summary>Every command's --help states its exit statuses, so that scripts' authors find them where they look.</summary>
public sealed class ExitStatusHelpTests
{
    [Theory]
    [InlineData("resolve")]
    [InlineData("tlsa")]
    [InlineData("zone")]
    [InlineData("verify-zone")]
    [InlineData("serve")]
    [InlineData("demo")]
    [InlineData("anchors")]
    [InlineData("anchors", "status")]
    [InlineData("anchors", "import")]
    [InlineData("anchors", "export")]
    [InlineData("anchors", "refresh")]
    [InlineData("dane", "verify")]
    [InlineData("dane", "check")]
    public void Help_EveryCommand_StatesItsExitStatus(params string[] command)
    {
        ExternalTool.Result result = CliRunner.Run([.. command, "--help"]);

        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains("Exit status", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"Exit status[^:]*: 0 ", result.Output);
    }
}
