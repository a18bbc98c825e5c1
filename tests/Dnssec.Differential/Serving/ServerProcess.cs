using System.Diagnostics;
using Dnssec.Differential.Building;

namespace Dnssec.Differential.Serving;

/// <summary>
/// A server (named or Unbound) run in the foreground as a child process, its standard output and error written to a
/// log file. It is ready when it logs the line its program logs once it serves; it is ended by its process id.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly object _gate = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Func<string, bool> _isReady;
    private readonly List<string> _lines = [];
    private int _streamsOpen = 2;

    private ServerProcess(string name, Process process, string logPath, Func<string, bool> isReady)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        _isReady = isReady;
        _log = new StreamWriter(logPath) { AutoFlush = true };
    }

    /// <summary>What the server is, for messages ("named", "unbound upstream 3").</summary>
    public string Name { get; }

    /// <summary>Where its output goes.</summary>
    public string LogPath { get; }

    /// <summary>Everything it has printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _lines);
            }
        }
    }

    /// <summary>
    /// Starts <paramref name="program"/>, records it in <paramref name="runFile"/>, and returns once a line satisfies
    /// <paramref name="isReady"/>; fails with its output when it ends first or takes longer than <paramref name="timeout"/>.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string name, string program, IEnumerable<string> arguments, string logPath, Func<string, bool> isReady, RunFile runFile, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Tool.Find(program))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var server = new ServerProcess(name, process, logPath, isReady);
        process.OutputDataReceived += (_, e) => server.Receive(e.Data);
        process.ErrorDataReceived += (_, e) => server.Receive(e.Data);
        process.Start();
        runFile.Record(process.Id, name);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server._ready.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw new TimeoutException($"{name} did not start serving in {timeout.TotalSeconds:F0} s:\n{Tail(server.Log)}", e);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return server;
    }

    /// <summary>Ends a process a killed campaign left, if its command line still names <paramref name="directory"/>.</summary>
    public static async Task EndStaleAsync(int processId, string directory)
    {
        string commandLine;
        try
        {
            commandLine = (await File.ReadAllTextAsync($"/proc/{processId}/cmdline").ConfigureAwait(false)).Replace('\0', ' ');
        }
        catch (IOException)
        {
            return;
        }
        catch (UnauthorizedAccessException)
        {
            return;
        }

        if (!commandLine.Contains(directory, StringComparison.Ordinal))
        {
            return;
        }

        try
        {
            using Process process = Process.GetProcessById(processId);
            process.Kill();
            await process.WaitForExitAsync(new CancellationTokenSource(StopTimeout).Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or it would not die in time: the next clean-up tries again.
        }
    }

    /// <summary>Ends the process by its id and waits for it to go.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            using var limit = new CancellationTokenSource(StopTimeout);
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }
        catch (OperationCanceledException)
        {
            // It did not go in time: the run file still names it for the next clean-up.
        }

        _process.Dispose();
        lock (_gate)
        {
            _log.Dispose();
        }
    }

    /// <summary>The last lines of a log, for error messages.</summary>
    public static string Tail(string log) => string.Join('\n', log.Split('\n').TakeLast(30));

    private void Receive(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _streamsOpen) == 0)
            {
                _ready.TrySetException(new InvalidOperationException($"{Name} ended before it served:\n{Tail(Log)}"));
            }

            return;
        }

        lock (_gate)
        {
            _lines.Add(line);
            try
            {
                _log.WriteLine(line);
            }
            catch (ObjectDisposedException)
            {
                // Output after the server was stopped.
            }
        }

        if (_isReady(line))
        {
            _ready.TrySetResult();
        }
    }
}
