using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>
/// Decides which DNSSEC signature and DS digest algorithms a validator accepts (RFC 8624 §3.1, §3.3), and the
/// limits on key sizes and NSEC3 iterations.
/// </summary>
public sealed class AlgorithmPolicy
{
    /// <summary>The default NSEC3 iteration limit; answers above it are treated as insecure (RFC 9276 §3.2, as Unbound and BIND do).</summary>
    public const int DefaultMaxNsec3Iterations = 150;

    /// <summary>The smallest RSA modulus RFC 3110 §2 allows.</summary>
    public const int DefaultMinRsaModulusBits = 512;

    /// <summary>The largest RSA modulus RFC 3110 §2 allows.</summary>
    public const int MaxRsaModulusBits = 4096;

    /// <summary>The policy of RFC 8624: every algorithm a validator must or may use, DSA off, SHA-1 on.</summary>
    public static AlgorithmPolicy Default { get; } = new();

    /// <summary>Whether DSA (3) and DSA-NSEC3-SHA1 (6) are accepted, for legacy data only; off by default (RFC 8624 §3.1).</summary>
    public bool AllowDsa { get; init; }

    /// <summary>Whether algorithms and digests built on SHA-1 are accepted: RSASHA1 (5), RSASHA1-NSEC3-SHA1 (7), DS digest 1, and DSA.</summary>
    public bool AllowSha1 { get; init; } = true;

    /// <summary>The NSEC3 iteration count above which a denial is not trusted (RFC 9276 §3.2); clamped to 0–2500.</summary>
    public int MaxNsec3Iterations
    {
        get;
        init => field = Math.Clamp(value, 0, 2500);
    } = DefaultMaxNsec3Iterations;

    /// <summary>The smallest RSA modulus in bits that is accepted; clamped to 512–4096.</summary>
    public int MinRsaModulusBits
    {
        get;
        init => field = Math.Clamp(value, 512, MaxRsaModulusBits);
    } = DefaultMinRsaModulusBits;

    /// <summary>Whether signatures of <paramref name="algorithm"/> are verified under this policy.</summary>
    public AlgorithmSupport GetSupport(DnssecAlgorithm algorithm) => algorithm switch
    {
        DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512 or DnssecAlgorithm.ECDSAP256SHA256
            or DnssecAlgorithm.ECDSAP384SHA384 or DnssecAlgorithm.ED25519 or DnssecAlgorithm.ED448 => AlgorithmSupport.Supported,
        DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 => AllowSha1 ? AlgorithmSupport.Supported : AlgorithmSupport.Disabled,
        DnssecAlgorithm.DSA or DnssecAlgorithm.DSANSEC3SHA1 => AllowDsa && AllowSha1 ? AlgorithmSupport.Supported : AlgorithmSupport.Disabled,
        DnssecAlgorithm.RSAMD5 or DnssecAlgorithm.ECCGOST or DnssecAlgorithm.ECCGOST12 or DnssecAlgorithm.SM2SM3
            or DnssecAlgorithm.DH or DnssecAlgorithm.INDIRECT or DnssecAlgorithm.PRIVATEDNS or DnssecAlgorithm.PRIVATEOID => AlgorithmSupport.Unsupported,
        _ => AlgorithmSupport.Unknown,
    };

    /// <summary>Whether DS records of <paramref name="digestType"/> are used under this policy (RFC 8624 §3.3).</summary>
    public AlgorithmSupport GetSupport(DigestType digestType) => digestType switch
    {
        DigestType.SHA256 or DigestType.SHA384 => AlgorithmSupport.Supported,
        DigestType.SHA1 => AllowSha1 ? AlgorithmSupport.Supported : AlgorithmSupport.Disabled,
        DigestType.GOST => AlgorithmSupport.Unsupported,
        _ => AlgorithmSupport.Unknown,
    };

    /// <summary>Whether <paramref name="algorithm"/> is usable.</summary>
    public bool IsSupported(DnssecAlgorithm algorithm) => GetSupport(algorithm) == AlgorithmSupport.Supported;

    /// <summary>Whether <paramref name="digestType"/> is usable.</summary>
    public bool IsSupported(DigestType digestType) => GetSupport(digestType) == AlgorithmSupport.Supported;
}
