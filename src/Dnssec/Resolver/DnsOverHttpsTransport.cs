using System.Collections.Frozen;
using System.Net;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Resolver;

/// <summary>
/// DNS over HTTPS (RFC 8484) to the configured HTTPS upstreams: one long-lived HTTP client per upstream, whose
/// connections are reused (HTTP/2 when the server offers it, else HTTP/1.1), each query padded (RFC 8467) and sent with
/// ID 0 (§4.1) by POST, or by GET when <see cref="ResolverOptions.DohUseGet"/> says so. Authentication follows each
/// upstream's RFC 8310 profile as DNS over TLS does; a refusal is a <see cref="TransportError.TlsFailure"/> naming what
/// failed. An HTTP error status, a wrong content type or a malformed body is a failure with the reason; timeouts are
/// results; the caller's cancellation is rethrown. Safe for concurrent use; disposing closes every connection.
/// </summary>
internal sealed partial class DnsOverHttpsTransport : IDnsTransport, IDisposable
{
    private readonly FrozenDictionary<IPEndPoint, HttpsUpstreamClient> _clients;
    private readonly ILogger _logger;

    public DnsOverHttpsTransport(IEnumerable<HttpsUpstream> upstreams, bool useGet = false, ILogger<DnsOverHttpsTransport>? logger = null, TimeProvider? timeProvider = null)
    {
        _logger = logger ?? NullLogger<DnsOverHttpsTransport>.Instance;
        TimeProvider time = timeProvider ?? TimeProvider.System;
        _clients = upstreams.ToFrozenDictionary(upstream => upstream.EndPoint, upstream => new HttpsUpstreamClient(upstream, useGet, time, Unauthenticated));
    }

    /// <inheritdoc />
    public async ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        if (!_clients.TryGetValue(server, out HttpsUpstreamClient? client))
        {
            return TransportResponse.Failure(server, TransportProtocol.Https, TransportError.NetworkError, $"{server} is not a configured DNS over HTTPS upstream");
        }

        TransportResponse response = await client.QueryAsync(question, options, cancellationToken).ConfigureAwait(false);
        if (response.Error == TransportError.TlsFailure)
        {
            LogRefused(_logger, client.Upstream.RequestUrl, server, response.Detail);
        }
        else if (response.Dropped.Count > 0)
        {
            LogDroppedRecords(_logger, response.Dropped.Count, server, question.Name, question.Type, response.Dropped[0]);
        }

        return response;
    }

    /// <summary>Closes every connection.</summary>
    public void Dispose()
    {
        foreach (HttpsUpstreamClient client in _clients.Values)
        {
            client.Dispose();
        }
    }

    private void Unauthenticated(HttpsUpstream upstream, string reason) => LogUnauthenticated(_logger, upstream.RequestUrl, upstream.EndPoint, reason);
}
