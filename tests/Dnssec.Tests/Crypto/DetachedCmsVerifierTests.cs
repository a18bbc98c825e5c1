using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Crypto;

namespace Dnssec.Tests.Crypto;

public class DetachedCmsVerifierTests
{
    [Fact]
    public void Verify_IanaSampleAsOf2014_IsValid()
    {
        CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, SignedAnchorFixtures.Signature, SignedAnchorFixtures.IcannBundle, "dnssec@iana.org", SignedAnchorFixtures.SignedEra);

        Assert.True(verdict.IsValid, verdict.Reason);
        Assert.Contains("ICANN", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_IanaSampleToday_IsExpired()
    {
        CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, SignedAnchorFixtures.Signature, SignedAnchorFixtures.IcannBundle, "dnssec@iana.org", DateTimeOffset.UtcNow);

        Assert.Equal(CmsSignatureFailure.Expired, verdict.Failure);
        Assert.Contains("signer's certificate", verdict.Reason, StringComparison.Ordinal);
        Assert.Contains("expired 2014-06-28", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_BeforeTheSignerWasIssued_IsNotYetValid()
    {
        CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, SignedAnchorFixtures.Signature, SignedAnchorFixtures.IcannBundle, "dnssec@iana.org", new DateTimeOffset(2011, 1, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(CmsSignatureFailure.NotYetValid, verdict.Failure);
        Assert.Contains("not valid before 2011-06-29", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OneXmlByteChanged_IsBadSignature()
    {
        byte[] xml = SignedAnchorFixtures.Xml;
        int digit = Array.IndexOf(xml, (byte)'9');
        xml[digit] = (byte)'8';

        CmsVerification verdict = DetachedCmsVerifier.Verify(xml, SignedAnchorFixtures.Signature, SignedAnchorFixtures.IcannBundle, "dnssec@iana.org", SignedAnchorFixtures.SignedEra);

        Assert.Equal(CmsSignatureFailure.BadSignature, verdict.Failure);
        Assert.Contains("does not verify over the content", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_LastSignatureByteChanged_IsBadSignature()
    {
        byte[] signature = SignedAnchorFixtures.Signature;
        signature[^1] ^= 0x01;

        CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, signature, SignedAnchorFixtures.IcannBundle, "dnssec@iana.org", SignedAnchorFixtures.SignedEra);

        Assert.Equal(CmsSignatureFailure.BadSignature, verdict.Failure);
    }

    [Fact]
    public void Verify_ByteOfSignerCertificateOrSignerInfoChanged_IsRefusedNeverThrown()
    {
        byte[] original = SignedAnchorFixtures.Signature;
        byte[] xml = SignedAnchorFixtures.Xml;
        string bundle = SignedAnchorFixtures.IcannBundle;
        var signed = new Org.BouncyCastle.Cms.CmsSignedData(original);
        Org.BouncyCastle.Cms.SignerInformation signer = signed.GetSignerInfos().GetSigners().Single();
        byte[] certificate = signed.GetCertificates().EnumerateMatches(signer.SignerID).Single().GetEncoded();
        byte[] signerInfo = signer.SignerInfo.GetEncoded("DER");
        int certificateAt = original.AsSpan().IndexOf(certificate);
        int signerInfoAt = original.AsSpan().IndexOf(signerInfo);
        Assert.True(certificateAt > 0 && signerInfoAt > 0);

        // Bytes of the other carried certificates may change unnoticed: they are on no path (the given CAs come first).
        // Every fifth byte of the protected parts keeps the run short; all of them were checked once by hand.
        IEnumerable<int> positions = Enumerable.Range(0, 20)
            .Concat(Enumerable.Range(certificateAt, certificate.Length).Where(i => i % 5 == 0))
            .Concat(Enumerable.Range(signerInfoAt, signerInfo.Length).Where(i => i % 5 == 0));
        foreach (int i in positions)
        {
            byte[] signature = (byte[])original.Clone();
            signature[i] ^= 0x5A;

            CmsVerification verdict = DetachedCmsVerifier.Verify(xml, signature, bundle, "dnssec@iana.org", SignedAnchorFixtures.SignedEra);

            Assert.False(verdict.IsValid, $"byte {i} changed, yet accepted");
        }
    }

    [Fact]
    public void Verify_AnotherCaBundle_ChainsToNoGivenCa()
    {
        (X509Certificate2 certificate, ECDsa key) = SignedAnchorFixtures.CreateCa();
        using (certificate)
        using (key)
        {
            CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, SignedAnchorFixtures.Signature, certificate.ExportCertificatePem(), "dnssec@iana.org", SignedAnchorFixtures.SignedEra);

            Assert.Equal(CmsSignatureFailure.UntrustedChain, verdict.Failure);
            Assert.Contains("chains to no given CA", verdict.Reason, StringComparison.Ordinal);
            Assert.Contains("ICANN Root CA", verdict.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_AnotherSignerUnderAGivenCa_IsAnotherSigner()
    {
        (X509Certificate2 certificate, ECDsa key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.certificate)
        using (ca.key)
        {
            byte[] signature = SignedAnchorFixtures.SignAs("mallory@example.org", ca, SignedAnchorFixtures.Xml);

            CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, signature, ca.certificate.ExportCertificatePem(), "dnssec@iana.org", DateTimeOffset.UtcNow);

            Assert.Equal(CmsSignatureFailure.AnotherSigner, verdict.Failure);
            Assert.Contains("another signer", verdict.Reason, StringComparison.Ordinal);
            Assert.Contains("mallory@example.org", verdict.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_SelfMadeSignerNamedAsExpected_IsValid()
    {
        (X509Certificate2 certificate, ECDsa key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.certificate)
        using (ca.key)
        {
            byte[] signature = SignedAnchorFixtures.SignAs("anchors@example.org", ca, SignedAnchorFixtures.Xml);

            CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, signature, ca.certificate.ExportCertificatePem(), "ANCHORS@example.org", DateTimeOffset.UtcNow);

            Assert.True(verdict.IsValid, verdict.Reason);
        }
    }

    [Theory]
    [InlineData("a key usage for encryption only", X509KeyUsageFlags.KeyEncipherment, null, "without digitalSignature")]
    [InlineData("an extended key usage for TLS servers only", X509KeyUsageFlags.DigitalSignature, "1.3.6.1.5.5.7.3.1", "without e-mail protection")]
    public void Verify_SignerCertificateNotForSigning_IsNotForSigning(string description, X509KeyUsageFlags usage, string? extendedUsage, string expected)
    {
        (X509Certificate2 certificate, ECDsa key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.certificate)
        using (ca.key)
        {
            byte[] signature = SignedAnchorFixtures.SignAs("dnssec@iana.org", ca, SignedAnchorFixtures.Xml, usage, extendedUsage);

            CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, signature, ca.certificate.ExportCertificatePem(), "dnssec@iana.org", DateTimeOffset.UtcNow);

            Assert.Equal(CmsSignatureFailure.NotForSigning, verdict.Failure);
            Assert.True(verdict.Reason.Contains(expected, StringComparison.Ordinal), $"{description}: {verdict.Reason}");
        }
    }

    [Theory]
    [InlineData("an empty signature", "", "-----BUNDLE-----", "the signature is empty")]
    [InlineData("a signature that is not DER", "not der at all", "-----BUNDLE-----", "not a DER CMS SignedData")]
    [InlineData("a signature cut short", "CUT", "-----BUNDLE-----", "not a DER CMS SignedData")]
    [InlineData("an empty CA bundle", "IANA", "", "holds no PEM certificate")]
    [InlineData("a CA bundle that is not PEM", "IANA", "just text", "holds no PEM certificate")]
    [InlineData("a PEM block that is no certificate", "IANA", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n", "is not a DER certificate")]
    public void Verify_MalformedInput_IsMalformedWithReason(string description, string signatureText, string bundleText, string expected)
    {
        byte[] signature = signatureText switch
        {
            "IANA" => SignedAnchorFixtures.Signature,
            "CUT" => SignedAnchorFixtures.Signature[..1000],
            _ => System.Text.Encoding.ASCII.GetBytes(signatureText),
        };
        string bundle = bundleText == "-----BUNDLE-----" ? SignedAnchorFixtures.IcannBundle : bundleText;

        CmsVerification verdict = DetachedCmsVerifier.Verify(SignedAnchorFixtures.Xml, signature, bundle, "dnssec@iana.org", SignedAnchorFixtures.SignedEra);

        Assert.Equal(CmsSignatureFailure.Malformed, verdict.Failure);
        Assert.True(verdict.Reason.Contains(expected, StringComparison.Ordinal), $"{description}: {verdict.Reason}");
    }
}
