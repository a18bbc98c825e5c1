namespace Dnssec.Tests.Cli;

/// <summary>
/// Runs the `dnssec` tool as a separate process, exactly as users and scripts call it: the build's dnssec.dll under
/// `dotnet`, or the executable that <see cref="ExecutableVariable"/> names, so that the same tests check the published
/// Native AOT tool, whose trimmed code could differ from what the JIT runs.
/// </summary>
internal static class CliRunner
{
    /// <summary>The environment variable naming a published `dnssec` executable to test instead of the build output.</summary>
    public const string ExecutableVariable = "DNSSEC_CLI";

    private static string? Published => Environment.GetEnvironmentVariable(ExecutableVariable) is { Length: > 0 } path ? path : null;

    /// <summary>The program to start: the published executable, or `dotnet`.</summary>
    public static string Program => Published ?? ExternalTool.Find("dotnet");

    /// <summary>The arguments that come before the tool's own: none for the published executable, else the build's dnssec.dll.</summary>
    public static IReadOnlyList<string> Prefix => Published is null ? [Path.Combine(AppContext.BaseDirectory, "dnssec.dll")] : [];

    /// <summary>Runs the tool with <paramref name="arguments"/> to completion.</summary>
    public static ExternalTool.Result Run(params string[] arguments) => ExternalTool.Run(Program, [.. Prefix, .. arguments]);
}
