using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>DSA with SHA-1 (RFC 2536), for legacy data when the policy allows it.</summary>
internal sealed class DsaDnskeyVerifier : DnskeyVerifier
{
    private const int QLength = 20;

    /// <summary>A DER SEQUENCE of two INTEGERs of at most 21 octets each (a 20-octet value with a sign octet).</summary>
    private const int MaxDerSignatureLength = 2 + (2 * (2 + QLength + 1));

    private const byte DerSequenceTag = 0x30;

    private readonly DSA _key;

    private DsaDnskeyVerifier(DnssecAlgorithm algorithm, DSA key, int bits)
    {
        Algorithm = algorithm;
        _key = key;
        KeySizeInBits = bits;
    }

    public override DnssecAlgorithm Algorithm { get; }

    public override int KeySizeInBits { get; }

    public static DnskeyVerifier? Decode(DnssecAlgorithm algorithm, ReadOnlySpan<byte> key, out string? error)
    {
        // RFC 2536 §2: T, Q (20 octets), P, G and Y (64 + 8T octets each), T at most 8.
        if (key.IsEmpty || key[0] > 8)
        {
            error = "DSA key has no valid T parameter";
            return null;
        }

        int size = 64 + (key[0] * 8);
        if (key.Length != 1 + QLength + (3 * size))
        {
            error = $"DSA key is {key.Length} octets, not {1 + QLength + (3 * size)} for T={key[0]}";
            return null;
        }

        int offset = 1 + QLength;
        try
        {
            var dsa = DSA.Create();
            dsa.ImportParameters(new DSAParameters
            {
                Q = key.Slice(1, QLength).ToArray(),
                P = key.Slice(offset, size).ToArray(),
                G = key.Slice(offset + size, size).ToArray(),
                Y = key.Slice(offset + (2 * size), size).ToArray(),
            });
            error = null;
            return new DsaDnskeyVerifier(algorithm, dsa, size * 8);
        }
        catch (CryptographicException exception)
        {
            error = "DSA key was rejected: " + exception.Message;
            return null;
        }
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        // RFC 2536 §3: T, then R and S of 20 octets each. Early signers (ldns, and the zones of Unbound's test suite)
        // wrote the DER SEQUENCE of R and S instead; Unbound accepts that form, so it is accepted here too. Either way
        // it is the same key's signature over the same data, so nothing is proven that the key did not sign.
        DSASignatureFormat format;
        if (signature.Length == 1 + (2 * QLength))
        {
            format = DSASignatureFormat.IeeeP1363FixedFieldConcatenation;
            signature = signature[1..];
        }
        else if (signature.Length is > 2 and <= MaxDerSignatureLength && signature[0] == DerSequenceTag)
        {
            format = DSASignatureFormat.Rfc3279DerSequence;
        }
        else
        {
            return false;
        }

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(signedData, hash);
        try
        {
            return _key.VerifySignature(hash, signature, format);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
