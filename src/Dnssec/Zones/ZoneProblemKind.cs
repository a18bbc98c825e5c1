namespace Dnssec.Zones;

/// <summary>The kinds of fault <see cref="ZoneVerifier"/> finds in a signed zone.</summary>
public enum ZoneProblemKind
{
    /// <summary>An RRSIG failed: expired, not yet valid, corrupt, or made by an unknown key.</summary>
    BadSignature,
    /// <summary>An authoritative RRset lacks a valid signature by some algorithm of the zone's keys (RFC 6840 §5.11).</summary>
    MissingSignature,
    /// <summary>Data that must stay unsigned carries an RRSIG: glue, or the NS RRset at a delegation (RFC 4035 §2.2).</summary>
    UnexpectedSignature,
    /// <summary>The apex has no usable DNSKEY RRset, or it is not signed by a trusted or secure-entry-point key.</summary>
    UntrustedKeys,
    /// <summary>The NSEC chain is broken: a missing or extra NSEC, a wrong next name or type bitmap (RFC 4034 §4).</summary>
    NsecChain,
    /// <summary>The NSEC3 chain is broken: a missing or extra NSEC3, a wrong next hash, type bitmap or parameters (RFC 5155 §7).</summary>
    Nsec3Chain,
}
