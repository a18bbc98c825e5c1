using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Dnssec.Crypto;
using Dnssec.Tests.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class SignedRootAnchorsTests
{
    private static readonly string Xml = SignedAnchorFixtures.Path("root-anchors.xml");
    private static readonly string Signature = SignedAnchorFixtures.Path("root-anchors.p7s");
    private static readonly string Bundle = SignedAnchorFixtures.Path("icannbundle.pem");

    [Fact]
    public void Load_IanaSampleAsOf2014_YieldsKsk2010()
    {
        SignedRootAnchorsResult result = SignedRootAnchors.Load(Xml, Signature, Bundle, SignedAnchorFixtures.SignedEra);

        Assert.True(result.IsVerified, result.Reason);
        RootAnchorKey key = Assert.Single(result.Keys);
        DsData ds = DsData.From(key.Ds);
        Assert.Equal((19036, DnssecAlgorithm.RSASHA256, DigestType.SHA256), ((int)ds.KeyTag, ds.Algorithm, ds.DigestType));
        Assert.Equal("49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5", Convert.ToHexString(ds.Digest.Span));
        Assert.Contains("dnssec@iana.org", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateTrustAnchorSet_IanaSampleAsOf2014_AnchorsTheRoot()
    {
        TrustAnchorSet set = SignedRootAnchors.Load(Xml, Signature, Bundle, SignedAnchorFixtures.SignedEra).CreateTrustAnchorSet();

        TrustAnchor? anchor = set.FindClosest(DnsName.Parse("example."), SignedAnchorFixtures.SignedEra);

        Assert.NotNull(anchor);
        Assert.True(anchor.Zone.IsRoot);
        Assert.Equal(19036, DsData.From(Assert.Single(anchor.DelegationSigners)).KeyTag);
    }

    [Fact]
    public void Load_IanaSampleToday_IsRefusedAsExpired()
    {
        SignedRootAnchorsResult result = SignedRootAnchors.Load(Xml, Signature, Bundle, DateTimeOffset.UtcNow);

        Assert.Equal(CmsSignatureFailure.Expired, result.Failure);
        Assert.Contains("root-anchors.xml: signature refused: the signer's certificate", result.Reason, StringComparison.Ordinal);
        Assert.Contains("expired 2014-06-28T22:32:16Z", result.Reason, StringComparison.Ordinal);
        Assert.Empty(result.Keys);
        Assert.Throws<InvalidOperationException>(result.CreateTrustAnchorSet);
    }

    [Fact]
    public void Verify_OneXmlByteChanged_IsRefusedAsBadSignature()
    {
        byte[] xml = File.ReadAllBytes(Xml);
        xml[^2] ^= 0x20;

        SignedRootAnchorsResult result = SignedRootAnchors.Verify(xml, File.ReadAllBytes(Signature), File.ReadAllText(Bundle), SignedAnchorFixtures.SignedEra);

        Assert.Equal(CmsSignatureFailure.BadSignature, result.Failure);
        Assert.Contains("does not verify over the content", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OneSignatureByteChanged_IsRefusedAsBadSignature()
    {
        byte[] signature = File.ReadAllBytes(Signature);
        signature[^10] ^= 0x01;

        SignedRootAnchorsResult result = SignedRootAnchors.Verify(File.ReadAllBytes(Xml), signature, File.ReadAllText(Bundle), SignedAnchorFixtures.SignedEra);

        Assert.Equal(CmsSignatureFailure.BadSignature, result.Failure);
    }

    [Fact]
    public void Verify_AnotherCaBundle_IsRefusedAsChainingToNoGivenCa()
    {
        (X509Certificate2 certificate, ECDsa key) = SignedAnchorFixtures.CreateCa();
        using (certificate)
        using (key)
        {
            SignedRootAnchorsResult result = SignedRootAnchors.Verify(File.ReadAllBytes(Xml), File.ReadAllBytes(Signature), certificate.ExportCertificatePem(), SignedAnchorFixtures.SignedEra);

            Assert.Equal(CmsSignatureFailure.UntrustedChain, result.Failure);
            Assert.Contains("chains to no given CA", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_AnotherSignerUnderTheGivenCa_IsRefusedAsAnotherSigner()
    {
        (X509Certificate2 certificate, ECDsa key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.certificate)
        using (ca.key)
        {
            byte[] xml = File.ReadAllBytes(Xml);
            byte[] signature = SignedAnchorFixtures.SignAs("mallory@example.org", ca, xml);

            SignedRootAnchorsResult result = SignedRootAnchors.Verify(xml, signature, ca.certificate.ExportCertificatePem(), DateTimeOffset.UtcNow);

            Assert.Equal(CmsSignatureFailure.AnotherSigner, result.Failure);
            Assert.Contains("from another signer", result.Reason, StringComparison.Ordinal);
            Assert.Contains("not dnssec@iana.org", result.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Verify_ExpectedSignerOption_AcceptsThatSigner()
    {
        (X509Certificate2 certificate, ECDsa key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.certificate)
        using (ca.key)
        {
            byte[] xml = File.ReadAllBytes(Xml);
            byte[] signature = SignedAnchorFixtures.SignAs("anchors@example.org", ca, xml);

            SignedRootAnchorsResult result = SignedRootAnchors.Verify(xml, signature, ca.certificate.ExportCertificatePem(), DateTimeOffset.UtcNow, expectedSigner: "anchors@example.org");

            Assert.True(result.IsVerified, result.Reason);
            Assert.Equal(19036, DsData.From(Assert.Single(result.Keys).Ds).KeyTag);
        }
    }

    [Fact]
    public void Verify_SignedButMalformedXml_ThrowsFormatExceptionNamingTheSource()
    {
        (X509Certificate2 certificate, ECDsa key) ca = SignedAnchorFixtures.CreateCa();
        using (ca.certificate)
        using (ca.key)
        {
            byte[] xml = Encoding.UTF8.GetBytes("<TrustAnchor><Zone>.</Zone>");
            byte[] signature = SignedAnchorFixtures.SignAs(SignedRootAnchors.IanaSigner, ca, xml);

            FormatException exception = Assert.ThrowsAny<FormatException>(() => SignedRootAnchors.Verify(xml, signature, ca.certificate.ExportCertificatePem(), DateTimeOffset.UtcNow, sourceName: "cut.xml"));

            Assert.StartsWith("cut.xml", exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("an empty signature file", "root-anchors.p7s", "the signature is empty")]
    [InlineData("an empty CA bundle", "icannbundle.pem", "holds no PEM certificate")]
    public void Load_EmptyFile_IsRefusedAsMalformed(string description, string emptied, string expected)
    {
        using var directory = new TemporaryDirectory();
        foreach (string name in new[] { "root-anchors.xml", "root-anchors.p7s", "icannbundle.pem" })
        {
            File.Copy(SignedAnchorFixtures.Path(name), Path.Combine(directory.Path, name));
        }

        File.WriteAllBytes(Path.Combine(directory.Path, emptied), []);

        SignedRootAnchorsResult result = SignedRootAnchors.Load(Path.Combine(directory.Path, "root-anchors.xml"), Path.Combine(directory.Path, "root-anchors.p7s"), Path.Combine(directory.Path, "icannbundle.pem"), SignedAnchorFixtures.SignedEra);

        Assert.Equal(CmsSignatureFailure.Malformed, result.Failure);
        Assert.True(result.Reason.Contains(expected, StringComparison.Ordinal), $"{description}: {result.Reason}");
    }

    [Fact]
    public void Load_MissingFile_ThrowsIOException()
    {
        Assert.ThrowsAny<IOException>(() => SignedRootAnchors.Load(Xml, Signature + ".missing", Bundle, SignedAnchorFixtures.SignedEra));
    }
}
