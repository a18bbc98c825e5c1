using System.Globalization;
using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Cms;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Security.Certificates;
using X509Certificate = Org.BouncyCastle.X509.X509Certificate;
using X509CertificateParser = Org.BouncyCastle.X509.X509CertificateParser;

namespace Dnssec.Crypto;

/// <summary>
/// Checks a detached CMS (PKCS #7) signature the way RFC 7958 §4 and RFC 9718 ask of root-anchors.xml: the
/// signature verifies over the exact content bytes, the signer's certificate chains to one of the given CA
/// certificates, every certificate of that path is valid at the given time, and the signer is the expected one.
/// Every refusal is a value naming what failed; only misuse throws.
/// </summary>
internal static partial class DetachedCmsVerifier
{
    /// <summary>The longest certificate path followed, so that a hostile signature cannot make the walk long.</summary>
    public const int MaximumPathLength = 8;

    /// <summary>Verifies <paramref name="signature"/> (DER) over <paramref name="content"/> as of <paramref name="time"/>.</summary>
    /// <param name="content">The exact signed bytes.</param>
    /// <param name="signature">The detached CMS SignedData, DER.</param>
    /// <param name="caCertificatesPem">The CA certificates to trust, PEM; only these end a path.</param>
    /// <param name="expectedSigner">The signer's e-mail address, compared without case to the subject's emailAddress and rfc822Name.</param>
    /// <param name="time">The time at which every certificate of the path must be valid.</param>
    public static CmsVerification Verify(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, string caCertificatesPem, string expectedSigner, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(caCertificatesPem);
        ArgumentException.ThrowIfNullOrEmpty(expectedSigner);
        CmsVerification? refusal = ReadCaCertificates(caCertificatesPem, out List<X509Certificate> anchors);
        if (refusal is not null)
        {
            return refusal;
        }

        refusal = ReadSignature(content, signature, out SignerInformation? signer, out List<X509Certificate> included);
        if (refusal is not null)
        {
            return refusal;
        }

        X509Certificate? signerCertificate = FindSignerCertificate(signer!, included, anchors);
        if (signerCertificate is null)
        {
            return CmsVerification.Refused(CmsSignatureFailure.Malformed, "the signature does not carry its signer's certificate");
        }

        refusal = CheckSignature(signer!, signerCertificate);
        if (refusal is not null)
        {
            return refusal;
        }

        refusal = BuildPath(signerCertificate, included, anchors, out List<X509Certificate> path)
            ?? CheckValidity(path, time)
            ?? CheckUsage(signerCertificate)
            ?? CheckSigner(signerCertificate, expectedSigner);
        return refusal ?? new CmsVerification(CmsSignatureFailure.None, $"signed by {expectedSigner} ({Describe(signerCertificate)}), chaining to {Describe(path[^1])}, valid at {Format(time)}");
    }

    private static CmsVerification? ReadSignature(ReadOnlySpan<byte> content, ReadOnlySpan<byte> signature, out SignerInformation? signer, out List<X509Certificate> included)
    {
        signer = null;
        included = [];
        if (signature.IsEmpty)
        {
            return CmsVerification.Refused(CmsSignatureFailure.Malformed, "the signature is empty");
        }

        try
        {
            var signed = new CmsSignedData(new CmsProcessableByteArray(content.ToArray()), signature.ToArray());
            if (!signature.SequenceEqual(signed.ContentInfo.GetEncoded(Asn1Encodable.Der)))
            {
                // BouncyCastle reads BER leniently and checks certificate signatures over a DER re-encoding, so a
                // signature whose bytes are not DER could carry a changed certificate that still verifies.
                return CmsVerification.Refused(CmsSignatureFailure.Malformed, "the signature is not DER-encoded");
            }

            if (!signed.ContentInfo.ContentType.Equals(CmsObjectIdentifiers.SignedData))
            {
                return CmsVerification.Refused(CmsSignatureFailure.Malformed, $"the signature's content type is {signed.ContentInfo.ContentType}, not signedData");
            }

            IList<SignerInformation> signers = [.. signed.GetSignerInfos().GetSigners()];
            if (signers.Count != 1)
            {
                // RFC 7958 §4: IANA signs with one key; a second signer would be one this check never looked at.
                return CmsVerification.Refused(CmsSignatureFailure.Malformed, $"the signature has {signers.Count} signers; one is expected");
            }

            // RFC 5652 §5.3: version 1 names the certificate by issuer and serial, 3 by subject key identifier.
            if (signers[0].Version is not (1 or 3))
            {
                return CmsVerification.Refused(CmsSignatureFailure.Malformed, $"the signer's version is {signers[0].Version}, not 1 or 3");
            }

            signer = signers[0];
            included = [.. signed.GetCertificates().EnumerateMatches(null)];
            return null;
        }
        catch (Exception exception) when (IsMalformed(exception))
        {
            return CmsVerification.Refused(CmsSignatureFailure.Malformed, $"the signature is not a DER CMS SignedData: {exception.Message}");
        }
    }

    private static CmsVerification? CheckSignature(SignerInformation signer, X509Certificate certificate)
    {
        try
        {
            // The key, not the certificate: BouncyCastle's Verify(X509Certificate) would judge validity at the
            // claimed signing time, while RFC 9718 users check it at a time they choose (CheckValidity does).
            return signer.Verify(certificate.GetPublicKey())
                ? null
                : CmsVerification.Refused(CmsSignatureFailure.BadSignature, $"the signature of {Describe(certificate)} does not verify over the content");
        }
        catch (Exception exception) when (exception is CmsException or SecurityUtilityException or CryptographicException || IsMalformed(exception))
        {
            return CmsVerification.Refused(CmsSignatureFailure.BadSignature, $"the signature of {Describe(certificate)} does not verify over the content: {exception.Message}");
        }
    }

    private static CmsVerification? CheckValidity(List<X509Certificate> path, DateTimeOffset time)
    {
        DateTime instant = time.UtcDateTime;
        foreach (X509Certificate certificate in path)
        {
            string role = ReferenceEquals(certificate, path[0]) ? "the signer's certificate" : "the CA certificate";
            if (instant > certificate.NotAfter)
            {
                return CmsVerification.Refused(CmsSignatureFailure.Expired, $"{role} {Describe(certificate)} expired {Format(certificate.NotAfter)}, before {Format(time)}");
            }

            if (instant < certificate.NotBefore)
            {
                return CmsVerification.Refused(CmsSignatureFailure.NotYetValid, $"{role} {Describe(certificate)} is not valid before {Format(certificate.NotBefore)}, after {Format(time)}");
            }
        }

        return null;
    }

    private static CmsVerification? CheckSigner(X509Certificate certificate, string expectedSigner)
    {
        List<string> names = [.. certificate.SubjectDN.GetValueList(X509Name.EmailAddress)];
        GeneralNames? alternativeNames = certificate.GetSubjectAlternativeNameExtension();
        foreach (GeneralName name in alternativeNames?.GetNames() ?? [])
        {
            if (name.TagNo == GeneralName.Rfc822Name)
            {
                names.Add(name.Name.ToString()!);
            }
        }

        // RFC 7958 §4: ICANN's CA issues certificates for other purposes too, so chaining to it is not enough; IANA's
        // signer is named by its e-mail address (dnssec@iana.org in the subject, as unbound-anchor also expects).
        return names.Exists(n => string.Equals(n, expectedSigner, StringComparison.OrdinalIgnoreCase))
            ? null
            : CmsVerification.Refused(CmsSignatureFailure.AnotherSigner, $"the signature is from another signer: {Describe(certificate)} ({(names.Count == 0 ? "no e-mail address" : string.Join(", ", names))}), not {expectedSigner}");
    }

    private static CmsVerification? CheckUsage(X509Certificate certificate)
    {
        // RFC 8550 §4.4.2, RFC 5280 §4.2.1.3: when keyUsage is present, digitalSignature or nonRepudiation must be set.
        if (certificate.GetKeyUsage() is { } usage && !usage[0] && !usage[1])
        {
            return CmsVerification.Refused(CmsSignatureFailure.NotForSigning, $"the signer's certificate {Describe(certificate)} has a key usage without digitalSignature or nonRepudiation");
        }

        // RFC 8550 §4.4.4, RFC 5280 §4.2.1.12: when extendedKeyUsage is present, it must allow e-mail protection.
        IList<DerObjectIdentifier>? purposes = certificate.GetExtendedKeyUsage();
        return purposes is null || purposes.Contains(KeyPurposeID.id_kp_emailProtection) || purposes.Contains(KeyPurposeID.AnyExtendedKeyUsage)
            ? null
            : CmsVerification.Refused(CmsSignatureFailure.NotForSigning, $"the signer's certificate {Describe(certificate)} has an extended key usage without e-mail protection");
    }

    private static bool IsMalformed(Exception exception) =>
        exception is CmsException or IOException or ArgumentException or InvalidCastException or InvalidOperationException
            or Asn1Exception or CertificateException or FormatException or IndexOutOfRangeException;

    private static string Describe(X509Certificate certificate) => $"'{certificate.SubjectDN}'";

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static X509Certificate Parse(byte[] der) => new X509CertificateParser().ReadCertificate(der)
        ?? throw new FormatException("no certificate in the DER");
}
