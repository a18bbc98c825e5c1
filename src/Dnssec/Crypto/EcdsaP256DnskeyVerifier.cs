using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>ECDSA P-256 with SHA-256 (RFC 6605) through System.Security.Cryptography: the portable backend, used where libcrypto cannot be loaded.</summary>
internal sealed class EcdsaP256DnskeyVerifier : DnskeyVerifier
{
    private const int CoordinateLength = 32;

    private readonly ECDsa _key;

    private EcdsaP256DnskeyVerifier(ECDsa key) => _key = key;

    public override DnssecAlgorithm Algorithm => DnssecAlgorithm.ECDSAP256SHA256;

    public override int KeySizeInBits => 256;

    /// <summary>Checks the key's length, then builds it in <paramref name="backend"/> (portable or libcrypto).</summary>
    public static DnskeyVerifier? Decode(ReadOnlySpan<byte> key, SignatureBackend backend, out string? error)
    {
        // RFC 6605 §4: the key is the uncompressed point Q as x | y, without the 0x04 prefix.
        if (key.Length != 2 * CoordinateLength)
        {
            error = $"ECDSA P-256 key is {key.Length} octets, not 64";
            return null;
        }

        if (backend == SignatureBackend.LibCrypto)
        {
            return LibCryptoEcdsaDnskeyVerifier.Create(DnssecAlgorithm.ECDSAP256SHA256, key, out error);
        }

        try
        {
            var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = key[..CoordinateLength].ToArray(), Y = key[CoordinateLength..].ToArray() },
            });
            error = null;
            return new EcdsaP256DnskeyVerifier(ecdsa);
        }
        catch (CryptographicException exception)
        {
            error = "ECDSA P-256 key is not a point on the curve: " + exception.Message;
            return null;
        }
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        // RFC 6605 §4: the signature is r | s, which is the IEEE P1363 form .NET takes.
        if (signature.Length != 2 * CoordinateLength)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(signedData, hash);
        try
        {
            return _key.VerifyHash(hash, signature);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
