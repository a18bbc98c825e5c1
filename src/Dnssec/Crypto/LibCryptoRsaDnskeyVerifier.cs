using System.Formats.Asn1;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>RSA/SHA-1, RSA/SHA-256 and RSA/SHA-512 (RFC 3110, RFC 5702) through libcrypto directly, with key contexts made once.</summary>
internal sealed class LibCryptoRsaDnskeyVerifier : DnskeyVerifier
{
    private readonly LibCryptoDigestKey _key;
    private readonly int _modulusLength;

    private LibCryptoRsaDnskeyVerifier(DnssecAlgorithm algorithm, LibCryptoDigestKey key, int modulusLength, int bits)
    {
        Algorithm = algorithm;
        _key = key;
        _modulusLength = modulusLength;
        KeySizeInBits = bits;
    }

    public override DnssecAlgorithm Algorithm { get; }

    public override int KeySizeInBits { get; }

    /// <summary>Builds the key from an exponent and modulus already checked by <see cref="RsaDnskeyVerifier.Decode"/> (no leading zeros, within the policy's bounds).</summary>
    public static DnskeyVerifier? Create(DnssecAlgorithm algorithm, ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus, int bits, out string? error)
    {
        // RFC 5280 §4.1.2.7 and RFC 8017 App. A.1.1: SubjectPublicKeyInfo { rsaEncryption, NULL } holding RSAPublicKey { n, e }.
        var rsaPublicKey = new AsnWriter(AsnEncodingRules.DER);
        using (rsaPublicKey.PushSequence())
        {
            rsaPublicKey.WriteIntegerUnsigned(modulus);
            rsaPublicKey.WriteIntegerUnsigned(exponent);
        }

        var info = new AsnWriter(AsnEncodingRules.DER);
        using (info.PushSequence())
        {
            using (info.PushSequence())
            {
                info.WriteObjectIdentifier("1.2.840.113549.1.1.1");
                info.WriteNull();
            }

            info.WriteBitString(rsaPublicKey.Encode());
        }

        EvpPkeyHandle key = LibCrypto.DecodePublicKey(info.Encode());
        LibCryptoDigestKey? verifyKey = key.IsInvalid ? null : LibCryptoDigestKey.Create(key, RsaDnskeyVerifier.LibCryptoDigest(algorithm), LibCrypto.Pkcs1Padding);
        if (verifyKey is null)
        {
            key.Dispose();
            error = "RSA key was rejected by libcrypto";
            return null;
        }

        error = null;
        return new LibCryptoRsaDnskeyVerifier(algorithm, verifyKey, modulus.Length, bits);
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        if (signature.Length > _modulusLength || signature.IsEmpty)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[RsaDnskeyVerifier.MaximumHashLength];
        int hashLength = RsaDnskeyVerifier.Hash(Algorithm, signedData, hash);

        // A signature with leading zero octets removed is still the same number; libcrypto wants it at modulus length.
        if (signature.Length < _modulusLength)
        {
            Span<byte> padded = stackalloc byte[_modulusLength];
            padded[..(_modulusLength - signature.Length)].Clear();
            signature.CopyTo(padded[(_modulusLength - signature.Length)..]);
            return _key.Verify(hash[..hashLength], padded);
        }

        return _key.Verify(hash[..hashLength], signature);
    }
}
