using System.Collections.Concurrent;
using System.Diagnostics;

namespace Dnssec.Tests.Interop;

/// <summary>
/// A peer server a test runs in the foreground (Unbound with <c>-d</c>, named with <c>-g</c>): its output collected
/// line by line as it comes, ready once it prints the line that says it serves, its pid recorded in the
/// hierarchy's run file (so that the next <c>build.sh stop</c> ends it should the test process die first), and killed
/// by its process id on <see cref="Dispose"/>.
/// </summary>
internal sealed class ForegroundServer : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ForegroundServer(Process process) => _process = process;

    /// <summary>What it has printed so far, on either stream.</summary>
    public string Log => string.Join('\n', _log);

    /// <summary>Starts <paramref name="tool"/> and returns once it prints a line that is <paramref name="ready"/>; throws with its output when it ends first or takes longer than <paramref name="timeout"/>.</summary>
    public static ForegroundServer Start(string tool, IReadOnlyList<string> arguments, Func<string, bool> ready, string name, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(ExternalTool.Find(tool)) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var serving = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ForegroundServer(new Process { StartInfo = start, EnableRaisingEvents = true });
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                serving.TrySetException(new InvalidOperationException($"{tool} ended before it served:\n{server.Log}"));
                return;
            }

            server._log.Enqueue(e.Data);
            if (ready(e.Data))
            {
                serving.TrySetResult();
            }
        }

        server._process.ErrorDataReceived += OnLine;
        server._process.OutputDataReceived += OnLine;
        server._process.Start();
        BindHierarchy.RecordProcess(server._process.Id, name);
        server._process.BeginErrorReadLine();
        server._process.BeginOutputReadLine();
        try
        {
            if (!serving.Task.Wait(timeout))
            {
                throw new TimeoutException($"{tool} did not start serving in {timeout.TotalSeconds} s:\n{server.Log}");
            }
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }

    /// <summary>Ends the process (by its id) and waits for it.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // It never started.
        }

        _process.Dispose();
    }
}
