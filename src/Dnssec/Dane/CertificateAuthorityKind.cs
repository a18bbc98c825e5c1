namespace Dnssec.Dane;

/// <summary>Why a certificate may issue certificates, in the terms of OpenSSL's X509_check_ca (RFC 5280 §4.2.1.9, §4.2.1.3).</summary>
internal enum CertificateAuthorityKind
{
    /// <summary>It may not: basic constraints say cA false, key usage lacks keyCertSign, or nothing says it is a CA.</summary>
    None,
    /// <summary>Basic constraints with cA true, and keyCertSign if key usage is present: a CA anywhere in a chain.</summary>
    BasicConstraints,
    /// <summary>A self-signed v1 certificate without extensions: a CA only at the top of a chain.</summary>
    SelfSignedVersion1,
    /// <summary>No basic constraints but key usage with keyCertSign: a CA only at the top of a chain.</summary>
    KeyCertSign,
    /// <summary>No basic constraints or key usage but a Netscape CA type: a CA only at the top of a chain.</summary>
    NetscapeType,
}
