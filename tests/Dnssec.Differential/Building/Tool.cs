using System.Diagnostics;

namespace Dnssec.Differential.Building;

/// <summary>
/// Runs the programs the campaign needs (BIND's tools, ldns-signzone, ip, delv) as child processes with a timeout,
/// waiting on their exit rather than polling. tests/run.sh installs them; the campaign installs nothing.
/// </summary>
public static class Tool
{
    /// <summary>The programs a campaign runs, and the Debian package each comes from.</summary>
    public static readonly IReadOnlyDictionary<string, string> Required = new Dictionary<string, string>
    {
        ["named"] = "bind9",
        ["dnssec-keygen"] = "bind9-utils",
        ["dnssec-signzone"] = "bind9-utils",
        ["dnssec-dsfromkey"] = "bind9-utils",
        ["named-checkconf"] = "bind9-utils",
        ["named-checkzone"] = "bind9-utils",
        ["delv"] = "bind9-dnsutils",
        ["unbound"] = "unbound",
        ["unbound-checkconf"] = "unbound",
        ["ldns-signzone"] = "ldnsutils",
        ["ip"] = "iproute2",
    };

    /// <summary>The full path of <paramref name="program"/>, or an exception that names the package to install.</summary>
    public static string Find(string program)
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"]))
        {
            string candidate = Path.Combine(directory, program);
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        string package = Required.TryGetValue(program, out string? name) ? name : program;
        throw new InvalidOperationException($"{program} is not installed: run tests/run.sh, which installs it (Debian package {package}).");
    }

    /// <summary>Runs <paramref name="program"/> to its end and returns how it ended, whatever its exit code.</summary>
    /// <exception cref="TimeoutException">It ran longer than <paramref name="timeout"/> and was killed.</exception>
    public static async Task<ToolResult> RunAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, string? input = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo(Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input.AsMemory(), cancellationToken).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            throw new TimeoutException($"{program} {string.Join(' ', start.ArgumentList)} took longer than {timeout.TotalSeconds:F0} s");
        }

        return new ToolResult(process.ExitCode, await output.ConfigureAwait(false), await error.ConfigureAwait(false));
    }

    /// <summary>Runs <paramref name="program"/> and returns its standard output; a non-zero exit is an exception with everything it printed.</summary>
    public static async Task<string> CheckedAsync(string program, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, string? input = null, CancellationToken cancellationToken = default)
    {
        string[] list = [.. arguments];
        ToolResult result = await RunAsync(program, list, timeout, workingDirectory, input, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', list)} failed (exit {result.ExitCode}):\n{result.Combined.Trim()}");
        }

        return result.Output;
    }
}
