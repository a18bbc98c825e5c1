namespace Dnssec.Wire;

/// <summary>The RDATA of an RRSIG record (RFC 4034 §3), read in place.</summary>
public readonly struct RrsigData
{
    /// <summary>The octets before the signer name.</summary>
    public const int FixedLength = 18;

    private readonly ReadOnlyMemory<byte> _data;

    private RrsigData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The type of the RRset the signature covers.</summary>
    public RecordType TypeCovered => (RecordType)RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>The signing algorithm.</summary>
    public DnssecAlgorithm Algorithm => (DnssecAlgorithm)_data.Span[2];

    /// <summary>The label count of the signed owner name, not counting a leading wildcard (RFC 4034 §3.1.3).</summary>
    public byte Labels => _data.Span[3];

    /// <summary>The TTL of the RRset as it is in the authoritative zone.</summary>
    public uint OriginalTtl => RecordDataReader.UInt32(_data.Span, 4);

    /// <summary>The expiration time, seconds since 1970 modulo 2^32 (RFC 4034 §3.1.5).</summary>
    public uint SignatureExpiration => RecordDataReader.UInt32(_data.Span, 8);

    /// <summary>The inception time, seconds since 1970 modulo 2^32.</summary>
    public uint SignatureInception => RecordDataReader.UInt32(_data.Span, 12);

    /// <summary>The key tag of the DNSKEY that made the signature.</summary>
    public ushort KeyTag => RecordDataReader.UInt16(_data.Span, 16);

    /// <summary>The zone that signed, which owns the DNSKEY.</summary>
    public DnsName SignerName => RecordDataReader.Name(_data.Span, FixedLength, out _);

    /// <summary>The signer name in wire form, read without allocating.</summary>
    public ReadOnlySpan<byte> SignerNameWire => _data.Span.Slice(FixedLength, RecordDataReader.NameLength(_data.Span, FixedLength));

    /// <summary>The signature.</summary>
    public ReadOnlyMemory<byte> Signature => _data[SignedFieldsLength..];

    /// <summary>The RDATA before the signature, which is the start of the signed data (RFC 4034 §3.1.8.1).</summary>
    public ReadOnlyMemory<byte> SignedFields => _data[..SignedFieldsLength];

    private int SignedFieldsLength => FixedLength + RecordDataReader.NameLength(_data.Span, FixedLength);

    /// <summary>Reads the RDATA of an RRSIG or SIG record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static RrsigData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.RRSIG, RecordType.SIG);
        return new RrsigData(record.Data);
    }

    /// <summary>Reads RRSIG RDATA that has not been checked yet.</summary>
    /// <exception cref="DnsFormatException">The data does not have the RRSIG layout.</exception>
    public static RrsigData Parse(ReadOnlyMemory<byte> data)
    {
        RecordDataReader.Validate(data, RecordType.RRSIG);
        return new RrsigData(data);
    }

    /// <summary>Encodes RRSIG RDATA; pass an empty signature to get the signed fields alone.</summary>
    public static byte[] Encode(RecordType typeCovered, DnssecAlgorithm algorithm, byte labels, uint originalTtl, uint expiration, uint inception, ushort keyTag, DnsName signerName, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(signerName);
        return new RecordDataBuilder(FixedLength + signerName.WireLength + signature.Length)
            .UInt16((ushort)typeCovered).UInt8((byte)algorithm).UInt8(labels).UInt32(originalTtl)
            .UInt32(expiration).UInt32(inception).UInt16(keyTag).Name(signerName).Bytes(signature).ToArray();
    }
}
