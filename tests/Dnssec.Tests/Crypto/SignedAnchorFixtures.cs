using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Cms;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.Collections;
using BcCertificate = Org.BouncyCastle.X509.X509Certificate;

namespace Dnssec.Tests.Crypto;

/// <summary>IANA's signed 2014 root-anchors.xml (Fixtures/Anchors, provenance in its README) and self-made signers for the refusals.</summary>
internal static class SignedAnchorFixtures
{
    /// <summary>A day when the 2014 signature's whole certificate path was valid (the signer's certificate ran 2011-06-29 to 2014-06-28).</summary>
    public static readonly DateTimeOffset SignedEra = new(2014, 6, 10, 0, 0, 0, TimeSpan.Zero);

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "Anchors", name);

    public static byte[] Xml => File.ReadAllBytes(Path("root-anchors.xml"));

    public static byte[] Signature => File.ReadAllBytes(Path("root-anchors.p7s"));

    public static string IcannBundle => File.ReadAllText(Path("icannbundle.pem"));

    /// <summary>A self-made CA, valid around <see cref="SignedEra"/> and today, as PEM.</summary>
    public static (X509Certificate2 Certificate, ECDsa Key) CreateCa(string name = "CN=Test Anchor CA")
    {
        var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(name, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return (request.CreateSelfSigned(SignedEra.AddYears(-1), DateTimeOffset.UtcNow.AddYears(5)), key);
    }

    /// <summary>A detached CMS signature over <paramref name="content"/> by a certificate for <paramref name="email"/> that <paramref name="ca"/> issued.</summary>
    public static byte[] SignAs(string email, (X509Certificate2 Certificate, ECDsa Key) ca, byte[] content, X509KeyUsageFlags usage = X509KeyUsageFlags.DigitalSignature, string? extendedUsage = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={email}, E={email}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        if (extendedUsage is not null)
        {
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedUsage)], false));
        }

        var names = new SubjectAlternativeNameBuilder();
        names.AddEmailAddress(email);
        request.CertificateExtensions.Add(names.Build());
        using X509Certificate2 leaf = request.Create(ca.Certificate.SubjectName, X509SignatureGenerator.CreateForECDsa(ca.Key), SignedEra.AddYears(-1), DateTimeOffset.UtcNow.AddYears(1), [1, 2, 3, 4]);

        BcCertificate signer = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(leaf.RawData);
        var generator = new CmsSignedDataGenerator();
        generator.AddSigner(DotNetUtilities.GetRsaKeyPair(key).Private, signer, CmsSignedGenerator.DigestSha256);
        generator.AddCertificates(CollectionUtilities.CreateStore(new[] { signer }));
        return generator.Generate(new CmsProcessableByteArray(content), encapsulate: false).GetEncoded("DER");
    }
}
