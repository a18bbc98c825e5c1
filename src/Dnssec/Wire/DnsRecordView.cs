namespace Dnssec.Wire;

/// <summary>A resource record read in place from a message; its accessors do not allocate unless they return an object.</summary>
public readonly ref struct DnsRecordView
{
    private readonly ReadOnlySpan<byte> _message;

    internal DnsRecordView(ReadOnlySpan<byte> message, DnsSection section, int ownerOffset, RecordType type, RecordClass @class, uint ttl, int dataOffset, int dataLength, int expandedDataLength, bool compressed, WireFault fault = default)
    {
        Fault = fault;
        _message = message;
        Section = section;
        OwnerOffset = ownerOffset;
        Type = type;
        Class = @class;
        Ttl = ttl;
        DataOffset = dataOffset;
        DataLength = dataLength;
        ExpandedDataLength = expandedDataLength;
        IsCompressed = compressed;
    }

    /// <summary>The section the record was read from.</summary>
    public DnsSection Section { get; }

    /// <summary>The offset of the owner name in the message.</summary>
    public int OwnerOffset { get; }

    /// <summary>The record type.</summary>
    public RecordType Type { get; }

    /// <summary>The class field (the UDP payload size for OPT).</summary>
    public RecordClass Class { get; }

    /// <summary>The TTL field (extended RCODE, version and flags for OPT).</summary>
    public uint Ttl { get; }

    /// <summary>The offset of the RDATA in the message.</summary>
    public int DataOffset { get; }

    /// <summary>RDLENGTH: the RDATA length as sent, compressed names included.</summary>
    public int DataLength { get; }

    /// <summary>The RDATA length once compressed names are expanded.</summary>
    public int ExpandedDataLength { get; }

    /// <summary>The RDATA as it is on the wire; names in it may be compression pointers into the message.</summary>
    public ReadOnlySpan<byte> RawData => _message.Slice(DataOffset, DataLength);

    /// <summary>Whether the RDATA holds compression pointers, so <see cref="RawData"/> is not the record's uncompressed RDATA.</summary>
    public bool IsCompressed { get; }

    /// <summary>
    /// Whether a scrubbing reader found RDATA that does not fit the record's type: its owner, type, class, TTL and
    /// RDLENGTH are sound, but its data must not be used, so <see cref="CopyDataTo"/> and <see cref="ToRecord"/> refuse it.
    /// </summary>
    public bool IsMalformed => Fault.IsFault;

    /// <summary>For a malformed record, the error a strict reader throws for it (built on each call); null otherwise.</summary>
    public DnsFormatException? Malformation => Fault.IsFault ? Fault.ToException() : null;

    /// <summary>What is wrong with the RDATA of a malformed record, without an exception object; no fault for a sound one.</summary>
    internal WireFault Fault { get; }

    /// <summary>Whether the owner equals <paramref name="name"/>, ignoring case; does not allocate.</summary>
    public bool OwnerEquals(DnsName name) => NameCodec.EqualsAt(_message, OwnerOffset, name);

    /// <summary>Reads the owner name.</summary>
    public DnsName ReadOwner() => NameCodec.Read(_message, OwnerOffset, allowCompression: true, out _);

    /// <summary>Copies the uncompressed RDATA into <paramref name="destination"/>, which must hold <see cref="ExpandedDataLength"/> octets.</summary>
    /// <exception cref="InvalidOperationException">The record is malformed.</exception>
    public int CopyDataTo(Span<byte> destination)
    {
        RequireWellFormed();
        return RecordDataCodec.Decompress(_message, DataOffset, DataLength, Type, destination);
    }

    /// <summary>The EDNS(0) fields of an OPT record.</summary>
    /// <exception cref="InvalidOperationException">The record is not OPT.</exception>
    public EdnsView AsEdns() => Type == RecordType.OPT
        ? new EdnsView((ushort)Class, Ttl, RawData)
        : throw new InvalidOperationException("Only an OPT record carries EDNS(0) fields.");

    /// <summary>Builds the record as an object with uncompressed RDATA.</summary>
    /// <exception cref="InvalidOperationException">The record is malformed.</exception>
    public DnsRecord ToRecord()
    {
        RequireWellFormed();
        byte[] data = new byte[ExpandedDataLength];
        CopyDataTo(data);
        return new DnsRecord(ReadOwner(), Type, Class, Ttl, data, trusted: true);
    }

    private void RequireWellFormed()
    {
        if (Fault.IsFault)
        {
            throw new InvalidOperationException($"The {WireFault.TypeName(Type)} record is malformed, so its RDATA cannot be used.");
        }
    }
}
