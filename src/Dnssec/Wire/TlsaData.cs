namespace Dnssec.Wire;

/// <summary>The RDATA of TLSA (RFC 6698 §2.1) and SMIMEA (RFC 8162): usage, selector, matching type and association data.</summary>
public readonly struct TlsaData
{
    private readonly ReadOnlyMemory<byte> _data;

    private TlsaData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The certificate usage: 0 PKIX-TA, 1 PKIX-EE, 2 DANE-TA, 3 DANE-EE (RFC 7218).</summary>
    public byte CertificateUsage => _data.Span[0];

    /// <summary>The selector: 0 whole certificate, 1 SubjectPublicKeyInfo.</summary>
    public byte Selector => _data.Span[1];

    /// <summary>The matching type: 0 exact, 1 SHA-256, 2 SHA-512.</summary>
    public byte MatchingType => _data.Span[2];

    /// <summary>The certificate association data.</summary>
    public ReadOnlyMemory<byte> AssociationData => _data[3..];

    /// <summary>Reads the RDATA of a TLSA or SMIMEA record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static TlsaData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.TLSA, RecordType.SMIMEA);
        return new TlsaData(record.Data);
    }

    /// <summary>Reads TLSA RDATA that has not been checked yet.</summary>
    /// <exception cref="DnsFormatException">The data is shorter than the fixed fields.</exception>
    public static TlsaData Parse(ReadOnlyMemory<byte> data)
    {
        RecordDataReader.Validate(data, RecordType.TLSA);
        return new TlsaData(data);
    }

    /// <summary>Encodes TLSA RDATA.</summary>
    public static byte[] Encode(byte certificateUsage, byte selector, byte matchingType, ReadOnlySpan<byte> associationData) =>
        new RecordDataBuilder(3 + associationData.Length).UInt8(certificateUsage).UInt8(selector).UInt8(matchingType).Bytes(associationData).ToArray();
}
