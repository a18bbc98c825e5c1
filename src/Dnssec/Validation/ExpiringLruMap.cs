using System.Diagnostics.CodeAnalysis;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// A map from names to values that expire, bounded in size: when full, the expired entries make room first and,
/// when none has expired, the least recently used one goes (Unbound's key cache is such an LRU hash). Thread-safe.
/// </summary>
internal sealed class ExpiringLruMap<TValue>
{
    private readonly Dictionary<DnsName, LinkedListNode<Entry>> _entries = [];

    // Most recently used first, so the entry to evict is always the last.
    private readonly LinkedList<Entry> _recency = new();
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly TimeProvider _time;

    // No entry expires before this, so a full map whose entries are all live evicts without scanning them; removals
    // may leave it early, which costs one scan that finds nothing and sets it right.
    private DateTimeOffset _earliestExpiry = DateTimeOffset.MaxValue;

    /// <summary>Creates a map of at most <paramref name="capacity"/> entries whose expiry is judged by <paramref name="time"/> when it is full.</summary>
    public ExpiringLruMap(int capacity, TimeProvider time)
    {
        _capacity = capacity;
        _time = time;
    }

    /// <summary>The number of entries held, expired ones included until they are looked up or make room.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>The value for <paramref name="key"/> if it has not expired at <paramref name="now"/>; an expired one is dropped.</summary>
    public bool TryGet(DnsName key, DateTimeOffset now, [MaybeNullWhen(false)] out TValue value)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? node))
            {
                if (node.Value.Expires > now)
                {
                    _recency.Remove(node);
                    _recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }

                Remove(node);
            }
        }

        value = default;
        return false;
    }

    /// <summary>Stores <paramref name="value"/> until <paramref name="expires"/>, replacing any entry for the key.</summary>
    public void Set(DnsName key, TValue value, DateTimeOffset expires)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(key, out LinkedListNode<Entry>? existing))
            {
                Remove(existing);
            }
            else if (_entries.Count >= _capacity)
            {
                MakeRoom();
            }

            _entries[key] = _recency.AddFirst(new Entry(key, value, expires));
            if (expires < _earliestExpiry)
            {
                _earliestExpiry = expires;
            }
        }
    }

    /// <summary>Forgets every entry.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _entries.Clear();
            _recency.Clear();
            _earliestExpiry = DateTimeOffset.MaxValue;
        }
    }

    /// <summary>Removes every expired entry if there is one, otherwise the least recently used entry.</summary>
    private void MakeRoom()
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_earliestExpiry <= now)
        {
            DateTimeOffset earliest = DateTimeOffset.MaxValue;
            for (LinkedListNode<Entry>? node = _recency.Last; node is not null;)
            {
                LinkedListNode<Entry>? previous = node.Previous;
                if (node.Value.Expires <= now)
                {
                    Remove(node);
                }
                else if (node.Value.Expires < earliest)
                {
                    earliest = node.Value.Expires;
                }

                node = previous;
            }

            _earliestExpiry = earliest;
        }

        if (_entries.Count >= _capacity && _recency.Last is { } leastRecent)
        {
            Remove(leastRecent);
        }
    }

    private void Remove(LinkedListNode<Entry> node)
    {
        _entries.Remove(node.Value.Key);
        _recency.Remove(node);
    }

    private readonly record struct Entry(DnsName Key, TValue Value, DateTimeOffset Expires);
}
