namespace Dnssec.Wire;

/// <summary>The RDATA of an NSEC3 record (RFC 5155 §3): hash parameters, the next hashed owner and the types present.</summary>
public readonly struct Nsec3Data
{
    /// <summary>The Opt-Out flag (RFC 5155 §3.1.2.1).</summary>
    public const byte OptOutFlag = 0x01;

    private readonly ReadOnlyMemory<byte> _data;

    private Nsec3Data(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The hash algorithm; 1 is SHA-1, the only one defined.</summary>
    public byte HashAlgorithm => _data.Span[0];

    /// <summary>The flags octet.</summary>
    public byte Flags => _data.Span[1];

    /// <summary>Whether the span may cover unsigned delegations (RFC 5155 §6).</summary>
    public bool IsOptOut => (Flags & OptOutFlag) != 0;

    /// <summary>The number of extra hash iterations.</summary>
    public ushort Iterations => RecordDataReader.UInt16(_data.Span, 2);

    /// <summary>The salt appended at each iteration.</summary>
    public ReadOnlyMemory<byte> Salt => _data.Slice(5, _data.Span[4]);

    /// <summary>The next hashed owner name in binary (not base32hex) form.</summary>
    public ReadOnlyMemory<byte> NextHashedOwnerName
    {
        get
        {
            int position = 5 + _data.Span[4];
            return _data.Slice(position + 1, _data.Span[position]);
        }
    }

    /// <summary>The types present at the original owner name.</summary>
    public TypeBitmap Types
    {
        get
        {
            int position = 5 + _data.Span[4];
            return new TypeBitmap(_data[(position + 1 + _data.Span[position])..]);
        }
    }

    /// <summary>Reads the RDATA of an NSEC3 record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static Nsec3Data From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.NSEC3);
        return new Nsec3Data(record.Data);
    }

    /// <summary>Encodes NSEC3 RDATA.</summary>
    public static byte[] Encode(byte hashAlgorithm, byte flags, ushort iterations, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> nextHashedOwnerName, IEnumerable<RecordType> types) =>
        new RecordDataBuilder().UInt8(hashAlgorithm).UInt8(flags).UInt16(iterations)
            .CharacterString(salt).CharacterString(nextHashedOwnerName).Bytes(TypeBitmap.Encode(types)).ToArray();
}
