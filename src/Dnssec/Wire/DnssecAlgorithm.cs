namespace Dnssec.Wire;

/// <summary>DNS security algorithm numbers from the IANA registry (RFC 4034 App. A.1, RFC 8624); unknown values survive.</summary>
public enum DnssecAlgorithm : byte
{
    /// <summary>RSA/MD5, must not be used (RFC 8624).</summary>
    RSAMD5 = 1,
    /// <summary>Diffie-Hellman, not a signing algorithm.</summary>
    DH = 2,
    /// <summary>DSA/SHA-1 (RFC 2536).</summary>
    DSA = 3,
    /// <summary>RSA/SHA-1 (RFC 3110).</summary>
    RSASHA1 = 5,
    /// <summary>DSA/SHA-1 for NSEC3 zones (RFC 5155).</summary>
    DSANSEC3SHA1 = 6,
    /// <summary>RSA/SHA-1 for NSEC3 zones (RFC 5155).</summary>
    RSASHA1NSEC3SHA1 = 7,
    /// <summary>RSA/SHA-256 (RFC 5702).</summary>
    RSASHA256 = 8,
    /// <summary>RSA/SHA-512 (RFC 5702).</summary>
    RSASHA512 = 10,
    /// <summary>GOST R 34.10-2001 (RFC 5933).</summary>
    ECCGOST = 12,
    /// <summary>ECDSA on P-256 with SHA-256 (RFC 6605).</summary>
    ECDSAP256SHA256 = 13,
    /// <summary>ECDSA on P-384 with SHA-384 (RFC 6605).</summary>
    ECDSAP384SHA384 = 14,
    /// <summary>Ed25519 (RFC 8080).</summary>
    ED25519 = 15,
    /// <summary>Ed448 (RFC 8080).</summary>
    ED448 = 16,
    /// <summary>SM2 with SM3 (RFC 9563).</summary>
    SM2SM3 = 17,
    /// <summary>GOST R 34.10-2012 (RFC 9558).</summary>
    ECCGOST12 = 23,
    /// <summary>Reserved for indirect keys.</summary>
    INDIRECT = 252,
    /// <summary>Private algorithm identified by a domain name.</summary>
    PRIVATEDNS = 253,
    /// <summary>Private algorithm identified by an OID.</summary>
    PRIVATEOID = 254,
}
