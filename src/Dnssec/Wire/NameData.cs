namespace Dnssec.Wire;

/// <summary>The RDATA of a record that holds just a domain name: NS, CNAME, DNAME, PTR and the obsolete MD, MF, MB, MG, MR.</summary>
public readonly struct NameData
{
    private readonly ReadOnlyMemory<byte> _data;

    private NameData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The name: the name server, alias target, redirection target or pointer.</summary>
    public DnsName Target => RecordDataReader.Name(_data.Span, 0, out _);

    /// <summary>Reads the RDATA of a single-name record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static NameData From(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Type is not (RecordType.NS or RecordType.CNAME or RecordType.DNAME or RecordType.PTR or RecordType.MD or RecordType.MF or RecordType.MB or RecordType.MG or RecordType.MR))
        {
            throw new ArgumentException($"A {record.Type} record does not hold a single name.", nameof(record));
        }

        return new NameData(record.Data);
    }

    /// <summary>Encodes a single name as RDATA.</summary>
    public static byte[] Encode(DnsName target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.WireForm.ToArray();
    }
}
