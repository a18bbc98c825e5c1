using System.Diagnostics;

namespace Dnssec.Cli;

/// <summary>Shows a count on one self-overwriting line of standard error, at most ten times a second, and only on a terminal.</summary>
internal sealed class TerminalProgress(string label) : IProgress<int>, IDisposable
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private long _lastShown = -1000;
    private bool _shown;

    public static bool IsTerminal => !Console.IsErrorRedirected;

    public void Report(int value)
    {
        lock (_gate)
        {
            long now = _clock.ElapsedMilliseconds;
            if (now - _lastShown < 100)
            {
                return;
            }

            _lastShown = now;
            _shown = true;
            Console.Error.Write($"\r{label} {value:N0} ({now / 1000.0:F1} s)   ");
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_shown)
            {
                Console.Error.Write("\r" + new string(' ', label.Length + 40) + "\r");
            }
        }
    }
}
