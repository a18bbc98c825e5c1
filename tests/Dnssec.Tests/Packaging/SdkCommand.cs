using System.Diagnostics;

namespace Dnssec.Tests.Packaging;

/// <summary>Runs the .NET SDK (or a script or program that drives it) with its own environment, as a user's shell would.</summary>
internal static class SdkCommand
{
    /// <summary>Runs <paramref name="program"/> to completion with <paramref name="environment"/> added, or fails after <paramref name="timeout"/>.</summary>
    public static ExternalTool.Result Run(string program, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(ExternalTool.Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under MSBuild's and the test platform's variables; a child SDK must start from a user's
        // environment, not inherit the parent build's MSBuild location or node settings.
        foreach (string name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach ((string name, string value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        return new ExternalTool.Result(process.ExitCode, output.Result, error.Result);
    }
}
