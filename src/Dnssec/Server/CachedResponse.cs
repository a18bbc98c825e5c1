using System.Buffers.Binary;

namespace Dnssec.Server;

/// <summary>
/// One response in wire form as the cache holds it: encoded once, with the question name in lower case and the offsets
/// of its TTL fields, so that a hit is a copy stamped with the client's ID, the client's letter case and TTLs lowered
/// by the time it spent here.
/// </summary>
internal sealed class CachedResponse
{
    /// <summary>What an entry costs beyond its octets: the objects, the dictionary node, the tags.</summary>
    private const int Overhead = 192;

    private readonly byte[] _wire;
    private readonly int[] _ttlOffsets;
    private readonly int _nameLength;
    private readonly long _stored;
    private readonly long _expires;
    private readonly long _ticksPerSecond;
    // A new entry counts as used, so that the sweep after it is made takes older entries before it.
    private bool _used = true;

    public CachedResponse(byte[] wire, int[] ttlOffsets, int nameLength, long stored, uint lifetime, long ticksPerSecond, long generation, KeyValuePair<string, object?>[] tags, int keyLength)
    {
        _wire = wire;
        _ttlOffsets = ttlOffsets;
        _nameLength = nameLength;
        _stored = stored;
        _ticksPerSecond = ticksPerSecond;
        _expires = stored + (lifetime * ticksPerSecond);
        Generation = generation;
        Tags = tags;
        Size = wire.Length + (ttlOffsets.Length * sizeof(int)) + keyLength + Overhead;
    }

    /// <summary>How many times the resolver's cache had been emptied when the answer was asked for.</summary>
    public long Generation { get; }

    /// <summary>The tags a hit is counted with in <c>dnssec.server.responses</c>: its RCODE, status and the path Cache.</summary>
    public KeyValuePair<string, object?>[] Tags { get; }

    /// <summary>The length of the response.</summary>
    public int Length => _wire.Length;

    /// <summary>What the entry counts for against the cache's size in octets.</summary>
    public int Size { get; }

    /// <summary>Whether the entry may still be sent at <paramref name="now"/> to a resolver at <paramref name="generation"/>: no TTL has run out and the resolver's cache has not been emptied since.</summary>
    public bool IsFresh(long now, long generation) => now < _expires && generation == Generation;

    /// <summary>Marks the entry as used since the last eviction sweep; written only when it was not, so that hits on several cores do not keep writing one line.</summary>
    public void Touch()
    {
        if (!_used)
        {
            _used = true;
        }
    }

    /// <summary>Whether the entry was used since the last sweep, and clears the mark (the second chance of a clock).</summary>
    public bool TakeUsed()
    {
        bool used = _used;
        _used = false;
        return used;
    }

    /// <summary>
    /// Writes the response for a query with <paramref name="id"/> and question name <paramref name="name"/> (the same
    /// name as cached, in the client's case) into <paramref name="destination"/> at <paramref name="now"/>; returns its length.
    /// </summary>
    public int WriteTo(Span<byte> destination, ushort id, ReadOnlySpan<byte> name, long now)
    {
        Span<byte> response = destination[.._wire.Length];
        _wire.CopyTo(response);
        BinaryPrimitives.WriteUInt16BigEndian(response, id);
        // Clients that randomise the letter case of the question (draft-vixie-dnsext-dns0x20) check it octet for octet;
        // names that point at the question take its case too, as Unbound's answers do.
        name[.._nameLength].CopyTo(response[Wire.DnsHeader.Size..]);
        // RFC 1035 §3.2.1: a cached record's TTL counts down; every TTL is at least the entry's lifetime, so none reaches zero.
        uint age = (uint)((now - _stored) / _ticksPerSecond);
        if (age > 0)
        {
            foreach (int offset in _ttlOffsets)
            {
                BinaryPrimitives.WriteUInt32BigEndian(response[offset..], BinaryPrimitives.ReadUInt32BigEndian(_wire.AsSpan(offset)) - age);
            }
        }

        return _wire.Length;
    }
}
