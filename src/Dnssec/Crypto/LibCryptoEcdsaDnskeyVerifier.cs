using System.Formats.Asn1;
using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>ECDSA P-256/SHA-256 and P-384/SHA-384 (RFC 6605) through libcrypto directly, with key contexts made once.</summary>
internal sealed class LibCryptoEcdsaDnskeyVerifier : DnskeyVerifier
{
    // SEC 2 v2 §2.4.2 and §2.5.1: the order n of each curve's base point; r and s must lie in [1, n-1] (FIPS 186-5 §6.4.2).
    private static readonly byte[] P256Order = Convert.FromHexString("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551");
    private static readonly byte[] P384Order = Convert.FromHexString(
        "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFC7634D81F4372DDF581A0DB248B0A77AECEC196ACCC52973");

    // The DER form of (r, s) is at most SEQUENCE header + two INTEGERs of a sign octet and 48 octets: under 128, so short lengths.
    private const int MaximumDerLength = 2 + (2 * (2 + 1 + 48));

    private readonly LibCryptoDigestKey _key;
    private readonly byte[] _order;

    private LibCryptoEcdsaDnskeyVerifier(DnssecAlgorithm algorithm, LibCryptoDigestKey key, byte[] order)
    {
        Algorithm = algorithm;
        _key = key;
        _order = order;
    }

    public override DnssecAlgorithm Algorithm { get; }

    public override int KeySizeInBits => _order.Length * 8;

    /// <summary>The order n of the curve <paramref name="algorithm"/> uses, big-endian.</summary>
    public static ReadOnlySpan<byte> Order(DnssecAlgorithm algorithm) => algorithm == DnssecAlgorithm.ECDSAP256SHA256 ? P256Order : P384Order;

    /// <summary>Builds the key from x | y whose length the caller has checked; null with a reason when the point is not on the curve.</summary>
    public static DnskeyVerifier? Create(DnssecAlgorithm algorithm, ReadOnlySpan<byte> point, out string? error)
    {
        bool p256 = algorithm == DnssecAlgorithm.ECDSAP256SHA256;
        string curveName = p256 ? "P-256" : "P-384";

        // RFC 5480 §2: SubjectPublicKeyInfo { id-ecPublicKey, namedCurve } holding the uncompressed point 0x04 | x | y.
        var info = new AsnWriter(AsnEncodingRules.DER);
        using (info.PushSequence())
        {
            using (info.PushSequence())
            {
                info.WriteObjectIdentifier("1.2.840.10045.2.1");
                info.WriteObjectIdentifier(p256 ? "1.2.840.10045.3.1.7" : "1.3.132.0.34");
            }

            info.WriteBitString([0x04, .. point]);
        }

        // libcrypto refuses a point that is not on the curve when it decodes the key.
        EvpPkeyHandle key = LibCrypto.DecodePublicKey(info.Encode());
        LibCryptoDigestKey? verifyKey = key.IsInvalid ? null : LibCryptoDigestKey.Create(key, p256 ? LibCrypto.Sha256 : LibCrypto.Sha384, padding: 0);
        if (verifyKey is null)
        {
            key.Dispose();
            error = $"ECDSA {curveName} key is not a point on the curve";
            return null;
        }

        error = null;
        return new LibCryptoEcdsaDnskeyVerifier(algorithm, verifyKey, p256 ? P256Order : P384Order);
    }

    public override bool Verify(ReadOnlySpan<byte> signedData, ReadOnlySpan<byte> signature)
    {
        // RFC 6605 §4: the signature is r | s, each as long as the order.
        int length = _order.Length;
        if (signature.Length != 2 * length)
        {
            return false;
        }

        ReadOnlySpan<byte> r = signature[..length];
        ReadOnlySpan<byte> s = signature[length..];
        if (!InRange(r) || !InRange(s))
        {
            return false;
        }

        Span<byte> der = stackalloc byte[MaximumDerLength];
        int derLength = WriteDer(r, s, der);
        Span<byte> hash = stackalloc byte[SHA384.HashSizeInBytes];
        int hashLength = length == P256Order.Length ? SHA256.HashData(signedData, hash) : SHA384.HashData(signedData, hash);
        return _key.Verify(hash[..hashLength], der[..derLength]);
    }

    // 1 ≤ value ≤ n − 1, compared as big-endian numbers of the same length.
    private bool InRange(ReadOnlySpan<byte> value) => value.ContainsAnyExcept((byte)0) && value.SequenceCompareTo(_order) < 0;

    // RFC 3279 §2.2.3: Ecdsa-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }, in DER (minimal, non-negative integers).
    private static int WriteDer(ReadOnlySpan<byte> r, ReadOnlySpan<byte> s, Span<byte> destination)
    {
        int offset = 2;
        offset += WriteInteger(r, destination[offset..]);
        offset += WriteInteger(s, destination[offset..]);
        destination[0] = 0x30;
        destination[1] = (byte)(offset - 2);
        return offset;
    }

    private static int WriteInteger(ReadOnlySpan<byte> value, Span<byte> destination)
    {
        // value is not zero (InRange), so trimming leaves at least one octet; a set top bit needs a zero octet before it.
        ReadOnlySpan<byte> trimmed = value.TrimStart((byte)0);
        int sign = trimmed[0] >= 0x80 ? 1 : 0;
        destination[0] = 0x02;
        destination[1] = (byte)(trimmed.Length + sign);
        destination[2] = 0;
        trimmed.CopyTo(destination[(2 + sign)..]);
        return 2 + sign + trimmed.Length;
    }
}
