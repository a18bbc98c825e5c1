namespace Dnssec.Wire;

/// <summary>The RDATA of an NSEC3PARAM record (RFC 5155 §4): the parameters an authoritative server hashes with.</summary>
public readonly struct Nsec3ParamData
{
    private readonly ReadOnlyMemory<byte> _data;

    private Nsec3ParamData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The hash algorithm; 1 is SHA-1.</summary>
    public byte HashAlgorithm => _data.Span[0];

    /// <summary>The flags octet, which must be zero here.</summary>
    public byte Flags => _data.Span[1];

    /// <summary>The number of extra hash iterations.</summary>
    public ushort Iterations => RecordDataReader.UInt16(_data.Span, 2);

    /// <summary>The salt.</summary>
    public ReadOnlyMemory<byte> Salt => _data.Slice(5, _data.Span[4]);

    /// <summary>Reads the RDATA of an NSEC3PARAM record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static Nsec3ParamData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.NSEC3PARAM);
        return new Nsec3ParamData(record.Data);
    }

    /// <summary>Encodes NSEC3PARAM RDATA.</summary>
    public static byte[] Encode(byte hashAlgorithm, byte flags, ushort iterations, ReadOnlySpan<byte> salt) =>
        new RecordDataBuilder().UInt8(hashAlgorithm).UInt8(flags).UInt16(iterations).CharacterString(salt).ToArray();
}
