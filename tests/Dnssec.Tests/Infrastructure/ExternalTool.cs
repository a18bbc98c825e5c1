using System.Diagnostics;

namespace Dnssec.Tests.Infrastructure;

/// <summary>Runs a real peer program (BIND, ldns, OpenSSL) that tests/run.sh installs; a missing program fails the test with the fix.</summary>
internal static class ExternalTool
{
    /// <summary>The result of a finished run.</summary>
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public string Combined => Output + Error;
    }

    /// <summary>Runs <paramref name="program"/> to completion, or fails after <paramref name="timeout"/>.</summary>
    public static Result Run(string program, IEnumerable<string> arguments, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        string path = Find(program);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} did not finish in time");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>The full path of an installed program.</summary>
    public static string Find(string program)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin"]))
        {
            string candidate = Path.Combine(directory, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"{program} is not installed: run the tests through tests/run.sh, which installs BIND, ldns, Unbound and OpenSSL.");
    }
}
