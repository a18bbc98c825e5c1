using System.Collections.Concurrent;

namespace Dnssec.Validation;

/// <summary>
/// A size-limited map whose entries expire, for the validator's key cache and the resolver's delegation caches. When a
/// new key would pass the limit, expired entries go first, then the least recently used eighth: the cache never empties
/// at once, so a flood of new zones costs the zones in use no more than a re-walk of a few of them. Reads take no lock.
/// Safe for concurrent use.
/// </summary>
internal sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly Lock _evicting = new();
    private readonly int _capacity;
    private long _clock;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> entries.</summary>
    public BoundedCache(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
    }

    /// <summary>The entries held now, expired ones not yet removed included.</summary>
    public int Count => _entries.Count;

    /// <summary>The value of <paramref name="key"/> unless it expired by <paramref name="now"/>, when it is removed.</summary>
    public bool TryGet(TKey key, DateTimeOffset now, out TValue value)
    {
        if (_entries.TryGetValue(key, out Entry? entry))
        {
            if (entry.Expires > now)
            {
                entry.LastUse = Interlocked.Increment(ref _clock);
                value = entry.Value;
                return true;
            }

            _entries.TryRemove(new KeyValuePair<TKey, Entry>(key, entry));
        }

        value = default!;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> until <paramref name="expires"/>, making room first when the cache is full.</summary>
    public void Set(TKey key, TValue value, DateTimeOffset expires, DateTimeOffset now)
    {
        if (_entries.Count >= _capacity && !_entries.ContainsKey(key))
        {
            Evict(now);
        }

        _entries[key] = new Entry(value, expires) { LastUse = Interlocked.Increment(ref _clock) };
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear() => _entries.Clear();

    private void Evict(DateTimeOffset now)
    {
        lock (_evicting)
        {
            if (_entries.Count < _capacity)
            {
                return;
            }

            foreach (KeyValuePair<TKey, Entry> expired in _entries.Where(pair => pair.Value.Expires <= now))
            {
                _entries.TryRemove(expired);
            }

            int excess = _entries.Count - _capacity + 1;
            if (excess <= 0)
            {
                return;
            }

            int evict = Math.Max(excess, _capacity / 8);
            foreach (KeyValuePair<TKey, Entry> unused in _entries.OrderBy(pair => pair.Value.LastUse).Take(evict).ToList())
            {
                _entries.TryRemove(unused);
            }
        }
    }

    private sealed class Entry(TValue value, DateTimeOffset expires)
    {
        public TValue Value { get; } = value;

        public DateTimeOffset Expires { get; } = expires;

        public long LastUse { get; set; }
    }
}
