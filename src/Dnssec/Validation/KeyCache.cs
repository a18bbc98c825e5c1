using System.Collections.Concurrent;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// Remembers validated DNSKEY sets, proven insecure delegations and failed zones (for a short time), and names
/// proven not to be zone cuts, each until its TTL runs out; safe for concurrent use. Bounded in size.
/// </summary>
public sealed class KeyCache
{
    /// <summary>The default number of zones remembered.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly ConcurrentDictionary<DnsName, ZoneKeys> _zones = new();
    private readonly ConcurrentDictionary<DnsName, DateTimeOffset> _nonCuts = new();
    private readonly int _capacity;

    /// <summary>Creates a cache holding at most <paramref name="capacity"/> zones and as many non-cut names.</summary>
    public KeyCache(int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The number of zone entries held, expired ones included until they are looked up.</summary>
    public int Count => _zones.Count;

    /// <summary>The unexpired entry for <paramref name="zone"/>, or null.</summary>
    public ZoneKeys? Get(DnsName zone, DateTimeOffset now)
    {
        if (_zones.TryGetValue(zone, out ZoneKeys? entry))
        {
            if (entry.Expires > now)
            {
                return entry;
            }

            _zones.TryRemove(new KeyValuePair<DnsName, ZoneKeys>(zone, entry));
        }

        return null;
    }

    /// <summary>Stores an entry, replacing any older one for the zone.</summary>
    public void Set(ZoneKeys entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (_zones.Count >= _capacity)
        {
            _zones.Clear();
        }

        _zones[entry.Zone] = entry;
    }

    /// <summary>Whether <paramref name="name"/> was proven, and still is, not to be a zone cut.</summary>
    public bool IsKnownNonCut(DnsName name, DateTimeOffset now) =>
        _nonCuts.TryGetValue(name, out DateTimeOffset expires) && expires > now;

    /// <summary>Records that <paramref name="name"/> is proven not to be a zone cut until <paramref name="expires"/>.</summary>
    public void SetNonCut(DnsName name, DateTimeOffset expires)
    {
        if (_nonCuts.Count >= _capacity)
        {
            _nonCuts.Clear();
        }

        _nonCuts[name] = expires;
    }

    /// <summary>Forgets everything, for example after the trust anchors change.</summary>
    public void Clear()
    {
        _zones.Clear();
        _nonCuts.Clear();
    }
}
