namespace Dnssec.Tests.Cli;

/// <summary>Runs the built `dnssec` tool as a separate process, exactly as users and scripts call it.</summary>
internal static class CliRunner
{
    public static ExternalTool.Result Run(params string[] arguments) =>
        ExternalTool.Run("dotnet", [Path.Combine(AppContext.BaseDirectory, "dnssec.dll"), .. arguments]);
}
