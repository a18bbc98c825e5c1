using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A validated RRset that <see cref="DenialCache"/> keeps, with its TTL already capped, when it stops being usable, and
/// the order it was stored in, which breaks ties between equal expiries when the cache has to make room.
/// </summary>
internal sealed record DenialCacheEntry(DnsRRset RRset, DateTimeOffset Expires, long Stored)
{
    /// <summary>The order in which eviction takes entries: the soonest to expire first, then the longest kept.</summary>
    public (DateTimeOffset Expires, long Stored) EvictionOrder => (Expires, Stored);

    /// <summary>Whether the RRset may no longer be used at <paramref name="now"/>.</summary>
    public bool IsExpired(DateTimeOffset now) => now >= Expires;

    /// <summary>The whole seconds of TTL left at <paramref name="now"/>.</summary>
    public uint Remaining(DateTimeOffset now) => now >= Expires ? 0 : (uint)Math.Min(uint.MaxValue, (Expires - now).TotalSeconds);
}
