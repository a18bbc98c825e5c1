using System.Net;

namespace Dnssec.Server;

/// <summary>How <see cref="DnsServer"/> listens, whom it answers and how much it takes on; every setting has a documented default.</summary>
public sealed class DnsServerOptions
{
    /// <summary>The standard DNS port.</summary>
    public const int DnsPort = 53;

    /// <summary>The addresses and ports to listen on, UDP and TCP on each; when empty, 127.0.0.1:53 and [::1]:53 (the latter where the system has IPv6).</summary>
    public IList<IPEndPoint> Listen { get; } = [];

    /// <summary>Networks whose clients are answered besides loopback, which always is; everyone else gets REFUSED.</summary>
    public IList<IPNetwork> Allow { get; } = [];

    /// <summary>How responses are shaped (minimal responses, Extended DNS Errors, the advertised UDP payload size).</summary>
    public ResponseOptions Response { get; init; } = ResponseOptions.Default;

    /// <summary>The largest UDP response sent, whatever a client advertises (1232 octets, DNS Flag Day 2020); larger ones are truncated (TC) and the client retries over TCP.</summary>
    public int MaximumUdpResponse { get; init; } = 1232;

    /// <summary>How many questions are resolved at once; a UDP query beyond it is dropped and a TCP one answered SERVFAIL, so a flood cannot queue without bound.</summary>
    public int MaximumConcurrentResolutions { get; init; } = 1000;

    /// <summary>How many TCP connections are open at once; a connection beyond it is closed at once.</summary>
    public int MaximumTcpConnections { get; init; } = 256;

    /// <summary>How many queries of one TCP connection are resolved at once (RFC 7766 §6.2.1.1 pipelining); reading waits beyond it.</summary>
    public int MaximumQueriesPerConnection { get; init; } = 64;

    /// <summary>How long a TCP connection may stay without a complete query before it is closed (RFC 7766 §6.2.3); a query begun must also end within it, which stops slow senders.</summary>
    public TimeSpan TcpIdleTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest one question may take to resolve before the client is answered SERVFAIL.</summary>
    public TimeSpan ResolutionTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most octets the cache of encoded responses may take (16 MiB): a repeated question is answered from it with the
    /// ID, letter case and TTLs of its own, without resolving or encoding again. 0 turns it off.
    /// </summary>
    public long ResponseCacheSize { get; init; } = 16 * 1024 * 1024;

    /// <summary>Queries per second one client address may send before the excess is dropped (a token bucket of one second's worth); 0, the default, sets no limit.</summary>
    public int RateLimit { get; init; }

    /// <summary>The listen addresses in effect: <see cref="Listen"/>, or the loopback defaults.</summary>
    public IReadOnlyList<IPEndPoint> EffectiveListen =>
        Listen.Count > 0 ? [.. Listen]
        : System.Net.Sockets.Socket.OSSupportsIPv6 ? [new IPEndPoint(IPAddress.Loopback, DnsPort), new IPEndPoint(IPAddress.IPv6Loopback, DnsPort)]
        : [new IPEndPoint(IPAddress.Loopback, DnsPort)];

    /// <summary>Whether <paramref name="client"/> is answered: loopback always, others when an allowed network holds them.</summary>
    public bool IsAllowed(IPAddress client)
    {
        ArgumentNullException.ThrowIfNull(client);
        IPAddress address = client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client;
        return IPAddress.IsLoopback(address) || Allow.Any(network => network.Contains(address));
    }
}
