using System.Net;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

internal sealed partial class DnsOverTlsTransport
{
    // Event IDs 1100-1199 are the transports'; DNS over TLS has 1111-1119. They are part of the logging contract and never reused.
    [LoggerMessage(EventId = 1111, Level = LogLevel.Warning, Message = "DNS over TLS to {Server} is not authenticated: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, IPEndPoint server, string reason);

    [LoggerMessage(EventId = 1112, Level = LogLevel.Warning, Message = "DNS over TLS to {Server} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, IPEndPoint server, string reason);

    [LoggerMessage(EventId = 1113, Level = LogLevel.Debug, Message = "The TLS connection to {Server} was closed ({Reason}); reopening it and asking again")]
    private static partial void LogReopening(ILogger logger, IPEndPoint server, string reason);

    [LoggerMessage(EventId = 1114, Level = LogLevel.Information, Message = "Left out {Count} malformed records of the response from {Server} for {Name} {Type}; the first: {First}")]
    private static partial void LogDroppedRecords(ILogger logger, int count, IPEndPoint server, DnsName name, RecordType type, DroppedRecord first);
}
