using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>The EDNS(0) fields of an OPT record read in place (RFC 6891 §6.1.3); options are enumerated without allocating.</summary>
public readonly ref struct EdnsView
{
    internal EdnsView(ushort payloadSize, uint ttl, ReadOnlySpan<byte> options)
    {
        UdpPayloadSize = payloadSize;
        ExtendedResponseCode = (byte)(ttl >> 24);
        Version = (byte)(ttl >> 16);
        Flags = (ushort)ttl;
        Options = options;
    }

    /// <summary>The largest UDP payload the sender can reassemble.</summary>
    public ushort UdpPayloadSize { get; }

    /// <summary>The upper eight bits of the 12-bit RCODE.</summary>
    public byte ExtendedResponseCode { get; }

    /// <summary>The EDNS version; only 0 is defined.</summary>
    public byte Version { get; }

    /// <summary>The 16 flag bits, DO being the top one.</summary>
    public ushort Flags { get; }

    /// <summary>Whether the DO bit asks for DNSSEC records (RFC 3225).</summary>
    public bool DnssecOk => (Flags & EdnsRecord.DnssecOkFlag) != 0;

    /// <summary>The raw options area of the RDATA.</summary>
    public ReadOnlySpan<byte> Options { get; }

    /// <summary>
    /// Finds the first option with <paramref name="code"/> and returns its data. Options are read while they are
    /// whole, as Unbound reads them: from a scrubbing reader, the options after one that is cut short are not seen.
    /// </summary>
    public bool TryGetOption(EdnsOptionCode code, out ReadOnlySpan<byte> data)
    {
        ReadOnlySpan<byte> remaining = Options;
        while (remaining.Length >= 4)
        {
            ushort optionCode = BinaryPrimitives.ReadUInt16BigEndian(remaining);
            int length = BinaryPrimitives.ReadUInt16BigEndian(remaining[2..]);
            if (4 + length > remaining.Length)
            {
                break;
            }

            if (optionCode == (ushort)code)
            {
                data = remaining.Slice(4, length);
                return true;
            }

            remaining = remaining[(4 + length)..];
        }

        data = default;
        return false;
    }

    /// <summary>Checks that the options area is a whole sequence of code/length/data entries.</summary>
    internal static void ValidateOptions(ReadOnlySpan<byte> options, int baseOffset)
    {
        int position = 0;
        while (position < options.Length)
        {
            if (position + 4 > options.Length)
            {
                ThrowHelper.ThrowFormat(DnsFormatError.InvalidEdnsOption, baseOffset + position, "EDNS option header is cut short");
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(options[(position + 2)..]);
            if (position + 4 + length > options.Length)
            {
                ThrowHelper.ThrowEdnsOptionOverrun(baseOffset + position, BinaryPrimitives.ReadUInt16BigEndian(options[position..]));
            }

            // RFC 8914 §2: an Extended DNS Error carries at least its 16-bit INFO-CODE.
            if (BinaryPrimitives.ReadUInt16BigEndian(options[position..]) == (ushort)EdnsOptionCode.ExtendedDnsError && length < 2)
            {
                ThrowHelper.ThrowFormat(DnsFormatError.InvalidEdnsOption, baseOffset + position, "Extended DNS Error option is shorter than its INFO-CODE");
            }

            position += 4 + length;
        }
    }
}
