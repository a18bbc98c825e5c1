using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Asks a list of servers in turn, as the C library does: each round tries every server (starting at a rotating
/// offset when <c>rotate</c> is set), for the given number of rounds, moving on after a timeout, a network error, a
/// malformed answer, or a SERVFAIL/REFUSED/NOTIMP/FORMERR response.
/// </summary>
internal sealed class UpstreamClient
{
    private readonly IDnsTransport _transport;
    private readonly IReadOnlyList<IPEndPoint> _servers;
    private readonly int _attempts;
    private readonly bool _rotate;
    private int _next;

    public UpstreamClient(IDnsTransport transport, IReadOnlyList<IPEndPoint> servers, int attempts, bool rotate)
    {
        if (servers.Count == 0)
        {
            throw new ArgumentException("At least one server is needed.", nameof(servers));
        }

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
                TransportResponse response = await _transport.QueryAsync(server, question, options, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Codes that speak of the server, not the name: another server may do better.</summary>
    internal static bool IsServerFailure(DnsResponseCode code) =>
        code is DnsResponseCode.ServFail or DnsResponseCode.Refused or DnsResponseCode.NotImp or DnsResponseCode.FormErr;
}
