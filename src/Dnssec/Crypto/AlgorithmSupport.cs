namespace Dnssec.Crypto;

/// <summary>Whether a policy lets an algorithm or digest be used, and if not, why.</summary>
public enum AlgorithmSupport
{
    /// <summary>Usable for validation.</summary>
    Supported,
    /// <summary>Known, but RFC 8624 says a validator must not use it (RSAMD5, ECC-GOST) or no implementation exists here.</summary>
    Unsupported,
    /// <summary>Known and implemented, but switched off by the policy (DSA by default, SHA-1 when refused).</summary>
    Disabled,
    /// <summary>Not an assigned signing or digest algorithm.</summary>
    Unknown,
}
