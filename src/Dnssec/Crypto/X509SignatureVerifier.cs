using System.Formats.Asn1;
using System.Security.Cryptography;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Dnssec.Crypto;

/// <summary>
/// Checks the signature of an X.509 certificate with a SubjectPublicKeyInfo: what DANE-TA needs to connect a chain
/// to a trust anchor that is only a key, or a certificate the system's chain builder will not take as an anchor.
/// RSA PKCS#1 v1.5 and ECDSA with SHA-2 go to System.Security.Cryptography, Ed25519 and Ed448 to BouncyCastle, which
/// .NET lacks; SHA-1, MD5 and RSASSA-PSS are refused.
/// </summary>
internal static class X509SignatureVerifier
{
    private const string RsaKey = "1.2.840.113549.1.1.1";
    private const string EcKey = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";
    private const string Ed448Oid = "1.3.101.113";

    /// <summary>Whether <paramref name="signature"/> over <paramref name="signedData"/> verifies with the key.</summary>
    /// <param name="subjectPublicKeyInfo">The signer's encoded SubjectPublicKeyInfo.</param>
    /// <param name="signatureAlgorithm">The certificate's encoded signatureAlgorithm.</param>
    /// <param name="signedData">The encoded TBSCertificate.</param>
    /// <param name="signature">The signature value, without the BIT STRING header.</param>
    public static bool Verify(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signatureAlgorithm, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        try
        {
            string algorithm = ReadAlgorithm(signatureAlgorithm);
            AsnDecoder.ReadSequence(subjectPublicKeyInfo, AsnEncodingRules.DER, out int offset, out int length, out _);
            string keyAlgorithm = ReadKeyAlgorithm(subjectPublicKeyInfo.Slice(offset, length), out ReadOnlySpan<byte> keyBits);
            return (algorithm, keyAlgorithm) switch
            {
                ("1.2.840.113549.1.1.11", RsaKey) => VerifyRsa(subjectPublicKeyInfo, signedData, signature, HashAlgorithmName.SHA256),
                ("1.2.840.113549.1.1.12", RsaKey) => VerifyRsa(subjectPublicKeyInfo, signedData, signature, HashAlgorithmName.SHA384),
                ("1.2.840.113549.1.1.13", RsaKey) => VerifyRsa(subjectPublicKeyInfo, signedData, signature, HashAlgorithmName.SHA512),
                ("1.2.840.10045.4.3.2", EcKey) => VerifyEcdsa(subjectPublicKeyInfo, signedData, signature, HashAlgorithmName.SHA256),
                ("1.2.840.10045.4.3.3", EcKey) => VerifyEcdsa(subjectPublicKeyInfo, signedData, signature, HashAlgorithmName.SHA384),
                ("1.2.840.10045.4.3.4", EcKey) => VerifyEcdsa(subjectPublicKeyInfo, signedData, signature, HashAlgorithmName.SHA512),
                (Ed25519Oid, Ed25519Oid) => keyBits.Length == Ed25519.PublicKeySize && signature.Length == Ed25519.SignatureSize
                    && Ed25519.Verify(signature.ToArray(), 0, keyBits.ToArray(), 0, signedData.ToArray(), 0, signedData.Length),
                (Ed448Oid, Ed448Oid) => keyBits.Length == Ed448.PublicKeySize && signature.Length == Ed448.SignatureSize
                    && Ed448.Verify(signature.ToArray(), 0, keyBits.ToArray(), 0, [], signedData.ToArray(), 0, signedData.Length),
                _ => false,
            };
        }
        catch (Exception exception) when (exception is AsnContentException or CryptographicException or PlatformNotSupportedException)
        {
            // A hostile certificate can name a curve the platform lacks; its signature simply does not verify.
            return false;
        }
    }

    private static string ReadAlgorithm(ReadOnlySpan<byte> algorithmIdentifier)
    {
        AsnDecoder.ReadSequence(algorithmIdentifier, AsnEncodingRules.DER, out int offset, out int length, out _);
        return AsnDecoder.ReadObjectIdentifier(algorithmIdentifier.Slice(offset, length), AsnEncodingRules.DER, out _);
    }

    private static string ReadKeyAlgorithm(ReadOnlySpan<byte> keyInfoContent, out ReadOnlySpan<byte> keyBits)
    {
        AsnDecoder.ReadEncodedValue(keyInfoContent, AsnEncodingRules.DER, out _, out _, out int consumed);
        string algorithm = ReadAlgorithm(keyInfoContent[..consumed]);
        if (!AsnDecoder.TryReadPrimitiveBitString(keyInfoContent[consumed..], AsnEncodingRules.DER, out int unusedBits, out keyBits, out _) || unusedBits != 0)
        {
            throw new AsnContentException();
        }

        return algorithm;
    }

    private static bool VerifyRsa(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        using RSA rsa = RSA.Create();
        rsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return rsa.VerifyData(signedData, signature, hash, RSASignaturePadding.Pkcs1);
    }

    private static bool VerifyEcdsa(ReadOnlySpan<byte> subjectPublicKeyInfo, ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature, HashAlgorithmName hash)
    {
        using ECDsa ecdsa = ECDsa.Create();
        ecdsa.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return ecdsa.VerifyData(signedData, signature, hash, DSASignatureFormat.Rfc3279DerSequence);
    }
}
