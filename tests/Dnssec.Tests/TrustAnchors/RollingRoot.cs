using System.Net;
using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.TrustAnchors;

/// <summary>
/// A private root → test. → example.test. hierarchy whose root operator rolls its key-signing key on a fake clock: the
/// test says which root keys are published and which of them sign the root's DNSKEY RRset, and that RRset is signed
/// again around the fake now at every step. Everything else is signed once, valid for the whole simulation. It is the
/// resolver's transport too, and can be made silent.
/// </summary>
internal sealed class RollingRoot : IDnsTransport
{
    /// <summary>When the simulation starts and the state file is made.</summary>
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The TTL of the root's DNSKEY RRset, ten days: the active refresh timer is then five days (TTL / 2) and the retry timer one day.</summary>
    public const uint DnskeyTtl = 864_000;

    /// <summary>How long each signature over the root's DNSKEY RRset is valid after it is made.</summary>
    public static readonly TimeSpan SignatureValidity = TimeSpan.FromDays(30);

    /// <summary>The name whose A record the resolver is asked for at every step.</summary>
    public static readonly DnsName Leaf = DnsName.Parse("www.example.test.");

    private const ushort KeySigningFlags = 257;

    private readonly ZoneHierarchy _hierarchy = new();
    private readonly List<DnsRecord> _rootWithoutKeys;
    private IReadOnlyList<SigningKey> _published = [];
    private IReadOnlyList<SigningKey> _signers = [];
    private volatile InMemoryTransport _servers;

    /// <summary>Builds the hierarchy at <see cref="Start"/>; <paramref name="clock"/>, when given, must read <see cref="Start"/>.</summary>
    public RollingRoot(FakeTimeProvider? clock = null)
    {
        Clock = clock ?? new FakeTimeProvider(Start);
        _hierarchy.Zone(".", LastsTheSimulation);
        _hierarchy.Zone("test.", LastsTheSimulation);
        _hierarchy.Zone("example.test.", z =>
        {
            LastsTheSimulation(z);
            z.Records = "www A 192.0.2.1";
        });
        _hierarchy.Build(Start);
        OldKey = _hierarchy.KeySigningKeys[DnsName.Root];
        ZoneSigningKey = _hierarchy.ZoneSigningKeys[DnsName.Root];
        _rootWithoutKeys = [.. _hierarchy.SignedZones[DnsName.Root].Where(r => r.Type != RecordType.DNSKEY && !(r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.DNSKEY))];
        _servers = new InMemoryTransport(_hierarchy.Servers);
        Publish([OldKey], [OldKey]);
    }

    public FakeTimeProvider Clock { get; }

    /// <summary>The root's key-signing key at the start, the only key in the state file.</summary>
    public SigningKey OldKey { get; }

    /// <summary>The key-signing key the root rolls to.</summary>
    public SigningKey NewKey { get; } = SigningKey.Generate(DnsName.Root, DnssecAlgorithm.ECDSAP256SHA256, KeySigningFlags);

    /// <summary>The old key published with the REVOKE flag (RFC 5011 §2.1); its tag differs from the old key's.</summary>
    public SigningKey RevokedOldKey => OldKey.WithFlags(KeySigningFlags | DnskeyData.RevokeFlag);

    /// <summary>The root's zone-signing key, always published; it signs everything but the DNSKEY RRset.</summary>
    public SigningKey ZoneSigningKey { get; }

    /// <summary>Whether every server times out, as when the resolver is cut off.</summary>
    public bool Silent { get; set; }

    /// <summary>Days since <see cref="Start"/> on the fake clock.</summary>
    public double Day => (Clock.GetUtcNow() - Start).TotalDays;

    /// <summary>The root operator's side: publishes <paramref name="published"/> (and the zone-signing key) signed by <paramref name="signers"/> now.</summary>
    public void Publish(IReadOnlyList<SigningKey> published, IReadOnlyList<SigningKey> signers)
    {
        _published = published;
        _signers = signers;
        SignAgain();
    }

    /// <summary>Signs the root's DNSKEY RRset as published again, valid from a day before the fake now for <see cref="SignatureValidity"/>.</summary>
    public void SignAgain()
    {
        DateTimeOffset now = Clock.GetUtcNow();
        DnsRecord[] rrset = [.. _published.Append(ZoneSigningKey).Select(k => k.Dnskey.WithTtl(DnskeyTtl))];
        IEnumerable<DnsRecord> rrsigs = _signers.Select(k => RrsetSigner.Sign(rrset, k, now.AddDays(-1), now + SignatureValidity));
        var root = new AuthoritativeZone(DnsName.Root, [.. _rootWithoutKeys, .. rrset, .. rrsigs]);
        var servers = new Dictionary<IPAddress, ZoneAuthority>(_hierarchy.Servers) { [_hierarchy.RootAddress] = new ZoneAuthority([root]) };
        _servers = new InMemoryTransport(servers);
    }

    /// <summary>Writes a state file in <paramref name="folder"/> tracking the root with the old key, Valid from now; returns its path.</summary>
    public async Task<string> WriteStateAsync(string folder, TimeSpan? firstRefreshIn = null)
    {
        string path = Path.Combine(folder, "anchors.state");
        DateTimeOffset now = Clock.GetUtcNow();
        TrustPoint point = TrustPoint.Create(DnsName.Root, [OldKey.Dnskey], now);
        AnchorStateResult saved = await new AnchorStateStore(path).SaveAsync([point with { NextRefresh = now + (firstRefreshIn ?? TimeSpan.Zero) }]);
        Assert.True(saved.IsSuccess, saved.Reason);
        return path;
    }

    /// <summary>A resolver iterating from this root, validating with the state file's anchors, on the fake clock.</summary>
    public DnssecResolver CreateResolver(string statePath, bool refreshInBackground = false)
    {
        var options = new ResolverOptions { Mode = ResolutionMode.Iterative, AnchorStatePath = statePath, RefreshAnchorsInBackground = refreshInBackground };
        options.RootServers.Add(_hierarchy.RootAddress);
        return new DnssecResolver(options, null, Clock, this);
    }

    /// <inheritdoc />
    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default) =>
        Silent
            ? ValueTask.FromResult(TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.Timeout, "the test cut the resolver off"))
            : _servers.QueryAsync(server, question, options, cancellationToken);

    private static void LastsTheSimulation(ZoneSpecification zone) => zone.ExpirationOffset = TimeSpan.FromDays(3 * 365);
}
