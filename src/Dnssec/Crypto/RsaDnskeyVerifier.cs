using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>RSA/SHA-1, RSA/SHA-256 and RSA/SHA-512 (RFC 3110, RFC 5702) through System.Security.Cryptography: the portable backend (used where libcrypto cannot be loaded), and the one key decoder both backends share.</summary>
internal sealed class RsaDnskeyVerifier : DnskeyVerifier
{
    /// <summary>The longest digest an RSA algorithm uses (SHA-512).</summary>
    public const int MaximumHashLength = SHA512.HashSizeInBytes;

    private readonly RSA _rsa;
    private readonly HashAlgorithmName _hash;
    private readonly int _modulusLength;

    private RsaDnskeyVerifier(DnssecAlgorithm algorithm, RSA rsa, int modulusLength, int bits)
    {
        Algorithm = algorithm;
        _rsa = rsa;
        _modulusLength = modulusLength;
        KeySizeInBits = bits;
        _hash = algorithm switch
        {
            DnssecAlgorithm.RSASHA256 => HashAlgorithmName.SHA256,
            DnssecAlgorithm.RSASHA512 => HashAlgorithmName.SHA512,
            _ => HashAlgorithmName.SHA1,
        };
    }

    public override DnssecAlgorithm Algorithm { get; }

    public override int KeySizeInBits { get; }

    /// <summary>Decodes and checks an RFC 3110 key, then builds it in <paramref name="backend"/> (portable or libcrypto).</summary>
    public static DnskeyVerifier? Decode(DnssecAlgorithm algorithm, ReadOnlySpan<byte> key, AlgorithmPolicy policy, SignatureBackend backend, out string? error)
    {
        // RFC 3110 §2: a one-octet exponent length, or zero followed by a two-octet length, then exponent and modulus.
        if (key.Length < 3)
        {
            error = "RSA key is too short";
            return null;
        }

        int exponentLength = key[0];
        int offset = 1;
        if (exponentLength == 0)
        {
            exponentLength = (key[1] << 8) | key[2];
            offset = 3;
        }

        if (exponentLength == 0 || offset + exponentLength >= key.Length)
        {
            error = "RSA key exponent length does not fit the key";
            return null;
        }

        ReadOnlySpan<byte> exponent = key.Slice(offset, exponentLength).TrimStart((byte)0);
        ReadOnlySpan<byte> modulus = key[(offset + exponentLength)..].TrimStart((byte)0);
        if (exponent.IsEmpty || modulus.IsEmpty)
        {
            error = "RSA key has a zero exponent or modulus";
            return null;
        }

        int bits = (modulus.Length * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)modulus[0]) + 24;
        if (bits < policy.MinRsaModulusBits || bits > AlgorithmPolicy.MaxRsaModulusBits)
        {
            error = $"RSA modulus of {bits} bits is outside {policy.MinRsaModulusBits}–{AlgorithmPolicy.MaxRsaModulusBits}";
            return null;
        }

        if (exponent.Length > 16)
        {
            error = "RSA exponent is implausibly large";
            return null;
        }

        if (backend == SignatureBackend.LibCrypto)
        {
            return LibCryptoRsaDnskeyVerifier.Create(algorithm, exponent, modulus, bits, out error);
        }

        try
        {
            var rsa = RSA.Create();
            rsa.ImportParameters(new RSAParameters { Exponent = exponent.ToArray(), Modulus = modulus.ToArray() });
            error = null;
            return new RsaDnskeyVerifier(algorithm, rsa, modulus.Length, bits);
        }
        catch (CryptographicException exception)
        {
            error = "RSA key was rejected: " + exception.Message;
            return null;
        }
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        if (signature.Length > _modulusLength || signature.IsEmpty)
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[MaximumHashLength];
        int hashLength = Hash(Algorithm, signedData, hash);

        // A signature with leading zero octets removed is still the same number; PKCS #1 wants it at modulus length.
        if (signature.Length < _modulusLength)
        {
            Span<byte> padded = stackalloc byte[_modulusLength];
            padded.Clear();
            signature.CopyTo(padded[(_modulusLength - signature.Length)..]);
            return VerifyHash(hash[..hashLength], padded);
        }

        return VerifyHash(hash[..hashLength], signature);
    }

    /// <summary>The digest an RSA algorithm signs, written to <paramref name="destination"/> (at least <see cref="MaximumHashLength"/> octets); returns its length.</summary>
    public static int Hash(DnssecAlgorithm algorithm, ReadOnlySpan<byte> data, Span<byte> destination) => algorithm switch
    {
        DnssecAlgorithm.RSASHA256 => SHA256.HashData(data, destination),
        DnssecAlgorithm.RSASHA512 => SHA512.HashData(data, destination),
        _ => SHA1.HashData(data, destination),
    };

    /// <summary>libcrypto's EVP_MD for an RSA algorithm's digest.</summary>
    public static IntPtr LibCryptoDigest(DnssecAlgorithm algorithm) => algorithm switch
    {
        DnssecAlgorithm.RSASHA256 => LibCrypto.Sha256,
        DnssecAlgorithm.RSASHA512 => LibCrypto.Sha512,
        _ => LibCrypto.Sha1,
    };

    private bool VerifyHash(ReadOnlySpan<byte> hash, ReadOnlySpan<byte> signature)
    {
        try
        {
            return _rsa.VerifyHash(hash, signature, _hash, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
