using Dnssec.Wire;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Dnssec.Crypto;

/// <summary>Ed448 (RFC 8080) through BouncyCastle: the portable backend, used where libcrypto cannot be loaded; the point is decoded once.</summary>
internal sealed class Ed448DnskeyVerifier : DnskeyVerifier
{
    private static readonly byte[] EmptyContext = [];

    private readonly Ed448.PublicPoint _point;

    private Ed448DnskeyVerifier(Ed448.PublicPoint point) => _point = point;

    public override DnssecAlgorithm Algorithm => DnssecAlgorithm.ED448;

    public override int KeySizeInBits => 456;

    /// <summary>Checks the key is a valid point (the same check for both backends), then builds it in <paramref name="backend"/>.</summary>
    public static DnskeyVerifier? Decode(ReadOnlySpan<byte> key, SignatureBackend backend, out string? error)
    {
        if (key.Length != Ed448.PublicKeySize)
        {
            error = $"Ed448 key is {key.Length} octets, not {Ed448.PublicKeySize}";
            return null;
        }

        Ed448.PublicPoint? point = Ed448.ValidatePublicKeyPartialExport(key);
        if (point is null)
        {
            error = "Ed448 key is not a valid point";
            return null;
        }

        if (backend == SignatureBackend.LibCrypto)
        {
            return LibCryptoEdwardsDnskeyVerifier.Create(DnssecAlgorithm.ED448, key, out error);
        }

        error = null;
        return new Ed448DnskeyVerifier(point);
    }

    // RFC 8080 §4: pure Ed448 with an empty context.
    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed448.SignatureSize && Ed448.Verify(signature, _point, EmptyContext, signedData);
}
