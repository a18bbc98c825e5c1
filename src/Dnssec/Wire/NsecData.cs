namespace Dnssec.Wire;

/// <summary>The RDATA of an NSEC record (RFC 4034 §4): the next owner in canonical order and the types at this owner.</summary>
public readonly struct NsecData
{
    private readonly ReadOnlyMemory<byte> _data;

    private NsecData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The next owner name in the zone's canonical order; the apex for the last NSEC.</summary>
    public DnsName NextDomainName => RecordDataReader.Name(_data.Span, 0, out _);

    /// <summary>The types present at the owner.</summary>
    public TypeBitmap Types => new(_data[RecordDataReader.NameLength(_data.Span, 0)..]);

    /// <summary>Reads the RDATA of an NSEC record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static NsecData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.NSEC);
        return new NsecData(record.Data);
    }

    /// <summary>Encodes NSEC RDATA.</summary>
    public static byte[] Encode(DnsName nextDomainName, IEnumerable<RecordType> types)
    {
        ArgumentNullException.ThrowIfNull(nextDomainName);
        return new RecordDataBuilder().Name(nextDomainName).Bytes(TypeBitmap.Encode(types)).ToArray();
    }
}
