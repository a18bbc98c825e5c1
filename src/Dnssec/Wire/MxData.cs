namespace Dnssec.Wire;

/// <summary>The RDATA of MX (RFC 1035 §3.3.9) and of the same-shaped KX, RT and AFSDB: a 16-bit preference and a name.</summary>
public readonly struct MxData
{
    private readonly ReadOnlyMemory<byte> _data;

    private MxData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The preference; lower is preferred.</summary>
    public ushort Preference => RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>The mail exchanger (or key exchanger, route, AFS server) host name.</summary>
    public DnsName Exchange => RecordDataReader.Name(_data.Span, 2, out _);

    /// <summary>Reads the RDATA of an MX, KX, RT or AFSDB record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static MxData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.MX, RecordType.KX, RecordType.RT, RecordType.AFSDB);
        return new MxData(record.Data);
    }

    /// <summary>Encodes MX RDATA.</summary>
    public static byte[] Encode(ushort preference, DnsName exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        return new RecordDataBuilder().UInt16(preference).Name(exchange).ToArray();
    }
}
