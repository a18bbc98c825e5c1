using System.Collections.Concurrent;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The resolver's cache: validated RRsets keyed by owner and type (class IN), each with its own verdict and TTL, from
/// which answers and CNAME chains are assembled; and, keyed by question, the answers no RRset can stand for (denials
/// with the records that prove them, wildcard expansions with theirs, DNAME chains, failures). Bounded both in entries
/// and in octets (an estimate of what each entry keeps alive); past either bound, expired entries go first and then the
/// least recently used until an eighth below it, so a flood of new names never empties the cache at once. Reads take
/// no lock; writes and evictions take one. Safe for concurrent use.
/// </summary>
internal sealed class RRsetCache
{
    /// <summary>
    /// What an entry costs beyond its records: the dictionary node and key, the entry, the RRset or answer objects and
    /// their lists, and its verdict with the reason's text once written (measured with <c>cache-footprint</c> in
    /// benchmarks/Dnssec.Benchmarks; the reason is not read to count it, since most are written only when asked for).
    /// </summary>
    private const int EntryOverhead = 512;

    /// <summary>What each record costs beyond its RDATA and owner octets: the record object, its arrays, its owner object and a slot in a list.</summary>
    private const int RecordOverhead = 136;

    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly Lock _writing = new();
    private readonly long _maximumEntries;
    private readonly long _maximumBytes;
    private long _bytes;
    private long _clock;

    /// <summary>Creates a cache of at most <paramref name="maximumEntries"/> entries and <paramref name="maximumBytes"/> octets.</summary>
    public RRsetCache(long maximumEntries, long maximumBytes)
    {
        _maximumEntries = Math.Max(1, maximumEntries);
        _maximumBytes = Math.Max(1, maximumBytes);
    }

    /// <summary>The entries held, expired ones not yet removed included.</summary>
    public int Count => _entries.Count;

    /// <summary>The estimated octets the entries keep alive.</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>The RRset of <paramref name="owner"/> and <paramref name="type"/> unexpired at <paramref name="now"/>.</summary>
    public bool TryGetRRset(DnsName owner, RecordType type, DateTimeOffset now, out CachedRRset rrset)
    {
        rrset = null!;
        if (Find(new Key(owner, type, Question: false), now) is not { } entry)
        {
            return false;
        }

        rrset = (CachedRRset)entry.Value;
        return true;
    }

    /// <summary>The whole answer kept for <paramref name="question"/>, unexpired at <paramref name="now"/>, with when it was stored.</summary>
    public bool TryGetAnswer(DnsQuestion question, DateTimeOffset now, out DnssecAnswer answer, out DateTimeOffset stored)
    {
        answer = null!;
        stored = default;
        if (Find(new Key(question.Name, question.Type, Question: true), now) is not { } entry)
        {
            return false;
        }

        answer = (DnssecAnswer)entry.Value;
        stored = entry.Stored;
        return true;
    }

    /// <summary>Keeps a validated RRset until its <see cref="CachedRRset.Expires"/>, replacing the one of the same owner and type.</summary>
    public void SetRRset(CachedRRset rrset, DateTimeOffset now) =>
        Set(new Key(rrset.RRset.Owner, rrset.RRset.Type, Question: false), rrset, now, rrset.Expires, EntryOverhead + Size(rrset.RRset));

    /// <summary>Keeps a whole answer for its question until its TTL runs out.</summary>
    public void SetAnswer(DnssecAnswer answer, DateTimeOffset now)
    {
        long bytes = EntryOverhead;
        foreach (IReadOnlyList<DnsRRset> section in (ReadOnlySpan<IReadOnlyList<DnsRRset>>)[answer.Sections.Answer, answer.Sections.Authority, answer.Sections.Additional])
        {
            foreach (DnsRRset rrset in section)
            {
                bytes += Size(rrset);
            }
        }

        Set(new Key(answer.Question.Name, answer.Question.Type, Question: true), answer, now, now + answer.Ttl, bytes);
    }

    /// <summary>Forgets everything, as when the trusted keys change.</summary>
    public void Clear()
    {
        lock (_writing)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _bytes, 0);
        }
    }

    /// <summary>The estimated octets an RRset keeps alive: its records' and RRSIGs' RDATA and owners, and the objects around them.</summary>
    internal static long Size(DnsRRset rrset)
    {
        long bytes = 0;
        foreach (IReadOnlyList<DnsRecord> records in (ReadOnlySpan<IReadOnlyList<DnsRecord>>)[rrset.Records, rrset.Signatures])
        {
            foreach (DnsRecord record in records)
            {
                bytes += RecordOverhead + record.Data.Length + record.Owner.WireLength;
            }
        }

        return bytes;
    }

    private Entry? Find(Key key, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out Entry? entry) || entry.Expires <= now)
        {
            return null;
        }

        entry.LastUse = Interlocked.Increment(ref _clock);
        return entry;
    }

    private void Set(Key key, object value, DateTimeOffset now, DateTimeOffset expires, long bytes)
    {
        if (expires <= now)
        {
            return;
        }

        var entry = new Entry(value, now, expires, bytes) { LastUse = Interlocked.Increment(ref _clock) };
        lock (_writing)
        {
            long replaced = _entries.TryGetValue(key, out Entry? old) ? old.Bytes : 0;
            _entries[key] = entry;
            Interlocked.Add(ref _bytes, bytes - replaced);
            if (_entries.Count > _maximumEntries || Bytes > _maximumBytes)
            {
                Evict(now);
            }
        }
    }

    /// <summary>Drops what has expired, then the least recently used until both bounds are an eighth below their limit. Called under the write lock.</summary>
    private void Evict(DateTimeOffset now)
    {
        foreach (KeyValuePair<Key, Entry> pair in _entries)
        {
            if (pair.Value.Expires <= now && _entries.TryRemove(pair))
            {
                Interlocked.Add(ref _bytes, -pair.Value.Bytes);
            }
        }

        long entries = _maximumEntries - (_maximumEntries / 8);
        long bytes = _maximumBytes - (_maximumBytes / 8);
        if (_entries.Count <= _maximumEntries && Bytes <= _maximumBytes)
        {
            return;
        }

        foreach (KeyValuePair<Key, Entry> unused in _entries.OrderBy(pair => pair.Value.LastUse).ToList())
        {
            if (_entries.Count <= entries && Bytes <= bytes)
            {
                return;
            }

            if (_entries.TryRemove(unused))
            {
                Interlocked.Add(ref _bytes, -unused.Value.Bytes);
            }
        }
    }

    /// <summary>An RRset's owner and type, or a question's name and type; names compare without regard to case.</summary>
    private readonly record struct Key(DnsName Name, RecordType Type, bool Question);

    private sealed class Entry(object value, DateTimeOffset stored, DateTimeOffset expires, long bytes)
    {
        public object Value { get; } = value;

        public DateTimeOffset Stored { get; } = stored;

        public DateTimeOffset Expires { get; } = expires;

        public long Bytes { get; } = bytes;

        public long LastUse { get; set; }
    }
}
