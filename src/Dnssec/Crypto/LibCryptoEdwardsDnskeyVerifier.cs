using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>Ed25519 and Ed448 (RFC 8080, pure EdDSA with an empty context) through libcrypto directly.</summary>
internal sealed class LibCryptoEdwardsDnskeyVerifier : DnskeyVerifier
{
    // One digest context per thread, initialised for the key at hand on each call (EdDSA has no separate digest step).
    [ThreadStatic]
    private static EvpMdContextHandle? _threadContext;

    private readonly EvpPkeyHandle _key;
    private readonly int _signatureLength;

    private LibCryptoEdwardsDnskeyVerifier(DnssecAlgorithm algorithm, EvpPkeyHandle key)
    {
        Algorithm = algorithm;
        _key = key;
        _signatureLength = algorithm == DnssecAlgorithm.ED25519 ? 64 : 114;
    }

    public override DnssecAlgorithm Algorithm { get; }

    public override int KeySizeInBits => Algorithm == DnssecAlgorithm.ED25519 ? 256 : 456;

    /// <summary>Builds the key from its RFC 8032 encoding, which the caller has checked is a valid point of the right length.</summary>
    public static DnskeyVerifier? Create(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey, out string? error)
    {
        EvpPkeyHandle key = LibCrypto.NewRawPublicKey(algorithm == DnssecAlgorithm.ED25519 ? LibCrypto.Ed25519KeyType : LibCrypto.Ed448KeyType, publicKey);
        if (key.IsInvalid)
        {
            key.Dispose();
            error = $"{(algorithm == DnssecAlgorithm.ED25519 ? "Ed25519" : "Ed448")} key was rejected by libcrypto";
            return null;
        }

        error = null;
        return new LibCryptoEdwardsDnskeyVerifier(algorithm, key);
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != _signatureLength)
        {
            return false;
        }

        EvpMdContextHandle? context = _threadContext;
        if (context is null)
        {
            context = LibCrypto.NewDigestContext();
            if (context.IsInvalid)
            {
                context.Dispose();
                return false;
            }

            _threadContext = context;
        }

        return LibCrypto.VerifyMessage(context, _key, signature, signedData);
    }
}
