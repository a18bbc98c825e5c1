using System.Net;
using System.Net.Sockets;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// How <see cref="DnssecResolver"/> resolves and validates; every setting has a documented default and works without
/// dependency injection. The configuration binder fills it too (<c>services.Configure&lt;ResolverOptions&gt;(section)</c>):
/// servers as strings, enums by name, times as <c>hh:mm:ss</c>; zones, root servers and anchors are set in code.
/// </summary>
public sealed class ResolverOptions
{
    /// <summary>
    /// The recursive upstreams for stub mode, in order; when empty, the name servers of <see cref="ResolvConfPath"/>, or
    /// when it is missing or lists none, the DNS servers of the network interfaces that are up (as on Windows).
    /// </summary>
    public IList<UpstreamServer> Servers { get; } = [];

    /// <summary>
    /// PEM file of the CAs that a DNS over TLS or HTTPS upstream's certificate must chain to when it is authenticated by
    /// name (<c>tls://IP#NAME</c>, <c>https://NAME/PATH#IP</c>, RFC 8310 §8.2); the system store when null.
    /// </summary>
    public string? TlsCaFile { get; set; }

    /// <summary>
    /// SPKI pins, <c>sha256/BASE64</c>, of which every DNS over TLS or HTTPS upstream's chain must hold one (RFC 7858 §4.2), beside
    /// each server's own <see cref="UpstreamServer.Pins"/>; a TLS upstream with a pin or an authentication name is used in
    /// the strict profile (RFC 8310), one with neither encrypted but unauthenticated (the opportunistic profile).
    /// </summary>
    public IList<string> TlsPins { get; } = [];

    /// <summary>
    /// Whether DNS over HTTPS upstreams are asked by GET with the query in <c>?dns=</c> (base64url, which HTTP caches can
    /// serve) rather than by POST, the default, whose body is the query (RFC 8484 §4.1).
    /// </summary>
    public bool DohUseGet { get; set; }

    /// <summary>The resolv.conf read when <see cref="Servers"/> is empty; its timeout, attempts, rotate and use-vc options apply too.</summary>
    public string ResolvConfPath { get; set; } = "/etc/resolv.conf";

    /// <summary>The network interfaces' DNS servers, asked when resolv.conf gives none; tests put a fake system here.</summary>
    internal Func<IReadOnlyList<IPAddress>> InterfaceDnsServers { get; set; } = SystemUpstreams.FromInterfaces;

    /// <summary>Stub (the default, with iterative fallback) or iterative resolution.</summary>
    public ResolutionMode Mode { get; set; } = ResolutionMode.Stub;

    /// <summary>Whether stub mode may fall back to iterative resolution when the upstream strips or forges DNSSEC data.</summary>
    public bool FallbackToIterative { get; set; } = true;

    /// <summary>Root hints in named.root form for iterative resolution; the shipped hints when null.</summary>
    public string? RootHintsPath { get; set; }

    /// <summary>Root server addresses for iterative resolution, in place of any root hints file: for private hierarchies such as `dnssec demo`'s.</summary>
    public IList<IPAddress> RootServers { get; } = [];

    /// <summary>
    /// Zones whose authoritative servers are given rather than found by following referrals, as Unbound's stub-zone:
    /// resolution of a name at or below such a zone starts at its servers, in stub mode too (the closest configured
    /// zone wins, and a referral cached below it is still followed). A stub zone for the root replaces the root hints.
    /// </summary>
    public IDictionary<DnsName, IReadOnlyList<IPAddress>> StubZones { get; } = new Dictionary<DnsName, IReadOnlyList<IPAddress>>();

    /// <summary>
    /// Zones whose names are resolved by asking the given recursive servers (RD, DO and CD set) instead of the upstreams
    /// or the authorities, as Unbound's forward-zone and BIND's per-zone forwarders do: a company or split-horizon domain
    /// behind its own resolver. The closest configured zone holding a name, forward or stub, decides; a forward zone for
    /// the root forwards everything not in a closer zone. Answers are validated as any others, so a forwarded domain the
    /// public DNS proves unsigned is Insecure, and a private one it does not know needs an anchor or a negative anchor.
    /// </summary>
    public IDictionary<DnsName, IReadOnlyList<IPEndPoint>> ForwardZones { get; } = new Dictionary<DnsName, IReadOnlyList<IPEndPoint>>();

    /// <summary>The port authoritative servers listen on in iterative mode (53; tests use another to avoid privileged ports).</summary>
    public int AuthorityPort { get; set; } = 53;

    /// <summary>The trust anchors; the shipped root anchor when null.</summary>
    public ITrustAnchorProvider? TrustAnchors { get; set; }

    /// <summary>
    /// The RFC 5011 state file of tracked trust points (made by <c>dnssec anchors import</c>); when set, the zones in it
    /// are validated with the keys tracked there, which override <see cref="TrustAnchors"/> at and below those zones, and
    /// the resolver refreshes them on the RFC 5011 timers through its own resolution path. A file that is missing or
    /// cannot be read stops the resolver from being created, rather than being reset.
    /// </summary>
    public string? AnchorStatePath { get; set; }

    /// <summary>Whether the tracked trust points are refreshed by a background task when due; off, the owner calls <see cref="TrustAnchorMaintainer.RefreshDueAsync"/>.</summary>
    public bool RefreshAnchorsInBackground { get; set; } = true;

    /// <summary>Validation policy, limits and key cache lifetimes.</summary>
    public ValidatorOptions Validation { get; set; } = new();

    /// <summary>The wait for each response; when null, resolv.conf's timeout in stub mode and 2 seconds in iterative mode.</summary>
    public TimeSpan? Timeout { get; set; }

    /// <summary>Rounds through the upstream list; when null, resolv.conf's attempts.</summary>
    public int? Attempts { get; set; }

    /// <summary>Whether to spread queries over the upstreams; resolv.conf's rotate also turns it on.</summary>
    public bool Rotate { get; set; }

    /// <summary>Whether to use TCP for every query; resolv.conf's use-vc also turns it on.</summary>
    public bool UseTcp { get; set; }

    /// <summary>
    /// Whether iterative resolution shows each authority only the labels it needs (RFC 9156 QNAME minimisation, on by
    /// default as in Unbound), falling back to the full name where a server answers a minimised query with an error.
    /// </summary>
    public bool QnameMinimisation { get; set; } = true;

    /// <summary>The only address family of the upstreams and authorities asked (dig's -4 and -6); when null, both.</summary>
    public AddressFamily? AddressFamily { get; set; }

    /// <summary>The EDNS(0) UDP payload size advertised (1232 by default, per DNS Flag Day 2020).</summary>
    public ushort UdpPayloadSize { get; set; } = 1232;

    /// <summary>
    /// The most entries the cache holds: validated RRsets, and answers no RRset stands for (denials, wildcard expansions,
    /// failures); also the most NSEC, NSEC3 and wildcard RRsets kept for <see cref="AggressiveNsec"/>.
    /// </summary>
    public long CacheSize { get; set; } = 10_000;

    /// <summary>The most octets the cache's entries may keep alive, as estimated when they are stored (32 MiB by default).</summary>
    public long CacheBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Whether NXDOMAIN and NODATA answers are synthesised from validated NSEC and NSEC3 records already in the cache
    /// (RFC 8198), as many as <see cref="CacheSize"/> of them kept; on by default, as in Unbound and BIND.
    /// </summary>
    public bool AggressiveNsec { get; set; } = true;

    /// <summary>The longest any answer is cached, whatever its TTL.</summary>
    public TimeSpan MaximumCacheTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest a negative answer is cached (RFC 2308 §5 suggests one to three hours).</summary>
    public TimeSpan MaximumNegativeTtl { get; set; } = TimeSpan.FromHours(3);

    /// <summary>How long a failed resolution (SERVFAIL, Bogus, unreachable) is cached (RFC 9520 §3.2: 1 second to 5 minutes).</summary>
    public TimeSpan FailureTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Budgets of one resolution (queries, referrals, name server lookups, CNAME links) and the size of the delegation caches.</summary>
    public ResolverLimits Limits { get; set; } = new();
}
