using System.Net;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

public sealed partial class DnsTransport
{
    // Event IDs 1100-1199 are the transport's; they are part of the logging contract and never reused.
    [LoggerMessage(EventId = 1101, Level = LogLevel.Debug, Message = "Truncated UDP response for {Name} {Type} from {Server}; retrying over TCP")]
    private static partial void LogTruncated(ILogger logger, DnsName name, RecordType type, IPEndPoint server);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Ignored {Problem} (server {Server})")]
    private static partial void LogIgnored(ILogger logger, IPEndPoint server, string problem);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Left out {Count} malformed records of the response from {Server} for {Name} {Type}; the first: {First}")]
    private static partial void LogDroppedRecords(ILogger logger, int count, IPEndPoint server, DnsName name, RecordType type, DroppedRecord first);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Debug, Message = "Left out of the response from {Server}: {Record}")]
    private static partial void LogDropped(ILogger logger, IPEndPoint server, DroppedRecord record);
}
