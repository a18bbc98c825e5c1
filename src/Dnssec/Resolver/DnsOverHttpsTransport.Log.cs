using System.Net;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

internal sealed partial class DnsOverHttpsTransport
{
    // Event IDs 1100-1199 are the transports'; DNS over HTTPS has 1121-1129. They are part of the logging contract and never reused.
    [LoggerMessage(EventId = 1121, Level = LogLevel.Warning, Message = "DNS over HTTPS to {Url} ({Server}) is not authenticated: {Reason}")]
    private static partial void LogUnauthenticated(ILogger logger, Uri url, IPEndPoint server, string reason);

    [LoggerMessage(EventId = 1122, Level = LogLevel.Warning, Message = "DNS over HTTPS to {Url} ({Server}) refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, Uri url, IPEndPoint server, string reason);

    [LoggerMessage(EventId = 1123, Level = LogLevel.Information, Message = "Left out {Count} malformed records of the response from {Server} for {Name} {Type}; the first: {First}")]
    private static partial void LogDroppedRecords(ILogger logger, int count, IPEndPoint server, DnsName name, RecordType type, DroppedRecord first);
}
