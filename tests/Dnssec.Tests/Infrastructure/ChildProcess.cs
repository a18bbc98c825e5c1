using System.Diagnostics;

namespace Dnssec.Tests.Infrastructure;

/// <summary>Starts this test assembly as a child process through <see cref="TestProgram"/>, with the same dotnet host.</summary>
internal static class ChildProcess
{
    /// <summary>Starts the child with <paramref name="arguments"/>; its standard output is redirected.</summary>
    public static Process Start(params string[] arguments)
    {
        // dotnet test sets DOTNET_HOST_PATH to the muxer it runs under; elsewhere the one on PATH is used.
        string host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"{host} did not start.");
    }
}
