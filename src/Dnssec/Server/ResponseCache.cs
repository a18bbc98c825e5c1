using System.Collections.Concurrent;
using System.Buffers.Binary;
using Dnssec.Wire;

namespace Dnssec.Server;

/// <summary>
/// The server's responses in wire form, by question (name in lower case, type) and the query fields that shape the
/// response (RD, AD, DO, EDNS(0) present, the size it may take), so that a repeated question is answered by copying
/// bytes rather than by resolving, building and encoding again. An entry lives as long as its smallest TTL and no
/// longer than the answer it was built from (for failures, the resolver's failure TTL), and only while the resolver
/// has not emptied its cache since. The whole is bounded in octets: once over, a sweep drops what has expired, then
/// what was not used since the last sweep, then anything, until a quarter of the room is free, never all at once.
/// </summary>
internal sealed class ResponseCache
{
    /// <summary>The longest key: the shape, the size, the type and a name of 255 octets.</summary>
    public const int MaximumKeyLength = KeyPrefixLength + 255;

    /// <summary>Shape bit: the query set RD, which the response copies.</summary>
    public const byte RecursionDesired = 1;

    /// <summary>Shape bit: the query set AD, which asks for AD on a secure answer (RFC 6840 §5.7).</summary>
    public const byte AuthenticData = 2;

    /// <summary>Shape bit: the query set DO, which asks for RRSIG, NSEC and NSEC3 records (RFC 3225).</summary>
    public const byte DnssecOk = 4;

    /// <summary>Shape bit: the query had an OPT record, so the response has one.</summary>
    public const byte Edns = 8;

    private const int KeyPrefixLength = 5;

    private readonly ConcurrentDictionary<byte[], CachedResponse> _entries = new(KeyComparer.Instance);
    private readonly ConcurrentDictionary<byte[], CachedResponse>.AlternateLookup<ReadOnlySpan<byte>> _lookup;
    private readonly long _capacity;
    private readonly Lock _sweeping = new();
    private long _size;

    /// <summary>Creates a cache of at most <paramref name="capacity"/> octets; 0 keeps nothing.</summary>
    public ResponseCache(long capacity)
    {
        _capacity = capacity;
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<byte>>();
    }

    /// <summary>Whether anything is kept at all.</summary>
    public bool IsEnabled => _capacity > 0;

    /// <summary>The octets the entries count for now.</summary>
    public long Size => Volatile.Read(ref _size);

    /// <summary>How many entries are held, fresh or not.</summary>
    public int Count => _entries.Count;

    /// <summary>Writes the key of a question into <paramref name="key"/> and returns its length; <paramref name="name"/> is the uncompressed wire form in any case.</summary>
    public static int WriteKey(Span<byte> key, ReadOnlySpan<byte> name, RecordType type, byte shape, int maximumSize)
    {
        key[0] = shape;
        BinaryPrimitives.WriteUInt16BigEndian(key[1..], (ushort)maximumSize);
        BinaryPrimitives.WriteUInt16BigEndian(key[3..], (ushort)type);
        // Only A–Z fold (RFC 4343 §3); a label's length octet is below 64, so folding the whole name touches only letters.
        AsciiCase.ToLower(name, key[KeyPrefixLength..]);
        return KeyPrefixLength + name.Length;
    }

    /// <summary>The entry for <paramref name="key"/> if it may be sent at <paramref name="now"/>; allocates nothing.</summary>
    public CachedResponse? Find(ReadOnlySpan<byte> key, long now, long generation)
    {
        if (_lookup.TryGetValue(key, out CachedResponse? entry) && entry.IsFresh(now, generation))
        {
            entry.Touch();
            return entry;
        }

        return null;
    }

    /// <summary>
    /// Encodes <paramref name="response"/> (at most <paramref name="maximumSize"/> octets, as it would be sent) with its
    /// question name in lower case and keeps it under <paramref name="key"/>; null when it may not be kept: a TTL of zero,
    /// an answer not to be cached, or a response too large for the room.
    /// </summary>
    public CachedResponse? Add(byte[] key, DnsMessage response, TimeSpan answerTtl, int maximumSize, KeyValuePair<string, object?>[] tags, long now, long ticksPerSecond, long generation)
    {
        DnsQuestion asked = response.Questions[0];
        byte[] wire;
        response.Questions[0] = asked with { Name = asked.Name.ToLowerCase() };
        try
        {
            wire = response.ToArray(maximumSize);
        }
        finally
        {
            response.Questions[0] = asked;
        }

        var offsets = new List<int>();
        uint lifetime = (uint)Math.Clamp(Math.Floor(answerTtl.TotalSeconds), 0, uint.MaxValue);
        var reader = new DnsMessageReader(wire);
        while (reader.ReadRecord(out DnsRecordView record))
        {
            if (record.Type != RecordType.OPT)
            {
                // The TTL is the four octets after type and class, just before RDLENGTH.
                offsets.Add(record.DataOffset - 6);
                lifetime = Math.Min(lifetime, record.Ttl);
            }
        }

        var entry = new CachedResponse(wire, [.. offsets], asked.Name.WireLength, now, lifetime, ticksPerSecond, generation, tags, key.Length);
        if (lifetime == 0 || entry.Size > _capacity / 4)
        {
            return null;
        }

        if (_entries.TryGetValue(key, out CachedResponse? old))
        {
            if (_entries.TryUpdate(key, entry, old))
            {
                Interlocked.Add(ref _size, entry.Size - old.Size);
            }
        }
        else if (_entries.TryAdd(key, entry))
        {
            Interlocked.Add(ref _size, entry.Size);
        }

        if (Volatile.Read(ref _size) > _capacity)
        {
            Sweep(now, generation);
        }

        return entry;
    }

    /// <summary>Drops entries until a quarter of the room is free: first the expired and unused, then any; one sweeper at a time.</summary>
    private void Sweep(long now, long generation)
    {
        if (!_sweeping.TryEnter())
        {
            return;
        }

        try
        {
            long target = _capacity - (_capacity / 4);
            for (int pass = 0; pass < 2 && Volatile.Read(ref _size) > target; pass++)
            {
                foreach (KeyValuePair<byte[], CachedResponse> item in _entries)
                {
                    if (Volatile.Read(ref _size) <= target)
                    {
                        break;
                    }

                    CachedResponse entry = item.Value;
                    bool drop = pass > 0 || !entry.IsFresh(now, generation) || !entry.TakeUsed();
                    if (drop && _entries.TryRemove(item))
                    {
                        Interlocked.Add(ref _size, -entry.Size);
                    }
                }
            }
        }
        finally
        {
            _sweeping.Exit();
        }
    }

    /// <summary>Compares keys octet for octet, and hashes them with the process's random seed so that clients cannot aim at one bucket.</summary>
    private sealed class KeyComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly KeyComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> key)
        {
            var hash = new HashCode();
            hash.AddBytes(key);
            return hash.ToHashCode();
        }
    }
}
