namespace Dnssec.Dane;

/// <summary>
/// Whether the certificates of a DANE-TA chain may serve TLS server authentication, as OpenSSL's "SSL server"
/// purpose decides for the leaf and for each issuer (RFC 5280 §4.2.1.3, §4.2.1.9, §4.2.1.12).
/// </summary>
internal static class TlsServerPurpose
{
    /// <summary>Why the certificate may issue certificates, if it may.</summary>
    public static CertificateAuthorityKind AuthorityOf(CertificateExtensions certificate)
    {
        // RFC 5280 §4.2.1.3: a key that signs certificates asserts keyCertSign whenever key usage is present.
        if (certificate.KeyUsage is { } usage && (usage & CertificateExtensions.KeyCertSign) == 0)
        {
            return CertificateAuthorityKind.None;
        }

        if (certificate.HasBasicConstraints)
        {
            return certificate.CertificateAuthority ? CertificateAuthorityKind.BasicConstraints : CertificateAuthorityKind.None;
        }

        if (certificate.SelfSignedVersion1)
        {
            return CertificateAuthorityKind.SelfSignedVersion1;
        }

        if (certificate.KeyUsage is not null)
        {
            return CertificateAuthorityKind.KeyCertSign;
        }

        return certificate.NetscapeCertificateType is { } type && (type & CertificateExtensions.NetscapeAnyCa) != 0
            ? CertificateAuthorityKind.NetscapeType
            : CertificateAuthorityKind.None;
    }

    /// <summary>Why the leaf may not authenticate a TLS server, or null when it may.</summary>
    public static string? LeafProblem(CertificateExtensions leaf)
    {
        if (leaf.HasExtendedKeyUsage && !leaf.ExtendedKeyUsageForServers)
        {
            // RFC 5280 §4.2.1.12: anyExtendedKeyUsage alone MAY be refused where a particular purpose is needed; OpenSSL does.
            return "its extended key usage does not include serverAuth (RFC 5280 §4.2.1.12)";
        }

        if (leaf.NetscapeCertificateType is { } type && (type & CertificateExtensions.NetscapeSslServer) == 0)
        {
            return "its Netscape certificate type does not allow an SSL server";
        }

        const int ServerUses = CertificateExtensions.DigitalSignature | CertificateExtensions.KeyEncipherment | CertificateExtensions.KeyAgreement;
        if (leaf.KeyUsage is { } usage && (usage & ServerUses) == 0)
        {
            return "its key usage has none of digitalSignature, keyEncipherment and keyAgreement (RFC 5280 §4.2.1.3)";
        }

        return null;
    }

    /// <summary>Why an issuer of the chain (the anchor included) may not issue TLS server certificates, or null when it may.</summary>
    public static string? IssuerProblem(CertificateExtensions issuer, CertificateAuthorityKind kind)
    {
        if (issuer.HasExtendedKeyUsage && !issuer.ExtendedKeyUsageForServers)
        {
            return "its extended key usage, which restricts the certificates it issues, does not include serverAuth (RFC 5280 §4.2.1.12)";
        }

        if (kind == CertificateAuthorityKind.NetscapeType && (issuer.NetscapeCertificateType & CertificateExtensions.NetscapeSslCa) == 0)
        {
            return "its Netscape certificate type is not an SSL CA";
        }

        return kind == CertificateAuthorityKind.None ? "it is not a CA" : null;
    }
}
