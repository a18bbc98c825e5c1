namespace Dnssec.Wire;

/// <summary>The RDATA of DNSKEY and CDNSKEY (RFC 4034 §2, RFC 7344): flags, protocol, algorithm and public key.</summary>
public readonly struct DnskeyData
{
    /// <summary>The Zone Key flag: only keys with it may verify zone data (RFC 4034 §2.1.1).</summary>
    public const ushort ZoneKeyFlag = 0x0100;

    /// <summary>The REVOKE flag of RFC 5011 §7.</summary>
    public const ushort RevokeFlag = 0x0080;

    /// <summary>The Secure Entry Point flag, a hint that the key signs the DNSKEY set (RFC 4034 §2.1.1).</summary>
    public const ushort SecureEntryPointFlag = 0x0001;

    /// <summary>The only valid protocol value (RFC 4034 §2.1.2).</summary>
    public const byte DnssecProtocol = 3;

    private readonly ReadOnlyMemory<byte> _data;

    private DnskeyData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The 16 flag bits.</summary>
    public ushort Flags => RecordDataReader.UInt16(_data.Span, 0);

    /// <summary>The protocol octet, which must be 3.</summary>
    public byte Protocol => _data.Span[2];

    /// <summary>The signature algorithm.</summary>
    public DnssecAlgorithm Algorithm => (DnssecAlgorithm)_data.Span[3];

    /// <summary>The public key in the algorithm's DNSSEC encoding.</summary>
    public ReadOnlyMemory<byte> PublicKey => _data[4..];

    /// <summary>Whether the Zone Key flag is set.</summary>
    public bool IsZoneKey => (Flags & ZoneKeyFlag) != 0;

    /// <summary>Whether the REVOKE flag is set.</summary>
    public bool IsRevoked => (Flags & RevokeFlag) != 0;

    /// <summary>Whether the Secure Entry Point flag is set.</summary>
    public bool IsSecureEntryPoint => (Flags & SecureEntryPointFlag) != 0;

    /// <summary>The whole RDATA, which key tags and DS digests are computed over.</summary>
    public ReadOnlyMemory<byte> RawData => _data;

    /// <summary>Reads the RDATA of a DNSKEY or CDNSKEY record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static DnskeyData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.DNSKEY, RecordType.CDNSKEY, RecordType.KEY);
        return new DnskeyData(record.Data);
    }

    /// <summary>Reads DNSKEY RDATA that has not been checked yet.</summary>
    /// <exception cref="DnsFormatException">The data is shorter than the fixed fields.</exception>
    public static DnskeyData Parse(ReadOnlyMemory<byte> data)
    {
        RecordDataReader.Validate(data, RecordType.DNSKEY);
        return new DnskeyData(data);
    }

    /// <summary>Encodes DNSKEY RDATA.</summary>
    public static byte[] Encode(ushort flags, byte protocol, DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey) =>
        new RecordDataBuilder(4 + publicKey.Length).UInt16(flags).UInt8(protocol).UInt8((byte)algorithm).Bytes(publicKey).ToArray();
}
