using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// Remembers validated DNSKEY sets, proven insecure delegations and failed zones (for a short time), and names
/// proven not to be zone cuts, each until its TTL runs out; safe for concurrent use. Bounded in size: when full, the
/// expired entries make room first, otherwise the least recently used eighth, so a busy cache keeps the zones in use.
/// </summary>
public sealed class KeyCache
{
    /// <summary>The default number of zones remembered.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly BoundedCache<DnsName, ZoneKeys> _zones;
    private readonly BoundedCache<DnsName, bool> _nonCuts;
    private readonly TimeProvider _time;

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> zones and as many non-cut names.</summary>
    public KeyCache(int capacity = DefaultCapacity)
        : this(capacity, TimeProvider.System)
    {
    }

    /// <summary>
    /// Creates a cache holding at most <paramref name="capacity"/> zones and as many non-cut names, which tells the
    /// expired entries to evict first by <paramref name="timeProvider"/>'s clock.
    /// </summary>
    public KeyCache(int capacity, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _zones = new BoundedCache<DnsName, ZoneKeys>(capacity);
        _nonCuts = new BoundedCache<DnsName, bool>(capacity);
        _time = timeProvider;
    }

    /// <summary>The number of zone entries held, expired ones included until they are looked up or make room.</summary>
    public int Count => _zones.Count;

    /// <summary>The unexpired entry for <paramref name="zone"/>, or null.</summary>
    public ZoneKeys? Get(DnsName zone, DateTimeOffset now) =>
        _zones.TryGet(zone, now, out ZoneKeys? entry) ? entry : null;

    /// <summary>Stores an entry, replacing any older one for the zone.</summary>
    public void Set(ZoneKeys entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        _zones.Set(entry.Zone, entry, entry.Expires, _time.GetUtcNow());
    }

    /// <summary>Whether <paramref name="name"/> was proven, and still is, not to be a zone cut.</summary>
    public bool IsKnownNonCut(DnsName name, DateTimeOffset now) => _nonCuts.TryGet(name, now, out _);

    /// <summary>Records that <paramref name="name"/> is proven not to be a zone cut until <paramref name="expires"/>.</summary>
    public void SetNonCut(DnsName name, DateTimeOffset expires) => _nonCuts.Set(name, true, expires, _time.GetUtcNow());

    /// <summary>Forgets everything, for example after the trust anchors change.</summary>
    public void Clear()
    {
        _zones.Clear();
        _nonCuts.Clear();
    }
}
