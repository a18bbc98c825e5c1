using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Sends the questions for DNS over TLS upstreams through the TLS transport and every other (plain upstreams, forward
/// zones, authorities of iterative resolution) through the plain one, so the paths above see one <see cref="IDnsTransport"/>.
/// </summary>
internal sealed class UpstreamRoutingTransport(IDnsTransport plain, IDnsTransport tls, IReadOnlySet<IPEndPoint> tlsServers) : IDnsTransport
{
    /// <inheritdoc />
    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default) =>
        tlsServers.Contains(server) ? tls.QueryAsync(server, question, options, cancellationToken) : plain.QueryAsync(server, question, options, cancellationToken);
}
