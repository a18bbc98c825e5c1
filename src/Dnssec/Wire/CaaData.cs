using System.Text;

namespace Dnssec.Wire;

/// <summary>The RDATA of a CAA record (RFC 8659 §4.1).</summary>
public readonly struct CaaData
{
    private readonly ReadOnlyMemory<byte> _data;

    private CaaData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The flags octet.</summary>
    public byte Flags => _data.Span[0];

    /// <summary>Whether the issuer-critical flag is set: a CA that does not understand the tag must not issue.</summary>
    public bool IsCritical => (Flags & 0x80) != 0;

    /// <summary>The property tag, such as "issue".</summary>
    public string Tag => Encoding.ASCII.GetString(_data.Span.Slice(2, _data.Span[1]));

    /// <summary>The property value.</summary>
    public ReadOnlyMemory<byte> Value => _data[(2 + _data.Span[1])..];

    /// <summary>Reads the RDATA of a CAA record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static CaaData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.CAA);
        return new CaaData(record.Data);
    }

    /// <summary>Encodes CAA RDATA.</summary>
    public static byte[] Encode(byte flags, string tag, ReadOnlySpan<byte> value)
    {
        ArgumentException.ThrowIfNullOrEmpty(tag);
        return new RecordDataBuilder().UInt8(flags).CharacterString(Encoding.ASCII.GetBytes(tag)).Bytes(value).ToArray();
    }
}
