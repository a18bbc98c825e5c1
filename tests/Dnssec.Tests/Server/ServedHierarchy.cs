using System.Net;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Testing;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Server;

/// <summary>
/// A <see cref="DnsServer"/> on 127.0.0.1 with a system-chosen port, in front of a <see cref="DnssecResolver"/> that
/// resolves iteratively through one in-process signed hierarchy (signed once for every test): example.test. (secure,
/// with a TXT RRset too large for 512 octets), expired.test. (Bogus, EDE 7) and unsigned.test. (Insecure).
/// </summary>
internal sealed class ServedHierarchy : IAsyncDisposable
{
    /// <summary>Four TXT records of 200 octets: more than 512 octets, less than the server's 1232.</summary>
    public const string BigName = "big.example.test.";

    private static readonly Lazy<ZoneHierarchy> Zones = new(Build);

    private ServedHierarchy(DnssecResolver resolver, IDnssecResolver served, DnsServer server)
    {
        Resolver = resolver;
        Served = served;
        Server = server;
    }

    /// <summary>The validating resolver, also usable on its own to compare verdicts.</summary>
    public DnssecResolver Resolver { get; }

    /// <summary>What the server asks: <see cref="Resolver"/> or a wrapper around it.</summary>
    public IDnssecResolver Served { get; }

    public DnsServer Server { get; }

    /// <summary>Where the server listens, UDP and TCP.</summary>
    public IPEndPoint EndPoint => Server.LocalEndPoints[0];

    /// <summary>Starts a server; <paramref name="wrap"/> may put a wrapper (a gate) between it and the resolver.</summary>
    public static async Task<ServedHierarchy> StartAsync(DnsServerOptions? options = null, Func<IDnssecResolver, IDnssecResolver>? wrap = null, FakeTimeProvider? serverClock = null, bool start = true)
    {
        ZoneHierarchy zones = Zones.Value;
        var resolverOptions = new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = zones.Anchors };
        resolverOptions.RootServers.Add(zones.RootAddress);
        var resolver = new DnssecResolver(resolverOptions, transport: new InMemoryTransport(zones.Servers));
        IDnssecResolver served = wrap?.Invoke(resolver) ?? resolver;
        options ??= new DnsServerOptions();
        if (options.Listen.Count == 0)
        {
            options.Listen.Add(new IPEndPoint(IPAddress.Loopback, 0));
        }

        var server = new DnsServer(served, options, timeProvider: serverClock);
        if (start)
        {
            await server.StartAsync();
        }

        return new ServedHierarchy(resolver, served, server);
    }

    /// <summary>A query as a client would send it, by default with EDNS(0), DO and RD.</summary>
    public static byte[] Query(ushort id, string name, RecordType type, DnsHeaderFlags flags = DnsHeaderFlags.RecursionDesired, bool dnssecOk = true, bool edns = true, ushort payload = 1232)
    {
        DnsMessage query = DnsMessage.CreateQuery(id, DnsName.Parse(name), type, flags, dnssecOk);
        query.Edns = edns ? new EdnsRecord { DnssecOk = dnssecOk, UdpPayloadSize = payload } : null;
        return query.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Resolver.DisposeAsync();
    }

    private static ZoneHierarchy Build()
    {
        string text = new('t', 200);
        var zones = new ZoneHierarchy();
        zones.Zone(".");
        zones.Zone("test.");
        zones.Zone("example.test.", z => z.Records = $"""
            www A 192.0.2.1
            slow A 192.0.2.3
            big TXT "{text}1"
            big TXT "{text}2"
            big TXT "{text}3"
            big TXT "{text}4"
            """);
        zones.Zone("expired.test.", z =>
        {
            z.ExpirationOffset = TimeSpan.FromDays(-1);
            z.Records = "www A 192.0.2.2";
        });
        zones.Zone("unsigned.test.", z =>
        {
            z.Signed = false;
            z.Records = "www A 192.0.2.4";
        });
        return zones.Build(DateTimeOffset.UtcNow);
    }
}
