using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

public sealed partial class TrustAnchorMaintainer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Trust anchor {Zone}: {Description}")]
    private static partial void LogKeyEvent(ILogger logger, DnsName zone, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trust anchor {Zone}: {Description}")]
    private static partial void LogKeyWarning(ILogger logger, DnsName zone, string description);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Trust anchor {Zone}: {Description}; answers below it cannot be validated until an operator imports a new anchor")]
    private static partial void LogAnchorsExhausted(ILogger logger, DnsName zone, string description);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trust anchor {Zone} was not refreshed: {Reason}; next attempt at {NextRefresh:u}")]
    private static partial void LogRefreshFailed(ILogger logger, DnsName zone, string reason, DateTimeOffset nextRefresh);

    [LoggerMessage(Level = LogLevel.Error, Message = "The trust anchor state {Path} was not written: {Reason}; the new state is used in memory and written at the next refresh")]
    private static partial void LogStateNotWritten(ILogger logger, string path, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Refreshing the trust anchors of {Path} failed unexpectedly; trying again in an hour")]
    private static partial void LogRefreshCrashed(ILogger logger, string path, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "No trust point in {Path} has a usable key; background refresh stops")]
    private static partial void LogNothingToRefresh(ILogger logger, string path);
}
