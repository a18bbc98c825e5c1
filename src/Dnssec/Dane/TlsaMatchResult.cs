namespace Dnssec.Dane;

/// <summary>What <see cref="TlsaMatcher"/> decided for one certificate and one TLSA record.</summary>
public enum TlsaMatchResult
{
    /// <summary>The selected content (or its digest) equals the association data.</summary>
    Match,
    /// <summary>The record is usable and the certificate well formed, but they differ.</summary>
    NoMatch,
    /// <summary>
    /// The record cannot be used: an unknown selector or matching type, empty association data, or a digest of the
    /// wrong length (RFC 6698 §4.1, RFC 7671 §4).
    /// </summary>
    UnusableRecord,
    /// <summary>The certificate is not DER of the shape RFC 5280 §4.1 gives; nothing can match it.</summary>
    MalformedCertificate,
}
