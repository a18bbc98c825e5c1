namespace Dnssec.Wire;

/// <summary>The RDATA of DS and CDS (RFC 4034 §5, RFC 7344): a digest of a child zone's DNSKEY.</summary>
public readonly struct DsData
{
    private readonly ReadOnlyMemory<byte> _data;

    private DsData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The key tag of the DNSKEY the digest is of.</summary>
    public ushort KeyTag => RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>The algorithm of that DNSKEY.</summary>
    public DnssecAlgorithm Algorithm => (DnssecAlgorithm)_data.Span[2];

    /// <summary>The digest algorithm.</summary>
    public DigestType DigestType => (DigestType)_data.Span[3];

    /// <summary>The digest of the owner name and DNSKEY RDATA.</summary>
    public ReadOnlyMemory<byte> Digest => _data[4..];

    /// <summary>Reads the RDATA of a DS, CDS, TA or DLV record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static DsData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.DS, RecordType.CDS, RecordType.TA, RecordType.DLV);
        return new DsData(record.Data);
    }

    /// <summary>Reads DS RDATA that has not been checked yet.</summary>
    /// <exception cref="DnsFormatException">The data is shorter than the fixed fields.</exception>
    public static DsData Parse(ReadOnlyMemory<byte> data)
    {
        RecordDataReader.Validate(data, RecordType.DS);
        return new DsData(data);
    }

    /// <summary>Encodes DS RDATA.</summary>
    public static byte[] Encode(ushort keyTag, DnssecAlgorithm algorithm, DigestType digestType, ReadOnlySpan<byte> digest) =>
        new RecordDataBuilder().UInt16(keyTag).UInt8((byte)algorithm).UInt8((byte)digestType).Bytes(digest).ToArray();
}
