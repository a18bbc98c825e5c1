using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>Sends one question to one server and returns its response; tests and replays put their own servers behind it.</summary>
public interface IDnsTransport
{
    /// <summary>Asks <paramref name="server"/> the question, with a fresh random ID, and returns the matching response or why there is none.</summary>
    /// <exception cref="OperationCanceledException">The caller's token was cancelled (a timeout is a result, not an exception).</exception>
    ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default);
}
