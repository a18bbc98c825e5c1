namespace Dnssec.Dane;

/// <summary>The TLS security levels of Postfix's smtp_tls_security_level, with RFC 7672's DANE levels.</summary>
public enum SmtpSecurityLevel
{
    /// <summary>No TLS at all.</summary>
    None,
    /// <summary>Opportunistic TLS: STARTTLS when offered, the certificate not checked, plain text otherwise.</summary>
    May,
    /// <summary>Mandatory TLS without authentication.</summary>
    Encrypt,
    /// <summary>
    /// Opportunistic DANE (RFC 7672 §2.2): with a Secure MX and usable Secure TLSA records TLS is mandatory and
    /// authenticated by them; with only unusable ones mandatory but unauthenticated; a bogus lookup defers; no DANE
    /// means <see cref="May"/>.
    /// </summary>
    Dane,
    /// <summary>Mandatory DANE: delivery only to MX hosts authenticated by Secure, usable TLSA records.</summary>
    DaneOnly,
    /// <summary>Mandatory TLS, the server certificate or its public key pinned by SHA-256 fingerprint.</summary>
    Fingerprint,
    /// <summary>Mandatory TLS with PKIX (or local trust anchors); the certificate must name the MX host.</summary>
    Verify,
    /// <summary>Mandatory TLS with PKIX (or local trust anchors); the certificate must name the next-hop domain or a subdomain.</summary>
    Secure,
}
