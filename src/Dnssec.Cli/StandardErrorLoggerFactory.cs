using Microsoft.Extensions.Logging;

namespace Dnssec.Cli;

/// <summary>
/// Log messages of a long-running command (<c>dnssec serve</c>) on standard error, one line each —
/// <c>info: Dnssec.Server.DnsServer: Listening on 127.0.0.1:53 (UDP and TCP)</c> — so that a terminal or systemd's
/// journal shows them. The CLI references only the logging abstractions, so this is the whole provider.
/// </summary>
/// <param name="minimum">The least severe level written; <see cref="LogLevel.None"/> writes nothing.</param>
internal sealed class StandardErrorLoggerFactory(LogLevel minimum) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, minimum);

    public void AddProvider(ILoggerProvider provider) =>
        throw new NotSupportedException("The command's logger writes to standard error only.");

    public void Dispose()
    {
    }

    /// <summary>The short level names Microsoft's console logger uses, which readers of .NET logs know.</summary>
    private static string Label(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };

    private sealed class Logger(string category, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None && logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!IsEnabled(logLevel))
            {
                return;
            }

            string message = formatter(state, exception);
            if (exception is not null)
            {
                message = $"{message} ({exception.GetType().Name}: {exception.Message})";
            }

            // One message, one line: a reason or an exception that spans lines would otherwise split a journal entry.
            message = message.ReplaceLineEndings(" ");
            // Console.Error is synchronized, so lines from concurrent answers do not interleave.
            Console.Error.WriteLine($"{Label(logLevel)}: {category}: {message}");
        }
    }
}
