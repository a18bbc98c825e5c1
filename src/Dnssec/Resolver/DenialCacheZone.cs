using System.Runtime.InteropServices;
using Dnssec.Crypto;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// One signed zone's validated SOA, NSEC or NSEC3 RRsets and wildcard RRsets as <see cref="DenialCache"/> keeps them,
/// each until its capped TTL runs out, sorted so that the few records a proof about a name needs are found by binary search: the NSEC
/// owners in canonical order (RFC 4034 §6.1), the NSEC3 owners by hash within each parameter set. Callers hold the lock.
/// </summary>
internal sealed class DenialCacheZone(DnsName apex)
{
    private readonly List<NsecEntry> _nsecs = [];
    private readonly List<Nsec3Set> _nsec3Sets = [];
    private readonly Dictionary<(DnsName Owner, RecordType Type), DenialCacheEntry> _wildcards = [];

    /// <summary>The zone's apex, which signed every RRset kept here.</summary>
    public DnsName Apex { get; } = apex;

    /// <summary>Taken around every read and write of the zone.</summary>
    public Lock Gate { get; } = new();

    /// <summary>The zone's validated SOA RRset, whose TTL and MINIMUM bound a synthesised answer's (RFC 2308 §5).</summary>
    public DenialCacheEntry? Soa { get; private set; }

    /// <summary>The chain of trust that the latest records kept were validated with, handed out with a synthesised answer.</summary>
    public IReadOnlyList<ZoneKeys> Chain { get; set; } = [];

    /// <summary>Set when the cache has dropped the zone, so that a writer holding it adds to a new one instead.</summary>
    public bool Retired { get; set; }

    /// <summary>The NSEC, NSEC3 and wildcard RRsets kept.</summary>
    public int Count => _nsecs.Count + _nsec3Sets.Sum(set => set.Entries.Count) + _wildcards.Count;

    /// <summary>Whether any wildcard RRset is kept, so that a question may be worth checking against them.</summary>
    public bool HasWildcards => _wildcards.Count > 0;

    /// <summary>Keeps the zone's SOA.</summary>
    public void SetSoa(DenialCacheEntry soa) => Soa = soa;

    /// <summary>
    /// Keeps a wildcard's own RRset (owner <c>*.&lt;closest encloser&gt;</c>, its RRSIGs as signed), replacing the one of
    /// the same owner and type; returns whether the count grew.
    /// </summary>
    public bool AddWildcard(DenialCacheEntry entry)
    {
        var key = (entry.RRset.Owner, entry.RRset.Type);
        bool added = !_wildcards.ContainsKey(key);
        _wildcards[key] = entry;
        return added;
    }

    /// <summary>The unexpired RRset of <paramref name="type"/> kept for the wildcard <paramref name="wildcard"/>, or null.</summary>
    public DenialCacheEntry? Wildcard(DnsName wildcard, RecordType type, DateTimeOffset now) =>
        _wildcards.TryGetValue((wildcard, type), out DenialCacheEntry? entry) && !entry.IsExpired(now) ? entry : null;

    /// <summary>Keeps an NSEC RRset, replacing the one of the same owner; returns whether the count grew.</summary>
    public bool AddNsec(DenialCacheEntry entry)
    {
        NsecData data = NsecData.From(entry.RRset.Records[0]);
        var nsec = new NsecEntry(entry, new NsecRecord(entry.RRset.Owner, data.NextDomainName, data.Types));
        int index = FindNsec(entry.RRset.Owner);
        if (index >= 0)
        {
            _nsecs[index] = nsec;
            return false;
        }

        _nsecs.Insert(~index, nsec);
        return true;
    }

    /// <summary>
    /// Keeps an NSEC3 RRset of a usable parameter set (SHA-1, flags 0 or 1, a hashed owner label directly below the
    /// apex), replacing the one of the same hash; returns whether the count grew, false too for an unusable record.
    /// </summary>
    public bool AddNsec3(DenialCacheEntry entry)
    {
        DnsRRset rrset = entry.RRset;
        Nsec3Data data = Nsec3Data.From(rrset.Records[0]);
        if (data.HashAlgorithm != Nsec3Hasher.Sha1 || (data.Flags & ~Nsec3Data.OptOutFlag) != 0
            || rrset.Owner.LabelCount != Apex.LabelCount + 1 || !Nsec3Hasher.TryDecodeLabel(rrset.Owner.GetLabel(0), out byte[]? hash))
        {
            return false;
        }

        Nsec3Set? set = _nsec3Sets.Find(s => s.Iterations == data.Iterations && s.Salt.AsSpan().SequenceEqual(data.Salt.Span));
        if (set is null)
        {
            set = new Nsec3Set(data.Salt.ToArray(), data.Iterations);
            _nsec3Sets.Add(set);
        }

        var nsec3 = new Nsec3Entry(entry, hash);
        int index = set.Find(hash);
        if (index >= 0)
        {
            set.Entries[index] = nsec3;
            return false;
        }

        set.Entries.Insert(~index, nsec3);
        return true;
    }

    /// <summary>
    /// The NSEC RRsets a proof about <paramref name="name"/> may need, unexpired at <paramref name="now"/>: the one whose
    /// owner is the name or precedes it most closely, and, unless that one is the name's own, the one that most closely
    /// precedes or is the wildcard at the closest encloser it implies (RFC 4035 §5.4). Empty when none is kept.
    /// </summary>
    public List<DenialCacheEntry> SelectNsec(DnsName name, DateTimeOffset now)
    {
        List<DenialCacheEntry> selected = [];
        if (Preceding(name, now) is not { } span)
        {
            return selected;
        }

        selected.Add(span.Entry);
        if (!span.Entry.RRset.Owner.Equals(name))
        {
            DnsName encloser = NsecChain.ClosestEncloser(span.Record, name);
            if (encloser.IsSubdomainOf(Apex) && Preceding(encloser.ToWildcard(), now) is { } wildcard && !ReferenceEquals(wildcard, span))
            {
                selected.Add(wildcard.Entry);
            }
        }

        return selected;
    }

    /// <summary>
    /// The NSEC3 RRsets of one parameter set that a proof about <paramref name="name"/> may need (RFC 5155 §8.3–8.7),
    /// unexpired at <paramref name="now"/>: the one matching the closest ancestor (the name included) that has one; the
    /// one covering the next closer name below it, when that is not the name itself; and the one matching or covering
    /// the wildcard at it. Empty when the kept records cannot make a closest encloser proof, or the iterations exceed
    /// <paramref name="policy"/>'s limit (RFC 9276 §3.2), which no hash is computed for.
    /// </summary>
    public List<DenialCacheEntry> SelectNsec3(DnsName name, DateTimeOffset now, AlgorithmPolicy policy)
    {
        Span<byte> hash = stackalloc byte[Nsec3Hasher.HashLength];
        foreach (Nsec3Set set in _nsec3Sets)
        {
            if (set.Iterations > policy.MaxNsec3Iterations || set.Entries.Count == 0)
            {
                continue;
            }

            DenialCacheEntry? nextCloserCover = null;
            for (int labels = name.LabelCount; labels >= Apex.LabelCount; labels--)
            {
                DnsName ancestor = name.GetAncestor(labels);
                Nsec3Hasher.Compute(ancestor, set.Salt, set.Iterations, hash);
                int index = set.Find(hash);
                if (index < 0)
                {
                    nextCloserCover = set.Preceding(~index, now);
                    continue;
                }

                if (set.Entries[index].Entry.IsExpired(now))
                {
                    break;
                }

                List<DenialCacheEntry> selected = [set.Entries[index].Entry];
                if (labels == name.LabelCount)
                {
                    return selected;
                }

                if (nextCloserCover is null)
                {
                    break;
                }

                selected.Add(nextCloserCover);
                Nsec3Hasher.Compute(ancestor.ToWildcard(), set.Salt, set.Iterations, hash);
                int wildcard = set.Find(hash);
                if ((wildcard >= 0 ? set.Entries[wildcard].Entry : set.Preceding(~wildcard, now)) is { } wildcardEntry
                    && !wildcardEntry.IsExpired(now) && !selected.Contains(wildcardEntry))
                {
                    selected.Add(wildcardEntry);
                }

                return selected;
            }
        }

        return [];
    }

    /// <summary>Whether the zone keeps NSEC3 rather than NSEC records.</summary>
    public bool UsesNsec3 => _nsec3Sets.Exists(set => set.Entries.Count > 0);

    /// <summary>Drops everything expired at <paramref name="moment"/> (now, or later to make room) and returns how many NSEC and NSEC3 RRsets went.</summary>
    public int RemoveExpiredAt(DateTimeOffset moment)
    {
        if (Soa is { } soa && soa.IsExpired(moment))
        {
            Soa = null;
        }

        int removed = _nsecs.RemoveAll(e => e.Entry.IsExpired(moment));
        foreach (Nsec3Set set in _nsec3Sets)
        {
            removed += set.Entries.RemoveAll(e => e.Entry.IsExpired(moment));
        }

        return removed + RemoveWildcards(entry => entry.IsExpired(moment));
    }

    /// <summary>Drops the NSEC and NSEC3 RRsets that come no later than <paramref name="last"/> in eviction order and returns how many went.</summary>
    public int RemoveUpTo((DateTimeOffset Expires, long Stored) last)
    {
        int removed = _nsecs.RemoveAll(e => e.Entry.EvictionOrder.CompareTo(last) <= 0);
        foreach (Nsec3Set set in _nsec3Sets)
        {
            removed += set.Entries.RemoveAll(e => e.Entry.EvictionOrder.CompareTo(last) <= 0);
        }

        return removed + RemoveWildcards(entry => entry.EvictionOrder.CompareTo(last) <= 0);
    }

    /// <summary>The eviction order of every NSEC, NSEC3 and wildcard RRset kept, for choosing what to evict.</summary>
    public IEnumerable<(DateTimeOffset Expires, long Stored)> EvictionOrders() =>
        _nsecs.Select(e => e.Entry.EvictionOrder)
            .Concat(_nsec3Sets.SelectMany(set => set.Entries.Select(e => e.Entry.EvictionOrder)))
            .Concat(_wildcards.Values.Select(e => e.EvictionOrder));

    private int RemoveWildcards(Func<DenialCacheEntry, bool> drop)
    {
        int removed = 0;
        foreach (KeyValuePair<(DnsName Owner, RecordType Type), DenialCacheEntry> wildcard in _wildcards)
        {
            if (drop(wildcard.Value) && _wildcards.Remove(wildcard.Key))
            {
                removed++;
            }
        }

        return removed;
    }

    /// <summary>The index of the NSEC of <paramref name="owner"/>, or the bitwise complement of where it would go.</summary>
    private int FindNsec(DnsName owner) => CollectionsMarshal.AsSpan(_nsecs).BinarySearch(new OwnerOrder(owner));

    /// <summary>The unexpired NSEC whose owner is <paramref name="name"/> or precedes it most closely; null when none does.</summary>
    private NsecEntry? Preceding(DnsName name, DateTimeOffset now)
    {
        int index = FindNsec(name);
        index = index >= 0 ? index : ~index - 1;
        return index >= 0 && !_nsecs[index].Entry.IsExpired(now) ? _nsecs[index] : null;
    }

    private sealed record NsecEntry(DenialCacheEntry Entry, NsecRecord Record);

    private sealed record Nsec3Entry(DenialCacheEntry Entry, byte[] Hash);

    /// <summary>Where a name falls among NSEC owners: canonical order (RFC 4034 §6.1).</summary>
    private readonly struct OwnerOrder(DnsName owner) : IComparable<NsecEntry>
    {
        public int CompareTo(NsecEntry? other) => owner.CompareTo(other!.Entry.RRset.Owner);
    }

    /// <summary>Where a hash falls among NSEC3 owner hashes: as unsigned octet strings.</summary>
    private readonly ref struct HashOrder(ReadOnlySpan<byte> hash) : IComparable<Nsec3Entry>
    {
        private readonly ReadOnlySpan<byte> _hash = hash;

        public int CompareTo(Nsec3Entry? other) => _hash.SequenceCompareTo(other!.Hash);
    }

    /// <summary>The NSEC3 records of one salt and iteration count, sorted by owner hash.</summary>
    private sealed class Nsec3Set(byte[] salt, int iterations)
    {
        public byte[] Salt { get; } = salt;

        public int Iterations { get; } = iterations;

        public List<Nsec3Entry> Entries { get; } = [];

        /// <summary>The index of the record of <paramref name="hash"/>, or the bitwise complement of where it would go.</summary>
        public int Find(ReadOnlySpan<byte> hash) => CollectionsMarshal.AsSpan(Entries).BinarySearch(new HashOrder(hash));

        /// <summary>
        /// The unexpired record before insertion point <paramref name="insertion"/>; before the first, the last, since
        /// the chain's last record is the one that wraps around to cover hashes below the first (RFC 5155 §3.1.7).
        /// </summary>
        public DenialCacheEntry? Preceding(int insertion, DateTimeOffset now)
        {
            DenialCacheEntry entry = Entries[insertion > 0 ? insertion - 1 : Entries.Count - 1].Entry;
            return entry.IsExpired(now) ? null : entry;
        }
    }
}
