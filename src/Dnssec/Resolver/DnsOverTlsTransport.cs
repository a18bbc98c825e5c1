using System.Collections.Concurrent;
using System.Net;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Dnssec.Resolver;

/// <summary>
/// DNS over TLS (RFC 7858) to the configured TLS upstreams: one connection per upstream, reused and pipelined across
/// queries, reopened when it was closed (the query that found it closed is retried once on the new one), each query
/// padded (RFC 8467). Authentication follows each upstream's RFC 8310 profile; a refusal is a
/// <see cref="TransportError.TlsFailure"/> naming what failed, and nothing is ever sent in clear text instead. Timeouts
/// are results; the caller's cancellation is rethrown. Safe for concurrent use; disposing closes every connection.
/// </summary>
internal sealed partial class DnsOverTlsTransport : IDnsTransport, IAsyncDisposable, IDisposable
{
    private readonly Dictionary<IPEndPoint, TlsUpstream> _upstreams;
    private readonly ConcurrentDictionary<IPEndPoint, TlsUpstreamConnection> _connections = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Action<TlsUpstream, string> _unauthenticated;

    public DnsOverTlsTransport(IEnumerable<TlsUpstream> upstreams, ILogger<DnsOverTlsTransport>? logger = null, TimeProvider? timeProvider = null)
    {
        _upstreams = upstreams.ToDictionary(upstream => upstream.EndPoint);
        _logger = logger ?? NullLogger<DnsOverTlsTransport>.Instance;
        _time = timeProvider ?? TimeProvider.System;
        _unauthenticated = (upstream, reason) => LogUnauthenticated(_logger, upstream.EndPoint, reason);
    }

    /// <summary>How long an unused connection is kept when the server sends no edns-tcp-keepalive (RFC 7858 §3.4 leaves it to the client).</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The connections held now, open or closed, for tests.</summary>
    internal int Connections => _connections.Count;

    /// <inheritdoc />
    public async ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(options);
        if (!_upstreams.TryGetValue(server, out TlsUpstream? upstream))
        {
            return TransportResponse.Failure(server, TransportProtocol.Tls, TransportError.NetworkError, $"{server} is not a configured DNS over TLS upstream");
        }

        for (int attempt = 0; ; attempt++)
        {
            TlsUpstreamConnection connection = _connections.GetOrAdd(server, static (_, state) => new TlsUpstreamConnection(state.Upstream, state.Transport.IdleTimeout, state.Transport._time, state.Transport._unauthenticated), (Upstream: upstream, Transport: this));
            if (connection.IsClosed)
            {
                if (_connections.TryRemove(new KeyValuePair<IPEndPoint, TlsUpstreamConnection>(server, connection)))
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }

                continue;
            }

            bool wasOpen = connection.IsOpen;
            TransportResponse response = await connection.QueryAsync(question, options, cancellationToken).ConfigureAwait(false);
            if (!response.Succeeded && response.Error == TransportError.TlsFailure)
            {
                LogRefused(_logger, server, response.Detail);
            }

            // A kept connection the server closed meanwhile (idle, or after answering) fails the query that meets it:
            // one retry on a fresh connection covers that; a connection that failed when new is not tried again.
            bool closedUnderUs = wasOpen && connection.IsClosed && response.Error is TransportError.NetworkError;
            if (response.Succeeded || attempt > 0 || !closedUnderUs)
            {
                return Reported(response, question);
            }

            LogReopening(_logger, server, response.Detail);
        }
    }

    /// <summary>Closes every connection.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (TlsUpstreamConnection connection in _connections.Values)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
        }

        _connections.Clear();
    }

    /// <summary>Closes every connection, for owners that dispose synchronously.</summary>
    public void Dispose()
    {
        foreach (TlsUpstreamConnection connection in _connections.Values)
        {
            connection.Dispose();
        }

        _connections.Clear();
    }

    private TransportResponse Reported(TransportResponse response, DnsQuestion question)
    {
        if (response.Dropped.Count > 0)
        {
            LogDroppedRecords(_logger, response.Dropped.Count, response.Server, question.Name, question.Type, response.Dropped[0]);
        }

        return response;
    }
}
