using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Sends the questions for encrypted upstreams through the transport of their protocol (DNS over TLS, DNS over HTTPS)
/// and every other (plain upstreams, forward zones, authorities of iterative resolution) through the plain one, so the
/// paths above see one <see cref="IDnsTransport"/>.
/// </summary>
internal sealed class UpstreamRoutingTransport(IDnsTransport plain, IReadOnlyDictionary<IPEndPoint, IDnsTransport> routes) : IDnsTransport
{
    /// <inheritdoc />
    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default) =>
        (routes.TryGetValue(server, out IDnsTransport? route) ? route : plain).QueryAsync(server, question, options, cancellationToken);
}
