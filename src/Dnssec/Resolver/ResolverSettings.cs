using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The settings a <see cref="DnssecResolver"/> runs with: its <see cref="ResolverOptions"/> checked and merged, once, with
/// the system's upstreams (resolv.conf's with its timeout, attempts, rotate and use-vc, else the network interfaces',
/// when none are configured), the root hints, and
/// the defaults of what was left unset.
/// </summary>
internal sealed class ResolverSettings
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    private ResolverSettings(ResolverOptions options) => Options = options;

    /// <summary>The options as given.</summary>
    public ResolverOptions Options { get; }

    /// <summary>The recursive upstreams of stub mode; empty in iterative mode.</summary>
    public IReadOnlyList<IPEndPoint> Upstreams { get; private init; } = [];

    /// <summary>The upstreams asked over DNS over TLS, with how each is authenticated; every other server is asked in plain DNS unless it is one of <see cref="HttpsUpstreams"/>.</summary>
    public IReadOnlyList<TlsUpstream> TlsUpstreams { get; private init; } = [];

    /// <summary>The upstreams asked over DNS over HTTPS, with their URLs and how each is authenticated.</summary>
    public IReadOnlyList<HttpsUpstream> HttpsUpstreams { get; private init; } = [];

    /// <summary>Where <see cref="Upstreams"/> came from (configured, resolv.conf, the network interfaces), or why there are none.</summary>
    public string UpstreamOrigin { get; private init; } = "none: iterative mode asks the authorities";

    /// <summary>How questions are sent to the upstreams: RD, DO and CD, with the merged timeout, use-vc and payload size.</summary>
    public QueryOptions UpstreamQueries { get; private init; } = QueryOptions.Recursive;

    /// <summary>Rounds through the upstream list.</summary>
    public int Attempts { get; private init; }

    /// <summary>Whether queries are spread over the upstreams.</summary>
    public bool Rotate { get; private init; }

    /// <summary>The wait for each response of an authority (or of a configured zone's servers in stub mode: the upstream timeout).</summary>
    public TimeSpan AuthorityTimeout => Options.Timeout ?? DefaultTimeout;

    /// <summary>Whether stub mode routes zones of its own: a forward zone or a stub zone below the root.</summary>
    public bool HasConfiguredZones =>
        Options.ForwardZones.Keys.Any(zone => !zone.IsRoot) || Options.StubZones.Keys.Any(zone => !zone.IsRoot);

    /// <summary>Whether iterative resolution is needed: the mode, or stub mode's fallback.</summary>
    public bool NeedsIterative => Options.Mode == ResolutionMode.Iterative || Options.FallbackToIterative;

    /// <summary>The trust anchors: the configured ones, or the shipped root anchor.</summary>
    public ITrustAnchorProvider Anchors { get; private init; } = null!;

    /// <summary>
    /// Checks <paramref name="options"/> and merges them in stub mode with the system's servers: resolv.conf's, else the
    /// network interfaces'. Finding none is not an error here: the resolver then iterates or explains why it cannot ask.
    /// </summary>
    /// <exception cref="InvalidOperationException">A zone is both forwarded and a stub zone.</exception>
    public static ResolverSettings From(ResolverOptions options)
    {
        if (options.ForwardZones.Keys.FirstOrDefault(options.StubZones.ContainsKey) is { } both)
        {
            throw new InvalidOperationException($"{both} is configured both as a forward zone and as a stub zone; a zone is either forwarded or asked of its authorities.");
        }

        ITrustAnchorProvider anchors = options.TrustAnchors ?? TrustAnchorSet.CreateWithRootAnchor();
        if (options.Mode != ResolutionMode.Stub)
        {
            return new ResolverSettings(options) { Anchors = anchors };
        }

        IReadOnlyList<UpstreamServer> configured = options.AddressFamily is { } only ? [.. options.Servers.Where(server => server.EndPoint.AddressFamily == only)] : [.. options.Servers];
        IReadOnlyList<IPEndPoint> servers = [.. options.Servers.Select(server => server.EndPoint)];
        (IReadOnlyList<TlsUpstream> tls, IReadOnlyList<HttpsUpstream> https) = EncryptedFrom(configured, options);
        TimeSpan timeout = options.Timeout ?? DefaultTimeout;
        int attempts = options.Attempts ?? 2;
        bool rotate = options.Rotate;
        bool tcp = options.UseTcp;
        if (servers.Count == 0 && options.ForwardZones.TryGetValue(DnsName.Root, out IReadOnlyList<IPEndPoint>? rootForwarders))
        {
            servers = rootForwarders;
        }

        string origin = "the configured servers";
        if (servers.Count == 0)
        {
            SystemUpstreams system = SystemUpstreams.Find(options.ResolvConfPath, options.InterfaceDnsServers);
            servers = system.Servers;
            origin = system.Origin;
            if (system.Conf is { } conf)
            {
                timeout = options.Timeout ?? conf.Timeout;
                attempts = options.Attempts ?? conf.Attempts;
                rotate |= conf.Rotate;
                tcp |= conf.UseTcp;
            }
        }

        if (options.AddressFamily is { } family)
        {
            servers = [.. servers.Where(server => server.AddressFamily == family)];
            if (servers.Count == 0)
            {
                throw new InvalidOperationException($"No upstream server of the address family {FamilyName(family)}.");
            }
        }

        return new ResolverSettings(options)
        {
            Anchors = anchors,
            Upstreams = servers,
            UpstreamOrigin = origin,
            TlsUpstreams = tls,
            HttpsUpstreams = https,
            Attempts = attempts,
            Rotate = rotate,
            UpstreamQueries = QueryOptions.Recursive with { Timeout = timeout, TcpOnly = tcp, UdpPayloadSize = options.UdpPayloadSize },
        };
    }

    /// <summary>
    /// The TLS and HTTPS upstreams with their authentication: each server's name and pins, the pins of
    /// <see cref="ResolverOptions.TlsPins"/>, and the CAs of <see cref="ResolverOptions.TlsCaFile"/>.
    /// </summary>
    /// <exception cref="FormatException">A pin is not <c>sha256/BASE64</c>.</exception>
    /// <exception cref="InvalidOperationException">One endpoint is configured with two protocols, or over HTTPS with two URLs.</exception>
    /// <exception cref="IOException">The CA file cannot be read.</exception>
    /// <exception cref="InvalidDataException">The CA file holds no certificate or a malformed one.</exception>
    private static (IReadOnlyList<TlsUpstream> Tls, IReadOnlyList<HttpsUpstream> Https) EncryptedFrom(IReadOnlyList<UpstreamServer> servers, ResolverOptions options)
    {
        List<SpkiPin> pins = [];
        foreach (string text in options.TlsPins)
        {
            if (!SpkiPin.TryParse(text, out SpkiPin? pin, out string? problem))
            {
                throw new FormatException($"ResolverOptions.TlsPins: {problem}");
            }

            pins.Add(pin);
        }

        if (!servers.Any(server => server.Protocol != UpstreamProtocol.Plain))
        {
            return ([], []);
        }

        if (servers.GroupBy(server => server.EndPoint).FirstOrDefault(same => same.Select(server => server.Protocol).Distinct().Count() > 1) is { } both)
        {
            throw new InvalidOperationException($"{both.Key} is configured with two protocols ({string.Join(" and ", both.Select(server => server.Protocol).Distinct())}); one endpoint speaks one protocol.");
        }

        // Questions are routed by endpoint, so one endpoint cannot be asked at two URLs.
        if (servers.Where(server => server.Protocol == UpstreamProtocol.Https).GroupBy(server => server.EndPoint)
            .FirstOrDefault(same => same.Select(server => server.HttpsUrl!.PathAndQuery).Distinct().Count() > 1) is { } twoUrls)
        {
            throw new InvalidOperationException($"{twoUrls.Key} is configured as a DNS over HTTPS upstream with two paths ({string.Join(" and ", twoUrls.Select(server => server.HttpsUrl!.PathAndQuery).Distinct())}); one endpoint has one URL.");
        }

        X509Certificate2Collection? trusted = options.TlsCaFile is null ? null : LoadCertificates(options.TlsCaFile);
        TlsUpstream Authenticated(UpstreamServer server) => new(server.EndPoint, server.AuthenticationName, [.. server.Pins, .. pins], trusted);
        return (
            [.. servers.Where(server => server.Protocol == UpstreamProtocol.Tls).DistinctBy(server => server.EndPoint).Select(Authenticated)],
            [.. servers.Where(server => server.Protocol == UpstreamProtocol.Https).DistinctBy(server => server.EndPoint).Select(server => new HttpsUpstream(Authenticated(server), server.HttpsUrl!))]);
    }

    private static X509Certificate2Collection LoadCertificates(string path)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPemFile(path);
        }
        catch (CryptographicException exception)
        {
            throw new InvalidDataException($"The TLS CA file {path} holds a malformed certificate: {exception.Message}", exception);
        }
        catch (Exception exception) when (exception is UnauthorizedAccessException or FileNotFoundException or DirectoryNotFoundException)
        {
            throw new IOException($"The TLS CA file {path} cannot be read: {exception.Message}", exception);
        }

        return certificates.Count > 0 ? certificates : throw new InvalidDataException($"The TLS CA file {path} holds no PEM certificate.");
    }

    /// <summary>The root servers iterative resolution starts from: configured, a stub zone for the root, the given hints file, or the shipped hints.</summary>
    /// <exception cref="IOException">The root hints cannot be read.</exception>
    public IReadOnlyList<IPAddress> RootServers()
    {
        IReadOnlyList<IPAddress> roots = Options.RootServers.Count > 0 ? [.. Options.RootServers]
            : Options.StubZones.TryGetValue(DnsName.Root, out IReadOnlyList<IPAddress>? stubRoots) ? stubRoots
            : Options.RootHintsPath is null ? RootHints.Shipped() : RootHints.Load(Options.RootHintsPath);
        return Options.AddressFamily is { } family ? [.. roots.Where(root => root.AddressFamily == family)] : roots;
    }

    /// <summary>The family as dig's options name it, for messages.</summary>
    public static string FamilyName(System.Net.Sockets.AddressFamily family) =>
        family == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "IPv6" : "IPv4";
}
