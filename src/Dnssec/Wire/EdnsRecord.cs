using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>The EDNS(0) pseudo-record of a message (RFC 6891): payload size, version, DO bit and options.</summary>
public sealed class EdnsRecord
{
    /// <summary>The DO bit in the EDNS flags word (RFC 3225).</summary>
    public const ushort DnssecOkFlag = 0x8000;

    /// <summary>The payload size recommended by DNS Flag Day 2020 to avoid IP fragmentation.</summary>
    public const ushort DefaultUdpPayloadSize = 1232;

    /// <summary>The largest UDP payload the sender can reassemble.</summary>
    public ushort UdpPayloadSize { get; set; } = DefaultUdpPayloadSize;

    /// <summary>The EDNS version; only 0 is defined.</summary>
    public byte Version { get; set; }

    /// <summary>Whether the DO bit asks for DNSSEC records.</summary>
    public bool DnssecOk { get; set; }

    /// <summary>The flag bits other than DO, kept so that a message survives a round trip.</summary>
    public ushort OtherFlags { get; set; }

    /// <summary>The options in the order they appear.</summary>
    public List<EdnsOption> Options { get; } = [];

    /// <summary>The Extended DNS Errors among the options (RFC 8914).</summary>
    public IEnumerable<ExtendedDnsError> ExtendedErrors
    {
        get
        {
            foreach (EdnsOption option in Options)
            {
                if (option.Code == EdnsOptionCode.ExtendedDnsError)
                {
                    yield return ExtendedDnsError.FromOptionData(option.Data.Span);
                }
            }
        }
    }

    /// <summary>The size of the OPT record on the wire.</summary>
    internal int WireSize
    {
        get
        {
            int size = 11;
            foreach (EdnsOption option in Options)
            {
                size += 4 + option.Data.Length;
            }

            return size;
        }
    }

    /// <summary>
    /// Reads the EDNS fields and options of an OPT record view whose options area begins at
    /// <paramref name="optionsOffset"/> in the message. Options are taken while they are whole: one cut short ends the
    /// list, and an Extended DNS Error shorter than its INFO-CODE (RFC 8914 §2) is left out, as Unbound reads them;
    /// what is left out is added to <paramref name="dropped"/>. A strict reader has refused such options already.
    /// </summary>
    internal static EdnsRecord FromView(EdnsView view, int optionsOffset, ref List<DroppedRecord>? dropped)
    {
        var record = new EdnsRecord
        {
            UdpPayloadSize = view.UdpPayloadSize,
            Version = view.Version,
            DnssecOk = view.DnssecOk,
            OtherFlags = (ushort)(view.Flags & ~DnssecOkFlag),
        };
        ReadOnlySpan<byte> options = view.Options;
        int position = 0;
        while (position < options.Length)
        {
            if (position + 4 > options.Length)
            {
                Drop(ref dropped, optionsOffset + position, "EDNS option header is cut short; the options from it on are ignored");
                break;
            }

            var code = (EdnsOptionCode)BinaryPrimitives.ReadUInt16BigEndian(options[position..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(options[(position + 2)..]);
            if (position + 4 + length > options.Length)
            {
                Drop(ref dropped, optionsOffset + position, "EDNS option runs past the end of the OPT RDATA; the options from it on are ignored");
                break;
            }

            if (code == EdnsOptionCode.ExtendedDnsError && length < 2)
            {
                Drop(ref dropped, optionsOffset + position, "Extended DNS Error option is shorter than its INFO-CODE; it is left out");
            }
            else
            {
                record.Options.Add(new EdnsOption(code, options.Slice(position + 4, length).ToArray()));
            }

            position += 4 + length;
        }

        return record;
    }

    private static void Drop(ref List<DroppedRecord>? dropped, int offset, string reason) =>
        (dropped ??= []).Add(new DroppedRecord(DnsSection.Additional, DnsName.Root, RecordType.OPT, offset, DnsFormatError.InvalidEdnsOption, reason));

    /// <summary>The TTL field of the OPT record: extended RCODE, version and flags.</summary>
    internal uint TtlField(byte extendedResponseCode) =>
        ((uint)extendedResponseCode << 24) | ((uint)Version << 16) | (uint)(OtherFlags & ~DnssecOkFlag) | (DnssecOk ? DnssecOkFlag : 0u);
}
