namespace Dnssec.Wire;

/// <summary>The RDATA of an SRV record (RFC 2782).</summary>
public readonly struct SrvData
{
    private readonly ReadOnlyMemory<byte> _data;

    private SrvData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The priority; lower is tried first.</summary>
    public ushort Priority => RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>The relative weight among targets of equal priority.</summary>
    public ushort Weight => RecordDataReader.UInt16(_data.Span, 2);

    /// <summary>The port of the service.</summary>
    public ushort Port => RecordDataReader.UInt16(_data.Span, 4);

    /// <summary>The host providing the service; the root means "not available here".</summary>
    public DnsName Target => RecordDataReader.Name(_data.Span, 6, out _);

    /// <summary>Reads the RDATA of an SRV record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static SrvData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.SRV);
        return new SrvData(record.Data);
    }

    /// <summary>Encodes SRV RDATA.</summary>
    public static byte[] Encode(ushort priority, ushort weight, ushort port, DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return new RecordDataBuilder().UInt16(priority).UInt16(weight).UInt16(port).Name(target).ToArray();
    }
}
