namespace Dnssec.Validation;

/// <summary>
/// Work limits that bound validation against KeyTrap (CVE-2023-50387) and NSEC3 hashing floods (CVE-2023-50868).
/// Each has a named default, and values are clamped to a safe range. Exceeding one ends in Bogus with a reason.
/// </summary>
public sealed class ValidationLimits
{
    /// <summary>Default: signature verifications tried for one RRset (Unbound and BIND use small single-digit budgets).</summary>
    public const int DefaultSignatureAttemptsPerRRset = 8;

    /// <summary>Default: signature verifications for a whole answer, its chain of trust included.</summary>
    public const int DefaultSignatureAttemptsPerAnswer = 64;

    /// <summary>Default: DNSKEYs sharing one key tag that are tried for one signature.</summary>
    public const int DefaultKeyTagCollisions = 4;

    /// <summary>Default: DS records that fail to match a key before the DNSKEY RRset is declared bogus.</summary>
    public const int DefaultDsMismatches = 8;

    /// <summary>Default: NSEC3 hash computations (each of 1 + iterations SHA-1 runs) for one answer.</summary>
    public const int DefaultNsec3HashesPerAnswer = 64;

    /// <summary>Default: CNAME and DNAME links followed in one answer.</summary>
    public const int DefaultChainLength = 12;

    /// <summary>Default: zone cuts walked from the trust anchor to one name.</summary>
    public const int DefaultDelegationDepth = 32;

    /// <summary>The limits as defaults.</summary>
    public static ValidationLimits Default { get; } = new();

    /// <summary>Signature verifications tried for one RRset; clamped to 1–64.</summary>
    public int SignatureAttemptsPerRRset { get; init => field = Math.Clamp(value, 1, 64); } = DefaultSignatureAttemptsPerRRset;

    /// <summary>Signature verifications for a whole answer; clamped to 1–1024.</summary>
    public int SignatureAttemptsPerAnswer { get; init => field = Math.Clamp(value, 1, 1024); } = DefaultSignatureAttemptsPerAnswer;

    /// <summary>DNSKEYs sharing one key tag tried for one signature; clamped to 1–32.</summary>
    public int KeyTagCollisions { get; init => field = Math.Clamp(value, 1, 32); } = DefaultKeyTagCollisions;

    /// <summary>DS records that may fail to match before giving up; clamped to 1–64.</summary>
    public int DsMismatches { get; init => field = Math.Clamp(value, 1, 64); } = DefaultDsMismatches;

    /// <summary>NSEC3 hash computations for one answer; clamped to 1–1024.</summary>
    public int Nsec3HashesPerAnswer { get; init => field = Math.Clamp(value, 1, 1024); } = DefaultNsec3HashesPerAnswer;

    /// <summary>CNAME and DNAME links followed; clamped to 1–64.</summary>
    public int ChainLength { get; init => field = Math.Clamp(value, 1, 64); } = DefaultChainLength;

    /// <summary>Zone cuts walked from the anchor to one name; clamped to 1–128.</summary>
    public int DelegationDepth { get; init => field = Math.Clamp(value, 1, 128); } = DefaultDelegationDepth;
}
