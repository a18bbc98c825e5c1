using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

public sealed partial class DnssecResolver
{
    [LoggerMessage(Level = LogLevel.Information, Message = "The upstream answer for {Name} {Type} did not validate ({Reason}); resolving iteratively from the root hints")]
    private static partial void LogFallback(ILogger logger, DnsName name, RecordType type, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Upstreams {Servers}, from {Origin}")]
    private static partial void LogUpstreams(ILogger logger, IReadOnlyList<System.Net.IPEndPoint> servers, string origin);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stub mode with {Origin}: {Consequence}")]
    private static partial void LogNoUpstreams(ILogger logger, string origin, string consequence);
}
