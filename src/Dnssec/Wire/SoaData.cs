namespace Dnssec.Wire;

/// <summary>The RDATA of an SOA record (RFC 1035 §3.3.13); its minimum field is the negative-caching TTL (RFC 2308 §4).</summary>
public readonly struct SoaData
{
    private readonly ReadOnlyMemory<byte> _data;

    private SoaData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>MNAME: the primary name server.</summary>
    public DnsName PrimaryServer => RecordDataReader.Name(_data.Span, 0, out _);

    /// <summary>RNAME: the mailbox of the person responsible, as a name.</summary>
    public DnsName ResponsibleMailbox
    {
        get
        {
            ReadOnlySpan<byte> span = _data.Span;
            return RecordDataReader.Name(span, RecordDataReader.NameLength(span, 0), out _);
        }
    }

    /// <summary>The zone's serial number.</summary>
    public uint Serial => Number(0);

    /// <summary>Seconds between refreshes by secondaries.</summary>
    public uint Refresh => Number(1);

    /// <summary>Seconds between retries after a failed refresh.</summary>
    public uint Retry => Number(2);

    /// <summary>Seconds after which secondaries stop answering without a refresh.</summary>
    public uint Expire => Number(3);

    /// <summary>The TTL for negative answers (RFC 2308 §4).</summary>
    public uint Minimum => Number(4);

    /// <summary>Reads the RDATA of an SOA record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static SoaData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.SOA);
        return new SoaData(record.Data);
    }

    /// <summary>Encodes SOA RDATA.</summary>
    public static byte[] Encode(DnsName primaryServer, DnsName responsibleMailbox, uint serial, uint refresh, uint retry, uint expire, uint minimum)
    {
        ArgumentNullException.ThrowIfNull(primaryServer);
        ArgumentNullException.ThrowIfNull(responsibleMailbox);
        return new RecordDataBuilder().Name(primaryServer).Name(responsibleMailbox)
            .UInt32(serial).UInt32(refresh).UInt32(retry).UInt32(expire).UInt32(minimum).ToArray();
    }

    private uint Number(int index)
    {
        ReadOnlySpan<byte> span = _data.Span;
        return RecordDataReader.UInt32(span, span.Length - 20 + (4 * index));
    }
}
