using System.Net;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Testing;

/// <summary>
/// An <see cref="IDnsTransport"/> with no network behind it: each query goes to the <see cref="ZoneAuthority"/> at the
/// server's address, and its response travels as wire bytes so that it is written and parsed as a real one would
/// be; it is never truncated, whatever payload size the query advertised. For `dnssec demo` and tests.
/// </summary>
public sealed class InMemoryTransport : IDnsTransport
{
    private readonly Dictionary<IPAddress, ZoneAuthority> _servers;

    /// <summary>A transport reaching the authorities at their addresses (any port); every other address is silent.</summary>
    public InMemoryTransport(IReadOnlyDictionary<IPAddress, ZoneAuthority> servers) => _servers = new Dictionary<IPAddress, ZoneAuthority>(servers);

    /// <inheritdoc/>
    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!_servers.TryGetValue(server.Address, out ZoneAuthority? authority))
        {
            return ValueTask.FromResult(TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.Timeout, $"no in-memory server at {server.Address}"));
        }

        DnsMessage response = authority.Answer(question);
        if (options.RecursionDesired)
        {
            response.Flags |= DnsHeaderFlags.RecursionDesired;
        }

        byte[] wire = response.ToArray();
        return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length));
    }
}
