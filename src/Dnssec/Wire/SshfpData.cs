namespace Dnssec.Wire;

/// <summary>The RDATA of an SSHFP record (RFC 4255, RFC 6594).</summary>
public readonly struct SshfpData
{
    private readonly ReadOnlyMemory<byte> _data;

    private SshfpData(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The SSH key algorithm.</summary>
    public byte Algorithm => _data.Span[0];

    /// <summary>The fingerprint type: 1 SHA-1, 2 SHA-256.</summary>
    public byte FingerprintType => _data.Span[1];

    /// <summary>The fingerprint.</summary>
    public ReadOnlyMemory<byte> Fingerprint => _data[2..];

    /// <summary>Reads the RDATA of an SSHFP record.</summary>
    /// <exception cref="ArgumentException">The record is of another type.</exception>
    public static SshfpData From(DnsRecord record)
    {
        RecordDataReader.RequireType(record, RecordType.SSHFP);
        return new SshfpData(record.Data);
    }

    /// <summary>Encodes SSHFP RDATA.</summary>
    public static byte[] Encode(byte algorithm, byte fingerprintType, ReadOnlySpan<byte> fingerprint) =>
        new RecordDataBuilder().UInt8(algorithm).UInt8(fingerprintType).Bytes(fingerprint).ToArray();
}
