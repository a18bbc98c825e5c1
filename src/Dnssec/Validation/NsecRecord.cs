using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>One NSEC record that is usable in a proof: owner and next name both inside the zone, in canonical order.</summary>
internal sealed class NsecRecord(DnsName owner, DnsName next, TypeBitmap types)
{
    public DnsName Owner { get; } = owner;

    public DnsName Next { get; } = next;

    public TypeBitmap Types { get; } = types;

    /// <summary>NS without SOA: the parent side of a zone cut (RFC 4035 §5.4, RFC 6840 §4.1).</summary>
    public bool IsDelegation => Types.Contains(RecordType.NS) && !Types.Contains(RecordType.SOA);

    public bool HasDname => Types.Contains(RecordType.DNAME);

    public override string ToString() => $"NSEC {Owner} (next {Next})";
}
