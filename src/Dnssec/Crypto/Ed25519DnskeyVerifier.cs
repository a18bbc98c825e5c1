using Dnssec.Wire;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Dnssec.Crypto;

/// <summary>Ed25519 (RFC 8080) through BouncyCastle, which measured faster than OpenSSL; the point is decoded once.</summary>
internal sealed class Ed25519DnskeyVerifier : DnskeyVerifier
{
    private readonly Ed25519.PublicPoint _point;

    private Ed25519DnskeyVerifier(Ed25519.PublicPoint point) => _point = point;

    public override DnssecAlgorithm Algorithm => DnssecAlgorithm.ED25519;

    public override int KeySizeInBits => 256;

    /// <summary>Checks the key is a valid point (the same check for both backends), then builds it in <paramref name="backend"/>.</summary>
    public static DnskeyVerifier? Decode(ReadOnlySpan<byte> key, SignatureBackend backend, out string? error)
    {
        if (key.Length != Ed25519.PublicKeySize)
        {
            error = $"Ed25519 key is {key.Length} octets, not {Ed25519.PublicKeySize}";
            return null;
        }

        Ed25519.PublicPoint? point = Ed25519.ValidatePublicKeyPartialExport(key);
        if (point is null)
        {
            error = "Ed25519 key is not a valid point";
            return null;
        }

        if (backend == SignatureBackend.LibCrypto)
        {
            return LibCryptoEdwardsDnskeyVerifier.Create(DnssecAlgorithm.ED25519, key, out error);
        }

        error = null;
        return new Ed25519DnskeyVerifier(point);
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature, _point, signedData);
}
