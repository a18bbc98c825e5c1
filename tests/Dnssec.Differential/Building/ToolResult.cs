namespace Dnssec.Differential.Building;

/// <summary>How a finished tool run ended: its exit code and what it printed.</summary>
public sealed record ToolResult(int ExitCode, string Output, string Error)
{
    /// <summary>Standard output and standard error together, for error messages.</summary>
    public string Combined => Output + Error;
}
