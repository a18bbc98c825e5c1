using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// What the chain of trust established for one zone: Secure with the DNSKEYs that may verify its data, Insecure at a
/// proven unsigned delegation, or Bogus/Indeterminate with the reason. Cached until <see cref="Expires"/>.
/// </summary>
public sealed class ZoneKeys
{
    internal ZoneKeys(DnsName zone, ValidationResult result, IReadOnlyList<DnsRecord> keys, IReadOnlyList<DnsRecord> delegationSigners, DateTimeOffset expires, IReadOnlyList<DnsRecord>? unusableKeys = null, bool isCut = true)
    {
        Zone = zone;
        Result = result;
        Keys = keys;
        DelegationSigners = delegationSigners;
        Expires = expires;
        UnusableKeys = unusableKeys ?? [];
        IsCut = isCut;
    }

    /// <summary>
    /// Whether <see cref="Zone"/> is known to be a zone cut: keys, a DS, or a proven unsigned delegation. False when the
    /// DS question at the name could not be answered, proved nothing, or could not be checked (NSEC3 iterations above
    /// the limit): the walk stops there, but that says nothing about whether a signer above may hold the name's data.
    /// </summary>
    internal bool IsCut { get; }

    /// <summary>
    /// Whether the zone is Insecure only because an NSEC3 opt-out span covers its name (RFC 5155 §8.6): an unsigned
    /// delegation may be there, but nothing showed one.
    /// </summary>
    internal bool RestsOnOptOut { get; init; }

    /// <summary>The zone apex (for Insecure, the unsigned delegation point).</summary>
    public DnsName Zone { get; }

    /// <summary>The status and its reason.</summary>
    public ValidationResult Result { get; }

    /// <summary>The validated zone keys that may verify the zone's data; empty unless Secure.</summary>
    public IReadOnlyList<DnsRecord> Keys { get; }

    /// <summary>
    /// The keys of the validated DNSKEY RRset that may verify nothing (no Zone flag, REVOKE set, another protocol),
    /// kept only to say why a signature naming one of them fails.
    /// </summary>
    internal IReadOnlyList<DnsRecord> UnusableKeys { get; }

    /// <summary>The DS records (or anchor records) the keys were matched against.</summary>
    public IReadOnlyList<DnsRecord> DelegationSigners { get; }

    /// <summary>When this result stops being usable: the DNSKEY TTL or signature expiry, or a short time for failures.</summary>
    public DateTimeOffset Expires { get; }

    /// <summary>The status.</summary>
    public SecurityStatus Status => Result.Status;
}
