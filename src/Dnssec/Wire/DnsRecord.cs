namespace Dnssec.Wire;

/// <summary>
/// A resource record: owner, type, class, TTL and RDATA in uncompressed wire form with its original case.
/// Typed views such as <see cref="RrsigData"/> read the RDATA without copying.
/// </summary>
public sealed class DnsRecord
{
    /// <summary>Creates a record after checking the RDATA against the layout its type requires.</summary>
    /// <exception cref="DnsFormatException">The RDATA does not fit the type's layout or is over 65535 octets.</exception>
    public DnsRecord(DnsName owner, RecordType type, RecordClass @class, uint ttl, ReadOnlyMemory<byte> data)
        : this(owner, type, @class, ttl, data, trusted: false)
    {
    }

    internal DnsRecord(DnsName owner, RecordType type, RecordClass @class, uint ttl, ReadOnlyMemory<byte> data, bool trusted)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!trusted)
        {
            if (data.Length > ushort.MaxValue)
            {
                ThrowHelper.ThrowFormat(DnsFormatError.TooLarge, 0, "RDATA is over 65535 octets");
            }

            RecordDataCodec.Validate(data.Span, 0, data.Length, type, messageContext: false);
        }

        Owner = owner;
        Type = type;
        Class = @class;
        Ttl = ttl;
        Data = data;
    }

    /// <summary>The owner name.</summary>
    public DnsName Owner { get; }

    /// <summary>The record type.</summary>
    public RecordType Type { get; }

    /// <summary>The class; for OPT this field carries the UDP payload size instead.</summary>
    public RecordClass Class { get; }

    /// <summary>The time to live in seconds; for OPT this field carries the extended RCODE, version and flags instead.</summary>
    public uint Ttl { get; }

    /// <summary>The RDATA in uncompressed wire form.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Returns the same record with another TTL.</summary>
    public DnsRecord WithTtl(uint ttl) => ttl == Ttl ? this : new DnsRecord(Owner, Type, Class, ttl, Data, trusted: true);

    /// <summary>Returns the same record with another owner, as wildcard expansion and DNAME synthesis need.</summary>
    public DnsRecord WithOwner(DnsName owner) => new(owner, Type, Class, Ttl, Data, trusted: true);

    /// <summary>Whether the other record has the same owner (ignoring case), type, class and RDATA; the TTL is not compared (RFC 2181 §5).</summary>
    public bool SameData(DnsRecord other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Type == other.Type && Class == other.Class && Owner.Equals(other.Owner) &&
            CanonicalOrder.CompareRecordData(Type, Data.Span, other.Data.Span) == 0;
    }

    /// <summary>A short description for diagnostics: owner, TTL, class, type and RDATA length.</summary>
    public override string ToString() => $"{Owner} {Ttl} {Class} {Type} ({Data.Length} octets)";
}
