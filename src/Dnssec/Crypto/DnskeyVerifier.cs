using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>
/// A DNSKEY's public key decoded once into the fastest backend measured for its algorithm, ready to verify many
/// signatures; instances are immutable and safe to share between threads.
/// </summary>
public abstract class DnskeyVerifier
{
    /// <summary>The algorithm this key verifies.</summary>
    public abstract DnssecAlgorithm Algorithm { get; }

    /// <summary>The size of the key in bits, for diagnostics and policy.</summary>
    public abstract int KeySizeInBits { get; }

    /// <summary>Whether <paramref name="signature"/> is a valid signature of <paramref name="signedData"/> by this key.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature);

    /// <summary>
    /// Decodes a DNSKEY public key; returns null with a reason when the algorithm is not allowed by the policy or the
    /// key is malformed.
    /// </summary>
    public static DnskeyVerifier? Create(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey, AlgorithmPolicy policy, out string? error) =>
        Create(algorithm, publicKey, policy, SignatureBackend.Measured, out error);

    /// <summary>
    /// Decodes a DNSKEY public key into a chosen backend, so that tests can run the same vectors through each; the key
    /// checks (lengths, RSA bounds, points on the curve) are the same whichever backend verifies.
    /// </summary>
    internal static DnskeyVerifier? Create(DnssecAlgorithm algorithm, ReadOnlySpan<byte> publicKey, AlgorithmPolicy policy, SignatureBackend backend, out string? error)
    {
        ArgumentNullException.ThrowIfNull(policy);
        AlgorithmSupport support = policy.GetSupport(algorithm);
        if (support != AlgorithmSupport.Supported)
        {
            error = $"algorithm {(byte)algorithm} ({algorithm}) is {support.ToString().ToLowerInvariant()}";
            return null;
        }

        backend = backend == SignatureBackend.Measured ? ChooseBackend(algorithm) : backend;
        if (backend == SignatureBackend.LibCrypto && !LibCrypto.IsAvailable)
        {
            error = "libcrypto is not available";
            return null;
        }

        return algorithm switch
        {
            DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 or DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512
                => RsaDnskeyVerifier.Decode(algorithm, publicKey, policy, backend, out error),
            DnssecAlgorithm.ECDSAP256SHA256 => EcdsaP256DnskeyVerifier.Decode(publicKey, backend, out error),
            DnssecAlgorithm.ECDSAP384SHA384 => EcdsaP384DnskeyVerifier.Decode(publicKey, backend, out error),
            DnssecAlgorithm.ED25519 => Ed25519DnskeyVerifier.Decode(publicKey, backend, out error),
            DnssecAlgorithm.ED448 => Ed448DnskeyVerifier.Decode(publicKey, backend, out error),
            DnssecAlgorithm.DSA or DnssecAlgorithm.DSANSEC3SHA1 => DsaDnskeyVerifier.Decode(algorithm, publicKey, out error),
            _ => Unsupported(algorithm, out error),
        };
    }

    /// <summary>
    /// The backend measured fastest for <paramref name="algorithm"/> (benchmarks/README.md, BackendBenchmarks), or the
    /// portable one where libcrypto cannot be loaded. DSA has only the portable backend.
    /// </summary>
    internal static SignatureBackend ChooseBackend(DnssecAlgorithm algorithm)
    {
        bool libCryptoFaster = algorithm switch
        {
            DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 or DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512 => true,
            DnssecAlgorithm.ECDSAP256SHA256 => true,
            DnssecAlgorithm.ED448 => true,
            _ => false,
        };
        return libCryptoFaster && LibCrypto.IsAvailable ? SignatureBackend.LibCrypto : SignatureBackend.Portable;
    }

    private static DnskeyVerifier? Unsupported(DnssecAlgorithm algorithm, out string error)
    {
        error = $"algorithm {(byte)algorithm} has no implementation";
        return null;
    }
}
