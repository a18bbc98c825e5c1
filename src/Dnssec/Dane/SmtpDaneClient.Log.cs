using Microsoft.Extensions.Logging;

namespace Dnssec.Dane;

public sealed partial class SmtpDaneClient
{
    // Event IDs 2100-2199 are the SMTP client's; they are part of the logging contract and never reused.
    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Delivered to {NextHop} through {Host} at level {Level} (TLS {Tls}): {Reason}")]
    private static partial void LogDelivered(ILogger logger, string nextHop, string? host, SmtpSecurityLevel level, bool tls, string reason);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Not delivered to {NextHop} through {Host} at level {Level}: {Reason}")]
    private static partial void LogNotDelivered(ILogger logger, string nextHop, string? host, SmtpSecurityLevel level, string reason);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "DANE authenticated {Host}: {Reason}")]
    private static partial void LogDaneVerified(ILogger logger, string? host, string reason);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "DANE did not authenticate {Host} ({Failure}): {Reason}")]
    private static partial void LogDaneFailed(ILogger logger, string? host, DaneFailure failure, string reason);

    /// <summary>Logs the outcome of one attempt, and the DANE verdict when there was one, and returns it.</summary>
    private SmtpDeliveryResult Reported(string nextHop, SmtpDeliveryResult result)
    {
        if (result.Dane is { } dane)
        {
            if (dane.Authenticated)
            {
                LogDaneVerified(_logger, result.MxHost, dane.Reason);
            }
            else
            {
                LogDaneFailed(_logger, result.MxHost, dane.Failure, dane.Reason);
            }
        }

        if (result.Delivered)
        {
            LogDelivered(_logger, nextHop, result.MxHost, result.EffectiveLevel, result.Tls, result.Reason);
        }
        else
        {
            LogNotDelivered(_logger, nextHop, result.MxHost, result.EffectiveLevel, result.Reason);
        }

        return result;
    }
}
