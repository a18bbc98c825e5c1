using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Server;

public sealed partial class DnsServer
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Listening on {EndPoint} (UDP and TCP)")]
    private static partial void LogListening(ILogger logger, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Validation failure for {Name} {Type} asked by {Client}: {Reason}")]
    private static partial void LogBogus(ILogger logger, DnsName name, RecordType type, IPAddress client, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Resolving {Name} {Type} took longer than {Timeout}; answered SERVFAIL")]
    private static partial void LogResolutionTimedOut(ILogger logger, DnsName name, RecordType type, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Error, Message = "Resolving {Name} {Type} failed unexpectedly; answered SERVFAIL")]
    private static partial void LogResolutionFailed(ILogger logger, DnsName name, RecordType type, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Receiving on {EndPoint} failed ({Error}); listening on")]
    private static partial void LogReceiveFailed(ILogger logger, EndPoint? endPoint, SocketError error);
}
