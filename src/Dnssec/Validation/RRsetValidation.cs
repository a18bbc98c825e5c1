using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>The verdict on one RRset: its status and reason, the TTL it may be cached for, and whether a wildcard produced it.</summary>
public sealed class RRsetValidation
{
    internal RRsetValidation(DnsRRset rrset, ValidationResult result, uint ttl, DnsName? signer, DnsName? wildcard)
    {
        RRset = rrset;
        Result = result;
        Ttl = ttl;
        Signer = signer;
        Wildcard = wildcard;
    }

    /// <summary>The RRset judged.</summary>
    public DnsRRset RRset { get; }

    /// <summary>The status and reason.</summary>
    public ValidationResult Result { get; }

    /// <summary>The status.</summary>
    public SecurityStatus Status => Result.Status;

    /// <summary>The TTL the RRset may be used for: its own, capped by the RRSIG's original TTL and the time to signature expiry (RFC 4035 §5.3.3).</summary>
    public uint Ttl { get; }

    /// <summary>The zone whose key verified the RRset, when one did.</summary>
    public DnsName? Signer { get; }

    /// <summary>The wildcard the RRset was expanded from (RFC 4035 §5.3.4), when the RRSIG labels field says so.</summary>
    public DnsName? Wildcard { get; }

    /// <summary>
    /// Whether the RRset was synthesised from a wildcard at another owner; the wildcard's own RRsets, whose labels field
    /// leaves out the leading "*" (RFC 4034 §3.1.3), are not expansions.
    /// </summary>
    public bool IsWildcardExpansion => Wildcard is not null && !Wildcard.Equals(RRset.Owner);
}
