using System.Text;
using Dnssec.Crypto;

namespace Dnssec.TrustAnchors;

/// <summary>
/// Bootstraps the root anchor from IANA's root-anchors.xml and its detached CMS signature (root-anchors.p7s), checked
/// against ICANN's CA bundle (icannbundle.pem) as of a chosen time, as RFC 7958 §4 and RFC 9718 describe: the keys
/// are returned only when the signature verifies over the exact XML bytes, chains to a given CA with every certificate
/// valid at that time, and comes from the expected signer.
/// </summary>
public static class SignedRootAnchors
{
    /// <summary>The signer IANA uses for root-anchors.xml: the e-mail address in the subject of its signing certificate.</summary>
    public const string IanaSigner = "dnssec@iana.org";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads the three files and verifies them as <see cref="Verify"/> does.</summary>
    /// <param name="xmlPath">root-anchors.xml.</param>
    /// <param name="signaturePath">Its detached CMS signature, DER (root-anchors.p7s).</param>
    /// <param name="caCertificatesPath">The CA certificates to trust, PEM (icannbundle.pem).</param>
    /// <param name="time">The time at which the signer's certificate path must be valid.</param>
    /// <param name="expectedSigner">The signer's e-mail address; IANA's by default.</param>
    /// <exception cref="IOException">A file cannot be read.</exception>
    /// <exception cref="FormatException">The signature verified but the XML is malformed; the message names file and place.</exception>
    public static SignedRootAnchorsResult Load(string xmlPath, string signaturePath, string caCertificatesPath, DateTimeOffset time, string expectedSigner = IanaSigner)
    {
        ArgumentNullException.ThrowIfNull(xmlPath);
        ArgumentNullException.ThrowIfNull(signaturePath);
        ArgumentNullException.ThrowIfNull(caCertificatesPath);
        return Verify(File.ReadAllBytes(xmlPath), File.ReadAllBytes(signaturePath), File.ReadAllText(caCertificatesPath), time, expectedSigner, xmlPath);
    }

    /// <summary>Verifies <paramref name="signature"/> over the exact bytes of <paramref name="xml"/> and, when it holds, reads the keys.</summary>
    /// <param name="xml">The bytes of root-anchors.xml, exactly as signed.</param>
    /// <param name="signature">Its detached CMS signature, DER.</param>
    /// <param name="caCertificatesPem">The CA certificates to trust, PEM; certificates carried in the signature are only intermediates.</param>
    /// <param name="time">The time at which the signer's certificate path must be valid.</param>
    /// <param name="expectedSigner">The signer's e-mail address; IANA's by default.</param>
    /// <param name="sourceName">The name of the XML in error messages.</param>
    /// <exception cref="FormatException">The signature verified but the XML is malformed; the message names the source and place.</exception>
    public static SignedRootAnchorsResult Verify(ReadOnlySpan<byte> xml, ReadOnlySpan<byte> signature, string caCertificatesPem, DateTimeOffset time, string expectedSigner = IanaSigner, string sourceName = "root-anchors.xml")
    {
        ArgumentNullException.ThrowIfNull(caCertificatesPem);
        ArgumentException.ThrowIfNullOrEmpty(expectedSigner);
        ArgumentNullException.ThrowIfNull(sourceName);

        // RFC 7958 §4: the signature covers the file's bytes, so they are verified before anything reads them as XML.
        CmsVerification verification = DetachedCmsVerifier.Verify(xml, signature, caCertificatesPem, expectedSigner, time);
        if (!verification.IsValid)
        {
            return new SignedRootAnchorsResult(verification.Failure, $"{sourceName}: signature refused: {verification.Reason}", []);
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(xml.StartsWith(StrictUtf8.Preamble) ? xml[StrictUtf8.Preamble.Length..] : xml);
        }
        catch (DecoderFallbackException exception)
        {
            throw new FormatException($"{sourceName}: not UTF-8 text", exception);
        }

        IReadOnlyList<RootAnchorKey> keys = TrustAnchorFile.ParseRootAnchorsXml(text, sourceName);
        return new SignedRootAnchorsResult(CmsSignatureFailure.None, $"{sourceName}: {verification.Reason}", keys);
    }
}
