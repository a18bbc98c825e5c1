using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Asks a list of servers in turn, as the C library does: each round tries every server (starting at a rotating
/// offset when <c>rotate</c> is set), for the given number of rounds, moving on after a timeout, a network error, a
/// malformed answer, or a SERVFAIL/REFUSED/NOTIMP/FORMERR response. An encrypted upstream that refused to authenticate
/// (RFC 8310 strict profile) is not asked again for <see cref="RefusalMemory"/>: its certificate or pins will not have
/// changed from one query to the next, and each attempt would cost every query a TCP and TLS handshake before the next
/// server is tried. Its refusal stands in for it meanwhile, so a resolver with no other upstream still fails with the
/// reason.
/// </summary>
internal sealed class UpstreamClient
{
    /// <summary>How long a refused encrypted upstream is left alone, long enough to spare the handshakes, short enough to notice a fixed certificate.</summary>
    internal static readonly TimeSpan RefusalMemory = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<IPEndPoint, (TransportResponse Refusal, long At)> _refused = new();
    private readonly TimeProvider _time;
    private readonly IDnsTransport _transport;
    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly int _attempts;
    private readonly bool _rotate;
    private int _next;

    // Spares the common case, where no upstream ever refused, a dictionary lookup per attempt.
    private volatile bool _anyRefused;

    public UpstreamClient(IDnsTransport transport, IReadOnlyList<IPEndPoint> servers, int attempts, bool rotate, TimeProvider? time = null)
    {
        if (servers.Count == 0)
        {
            throw new ArgumentException("At least one server is needed.", nameof(servers));
        }

        _time = time ?? TimeProvider.System;
        _transport = transport;
        _servers = servers;
        _attempts = Math.Max(1, attempts);
        _rotate = rotate;
    }

    public IReadOnlyList<IPEndPoint> Servers => _servers;

    /// <summary>Returns the first good response, or the last failure (a bad response code counts as a response, kept in case nothing better comes).</summary>
    public async ValueTask<TransportResponse> QueryAsync(DnsQuestion question, QueryOptions options, CancellationToken cancellationToken)
    {
        int start = _rotate ? (int)((uint)Interlocked.Increment(ref _next) % (uint)_servers.Count) : 0;
        TransportResponse? last = null;
        TransportResponse? refused = null;
        for (int round = 0; round < _attempts; round++)
        {
            for (int i = 0; i < _servers.Count; i++)
            {
                IPEndPoint server = _servers[(start + i) % _servers.Count];
                if (Remembered(server) is { } refusal)
                {
                    last = refusal;
                    continue;
                }

                TransportResponse response = await _transport.QueryAsync(server, question, options, cancellationToken).ConfigureAwait(false);
                if (response.Error == TransportError.TlsFailure)
                {
                    _refused[server] = (response, _time.GetTimestamp());
                    _anyRefused = true;
                }

                if (response.Succeeded && !IsServerFailure(response.Message.ResponseCode))
                {
                    return response;
                }

                if (response.Succeeded)
                {
                    refused ??= response;
                }

                last = response;
            }
        }

        return refused ?? last!;
    }

    /// <summary>The refusal <paramref name="server"/> gave less than <see cref="RefusalMemory"/> ago, saying when it is asked again; null when it may be asked.</summary>
    private TransportResponse? Remembered(IPEndPoint server)
    {
        if (!_anyRefused || !_refused.TryGetValue(server, out (TransportResponse Refusal, long At) held))
        {
            return null;
        }

        TimeSpan age = _time.GetElapsedTime(held.At);
        if (age >= RefusalMemory)
        {
            _refused.TryRemove(new KeyValuePair<IPEndPoint, (TransportResponse, long)>(server, held));
            return null;
        }

        string again = Math.Ceiling((RefusalMemory - age).TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return TransportResponse.Failure(server, held.Refusal.Protocol, held.Refusal.Privacy, TransportError.TlsFailure, $"{held.Refusal.Detail} (remembered; asked again in {again} s)");
    }

    /// <summary>Codes that speak of the server, not the name: another server may do better.</summary>
    internal static bool IsServerFailure(DnsResponseCode code) =>
        code is DnsResponseCode.ServFail or DnsResponseCode.Refused or DnsResponseCode.NotImp or DnsResponseCode.FormErr;
}
