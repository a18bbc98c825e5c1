using System.Net;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

public sealed partial class DnsTransport
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "Truncated UDP response for {Name} {Type} from {Server}; retrying over TCP")]
    private static partial void LogTruncated(ILogger logger, DnsName name, RecordType type, IPEndPoint server);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Ignored {Problem} (server {Server})")]
    private static partial void LogIgnored(ILogger logger, IPEndPoint server, string problem);
}
