namespace Dnssec.Wire;

/// <summary>DS digest type numbers from the IANA registry (RFC 4034, RFC 4509, RFC 6605); unknown values survive.</summary>
public enum DigestType : byte
{
    /// <summary>SHA-1 (RFC 4034).</summary>
    SHA1 = 1,
    /// <summary>SHA-256 (RFC 4509).</summary>
    SHA256 = 2,
    /// <summary>GOST R 34.11-94 (RFC 5933).</summary>
    GOST = 3,
    /// <summary>SHA-384 (RFC 6605).</summary>
    SHA384 = 4,
}
