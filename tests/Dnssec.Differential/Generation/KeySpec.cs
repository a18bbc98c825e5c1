using Dnssec.Wire;

namespace Dnssec.Differential.Generation;

/// <summary>One DNSKEY of a zone as the generator wants it: role, algorithm, whether it signs, and how the parent's DS names it.</summary>
public sealed class KeySpec
{
    /// <summary>The key's name within its zone ("ksk", "zsk", "standby-ksk", "colliding-zsk" …), for case files and mutations.</summary>
    public required string Id { get; init; }

    /// <summary>KSK, ZSK or CSK.</summary>
    public required KeyRole Role { get; init; }

    /// <summary>The signature algorithm.</summary>
    public required DnssecAlgorithm Algorithm { get; init; }

    /// <summary>RSA modulus size in bits; 0 for the other algorithms.</summary>
    public int Bits { get; init; }

    /// <summary>False for a key that is only published (a pre-published or standby key of a rollover): it signs nothing.</summary>
    public bool Signs { get; init; } = true;

    /// <summary>The REVOKE bit is set (RFC 5011 §2.1), which changes the key tag; a revoked key signs the DNSKEY RRset.</summary>
    public bool Revoked { get; init; }

    /// <summary>The parent's DS RRset has a DS for this key, in each of the zone's digest types.</summary>
    public bool InDs { get; init; }

    /// <summary>The <see cref="Id"/> of another key of the zone whose key tag this one must share (RFC 4034 Appendix B collisions).</summary>
    public string? SameTagAs { get; init; }
}
