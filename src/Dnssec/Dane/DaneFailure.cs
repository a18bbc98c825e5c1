namespace Dnssec.Dane;

/// <summary>Why <see cref="DaneVerifier"/> did not authenticate a server; <see cref="None"/> when it did.</summary>
public enum DaneFailure
{
    /// <summary>A usable TLSA record matched and every check it requires passed.</summary>
    None,
    /// <summary>Every TLSA record had an unknown usage, selector or matching type, or malformed data (RFC 7671 §4.1).</summary>
    NoUsableRecords,
    /// <summary>No usable TLSA record matched any certificate (OpenSSL's X509_V_ERR_DANE_NO_MATCH).</summary>
    NoMatch,
    /// <summary>A record matched, but no reference identifier matches the server certificate (RFC 7671 §5.2.2).</summary>
    NameMismatch,
    /// <summary>
    /// A DANE-TA record matched, but the chain does not connect the leaf to that trust anchor by valid signatures, or a
    /// certificate in it is no CA where it must be one, exceeds a path length constraint, has a critical extension that
    /// is not understood or an EC key with explicit parameters, or cannot be read.
    /// </summary>
    ChainInvalid,
    /// <summary>A record matched, but a certificate below the trust anchor is outside its validity period.</summary>
    Expired,
    /// <summary>A PKIX-TA or PKIX-EE record matched, but PKIX validation against the trust store failed (RFC 7671 §5.3, §5.4).</summary>
    PkixInvalid,
    /// <summary>The server sent no certificate, or one that is not DER X.509.</summary>
    MalformedCertificate,
    /// <summary>
    /// A DANE-TA record matched, but a certificate of the chain is not for TLS servers: its key usage, extended key
    /// usage or Netscape type forbids it (OpenSSL's X509_V_ERR_INVALID_PURPOSE; RFC 5280 §4.2.1.3, §4.2.1.12).
    /// </summary>
    InvalidPurpose,
    /// <summary>
    /// A DANE-TA record matched, but a name of a certificate lies outside the name constraints of a CA above it
    /// (OpenSSL's permitted or excluded subtree violation; RFC 5280 §4.2.1.10).
    /// </summary>
    NameConstraintViolation,
}
