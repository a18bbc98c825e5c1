using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

public sealed partial class DnssecResolver
{
    // Event IDs 1000-1099 are the resolver's; they are part of the logging contract and never reused.
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "The upstream answer for {Name} {Type} did not validate ({Reason}); resolving iteratively from the root hints")]
    private static partial void LogFallback(ILogger logger, DnsName name, RecordType type, string reason);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "Bogus answer for {Name} {Type} (Extended DNS Error {ExtendedErrorCode} {ExtendedError}): {Reason}")]
    private static partial void LogBogus(ILogger logger, DnsName name, RecordType type, int? extendedErrorCode, ExtendedDnsErrorCode? extendedError, string reason);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Upstreams {Servers}, from {Origin}")]
    private static partial void LogUpstreams(ILogger logger, IReadOnlyList<UpstreamServer> servers, string origin);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "Stub mode with {Origin}: {Consequence}")]
    private static partial void LogNoUpstreams(ILogger logger, string origin, string consequence);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "The address of the DNS over HTTPS upstream {Host} was looked up in clear text through the system resolver, which learned which encrypted resolver is used; write {Pinned} to avoid the lookup")]
    private static partial void LogAddressLookedUp(ILogger logger, string host, UpstreamServer pinned);
}
