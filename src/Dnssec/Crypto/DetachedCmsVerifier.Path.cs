using System.Security.Cryptography;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;

namespace Dnssec.Crypto;

/// <content>The CA bundle and the certificate path from the signer to one of its certificates.</content>
internal static partial class DetachedCmsVerifier
{
    private const string PemCertificateLabel = "CERTIFICATE";

    private static readonly HashSet<string> UnderstoodCriticalExtensions =
    [
        X509Extensions.BasicConstraints.Id,
        X509Extensions.KeyUsage.Id,
        X509Extensions.ExtendedKeyUsage.Id,
        X509Extensions.SubjectAlternativeName.Id,
    ];

    private static CmsVerification? ReadCaCertificates(string pem, out List<X509Certificate> anchors)
    {
        anchors = [];
        ReadOnlySpan<char> rest = pem;
        while (PemEncoding.TryFind(rest, out PemFields fields))
        {
            ReadOnlySpan<char> label = rest[fields.Label];
            if (label.SequenceEqual(PemCertificateLabel))
            {
                byte[] der = new byte[fields.DecodedDataLength];
                try
                {
                    if (!Convert.TryFromBase64Chars(rest[fields.Base64Data], der, out _))
                    {
                        return CmsVerification.Refused(CmsSignatureFailure.Malformed, $"CA certificate {anchors.Count + 1} of the bundle is not base64");
                    }

                    anchors.Add(Parse(der));
                }
                catch (Exception exception) when (IsMalformed(exception))
                {
                    return CmsVerification.Refused(CmsSignatureFailure.Malformed, $"CA certificate {anchors.Count + 1} of the bundle is not a DER certificate: {exception.Message}");
                }
            }

            rest = rest[fields.Location.End..];
        }

        return anchors.Count == 0
            ? CmsVerification.Refused(CmsSignatureFailure.Malformed, "the CA bundle holds no PEM certificate")
            : null;
    }

    private static X509Certificate? FindSignerCertificate(SignerInformation signer, List<X509Certificate> included, List<X509Certificate> anchors) =>
        included.Concat(anchors).FirstOrDefault(signer.SignerID.Match);

    private static CmsVerification? BuildPath(X509Certificate signer, List<X509Certificate> included, List<X509Certificate> anchors, out List<X509Certificate> path)
    {
        List<X509Certificate> walked = path = [signer];
        for (X509Certificate current = signer; ;)
        {
            CmsVerification? refusal = CheckCriticalExtensions(current);
            if (refusal is not null)
            {
                return refusal;
            }

            if (anchors.Contains(current))
            {
                return null;
            }

            if (path.Count >= MaximumPathLength)
            {
                return CmsVerification.Refused(CmsSignatureFailure.UntrustedChain, $"the signer's certificate chains to no given CA within {MaximumPathLength} certificates");
            }

            // Given CAs first: the signature may carry a self-signed root of its own, which proves nothing.
            X509Certificate? issuer = anchors.Concat(included).FirstOrDefault(c => !walked.Contains(c) && Issued(c, current));
            if (issuer is null)
            {
                string end = current.IssuerDN.Equivalent(current.SubjectDN) ? $"ends at {Describe(current)}, which is not" : $"reaches no issuer of {Describe(current)} among the signature's certificates or";
                return CmsVerification.Refused(CmsSignatureFailure.UntrustedChain, $"the signer's certificate chains to no given CA: the path {end} one of the given CAs");
            }

            path.Add(issuer);
            current = issuer;
        }
    }

    private static bool Issued(X509Certificate issuer, X509Certificate subject)
    {
        // RFC 5280 §6.1.3, §6.1.4 (k), (n): names chain, the issuer is a CA allowed to sign certificates, and its key verifies.
        if (!issuer.SubjectDN.Equivalent(subject.IssuerDN) || issuer.GetBasicConstraints() < 0 || issuer.GetKeyUsage() is { } usage && !usage[5])
        {
            return false;
        }

        try
        {
            subject.Verify(issuer.GetPublicKey());
            return true;
        }
        catch (Exception exception) when (exception is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException || IsMalformed(exception))
        {
            return false;
        }
    }

    private static CmsVerification? CheckCriticalExtensions(X509Certificate certificate)
    {
        // RFC 5280 §4.2: a certificate with a critical extension the verifier does not process must be rejected.
        string? unknown = certificate.GetCriticalExtensionOids()?.FirstOrDefault(oid => !UnderstoodCriticalExtensions.Contains(oid));
        return unknown is null
            ? null
            : CmsVerification.Refused(CmsSignatureFailure.UntrustedChain, $"{Describe(certificate)} has a critical extension {unknown} this verifier does not process");
    }
}
