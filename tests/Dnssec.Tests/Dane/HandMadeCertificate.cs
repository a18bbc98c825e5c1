using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Dnssec.Tests.Dane;

/// <summary>
/// Issues certificates that neither CertificateRequest nor the openssl tool will write, such as one with an extension
/// twice: the TBSCertificate is written field by field (RFC 5280 §4.1) and signed with ECDSA P-256 and SHA-256.
/// </summary>
internal static class HandMadeCertificate
{
    private const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";

    public static X509Certificate2 Issue(X509Certificate2 issuer, ECDsa issuerKey, string subject, ECDsa subjectKey, IEnumerable<X509Extension> extensions)
    {
        var writer = new AsnWriter(AsnEncodingRules.DER);
        using (writer.PushSequence())
        {
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 0, isConstructed: true)))
            {
                writer.WriteInteger(2);
            }

            writer.WriteInteger(RandomNumberGenerator.GetInt32(1, int.MaxValue));
            WriteAlgorithm(writer);
            writer.WriteEncodedValue(issuer.SubjectName.RawData);
            using (writer.PushSequence())
            {
                writer.WriteUtcTime(DateTimeOffset.UtcNow.AddDays(-1));
                writer.WriteUtcTime(DateTimeOffset.UtcNow.AddDays(30));
            }

            writer.WriteEncodedValue(new X500DistinguishedName(subject).RawData);
            writer.WriteEncodedValue(subjectKey.ExportSubjectPublicKeyInfo());
            using (writer.PushSequence(new Asn1Tag(TagClass.ContextSpecific, 3, isConstructed: true)))
            using (writer.PushSequence())
            {
                foreach (X509Extension extension in extensions)
                {
                    using (writer.PushSequence())
                    {
                        writer.WriteObjectIdentifier(extension.Oid!.Value!);
                        if (extension.Critical)
                        {
                            writer.WriteBoolean(true);
                        }

                        writer.WriteOctetString(extension.RawData);
                    }
                }
            }
        }

        byte[] toBeSigned = writer.Encode();
        var certificate = new AsnWriter(AsnEncodingRules.DER);
        using (certificate.PushSequence())
        {
            certificate.WriteEncodedValue(toBeSigned);
            WriteAlgorithm(certificate);
            certificate.WriteBitString(issuerKey.SignData(toBeSigned, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        return X509CertificateLoader.LoadCertificate(certificate.Encode());
    }

    private static void WriteAlgorithm(AsnWriter writer)
    {
        using (writer.PushSequence())
        {
            writer.WriteObjectIdentifier(EcdsaWithSha256);
        }
    }
}
