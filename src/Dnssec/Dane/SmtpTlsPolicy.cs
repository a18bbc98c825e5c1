using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Dane;

/// <summary>How <see cref="SmtpDaneClient"/> secures one destination, as Postfix's per-destination TLS policy does.</summary>
public sealed class SmtpTlsPolicy
{
    /// <summary>The security level (default <see cref="SmtpSecurityLevel.Dane"/>).</summary>
    public SmtpSecurityLevel Level { get; set; } = SmtpSecurityLevel.Dane;

    /// <summary>SHA-256 fingerprints (hex, colons allowed) of the certificate or its SubjectPublicKeyInfo, for <see cref="SmtpSecurityLevel.Fingerprint"/>.</summary>
    public IList<string> Fingerprints { get; } = [];

    /// <summary>
    /// Local trust anchors for <see cref="SmtpSecurityLevel.Verify"/> and <see cref="SmtpSecurityLevel.Secure"/>, as Postfix's
    /// smtp_tls_trust_anchor_file: CA certificates and public keys used as DANE-TA(2) records in place of the system store.
    /// </summary>
    public IList<X509Certificate2> TrustAnchorCertificates { get; } = [];

    /// <summary>Public keys (DER SubjectPublicKeyInfo) that act as local trust anchors, as <see cref="TrustAnchorCertificates"/>.</summary>
    public IList<byte[]> TrustAnchorKeys { get; } = [];

    /// <summary>The options of the DANE verifier (digests, PKIX store for PKIX usages).</summary>
    public DaneVerifierOptions Verifier { get; set; } = new();

    /// <summary>Reads a trust-anchor file (PEM certificates and PUBLIC KEY blocks) into the local trust anchors.</summary>
    /// <exception cref="FormatException">A block is malformed.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public void LoadTrustAnchorFile(string path)
    {
        (List<X509Certificate2> certificates, List<byte[]> keys) = PemCertificates.ReadTrustAnchors(path);
        if (certificates.Count + keys.Count == 0)
        {
            throw new FormatException($"{path}: no CERTIFICATE or PUBLIC KEY block");
        }

        foreach (X509Certificate2 certificate in certificates)
        {
            TrustAnchorCertificates.Add(certificate);
        }

        foreach (byte[] key in keys)
        {
            TrustAnchorKeys.Add(key);
        }
    }
}
