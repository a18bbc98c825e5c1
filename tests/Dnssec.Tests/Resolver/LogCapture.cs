using Microsoft.Extensions.Logging;

namespace Dnssec.Tests.Resolver;

/// <summary>A logger that keeps each event's ID, level and formatted line, for tests of what a component says.</summary>
internal sealed class LogCapture<T> : ILogger<T>
{
    private readonly List<(int Id, LogLevel Level, string Line)> _events = [];

    public IReadOnlyList<(int Id, LogLevel Level, string Line)> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_events)
        {
            _events.Add((eventId.Id, logLevel, formatter(state, exception)));
        }
    }
}
