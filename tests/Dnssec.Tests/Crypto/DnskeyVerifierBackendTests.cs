using System.Numerics;
using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

/// <summary>
/// The same vectors and the same faults through each signature backend, chosen explicitly: the portable one
/// (System.Security.Cryptography and BouncyCastle) and libcrypto called directly. Both must say the same thing.
/// </summary>
public class DnskeyVerifierBackendTests
{
    private const string Portable = nameof(SignatureBackend.Portable);
    private const string LibCryptoBackend = nameof(SignatureBackend.LibCrypto);
    private static readonly DnsName Zone = DnsName.Parse("example.");

    private static readonly DnssecAlgorithm[] AllAlgorithms =
    [
        DnssecAlgorithm.RSASHA1, DnssecAlgorithm.RSASHA1NSEC3SHA1, DnssecAlgorithm.RSASHA256, DnssecAlgorithm.RSASHA512,
        DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448,
    ];

    // Keys are slow to make (RSA above all): one per algorithm for the whole class.
    private static readonly Dictionary<DnssecAlgorithm, SigningKey> Keys = AllAlgorithms.ToDictionary(a => a, a => SigningKey.Generate(Zone, a, rsaBits: 1024));

    /// <summary>Both backends by name.</summary>
    public static TheoryData<string> Backends() => [Portable, LibCryptoBackend];

    /// <summary>Every algorithm a validator uses, on each backend.</summary>
    public static TheoryData<DnssecAlgorithm, string> AlgorithmsOnEachBackend()
    {
        var data = new TheoryData<DnssecAlgorithm, string>();
        foreach (DnssecAlgorithm algorithm in AllAlgorithms)
        {
            data.Add(algorithm, Portable);
            data.Add(algorithm, LibCryptoBackend);
        }

        return data;
    }

    /// <summary>The RFC examples with a signature, on each backend.</summary>
    public static TheoryData<string, DateTimeOffset, string> RfcExamplesOnEachBackend()
    {
        var data = new TheoryData<string, DateTimeOffset, string>();
        foreach (object[] row in RfcVectors.WithSignature())
        {
            data.Add((string)row[0], (DateTimeOffset)row[1], Portable);
            data.Add((string)row[0], (DateTimeOffset)row[1], LibCryptoBackend);
        }

        return data;
    }

    /// <summary>The malformed keys of <see cref="DnskeyVerifierTests.MalformedKeys"/>, on each backend.</summary>
    public static TheoryData<string, byte, byte[], bool, string, string> MalformedKeysOnEachBackend()
    {
        var data = new TheoryData<string, byte, byte[], bool, string, string>();
        foreach (object[] row in DnskeyVerifierTests.MalformedKeys().Concat(RsaLimitKeys()))
        {
            data.Add((string)row[0], (byte)row[1], (byte[])row[2], (bool)row[3], (string)row[4], Portable);
            data.Add((string)row[0], (byte)row[1], (byte[])row[2], (bool)row[3], (string)row[4], LibCryptoBackend);
        }

        return data;
    }

    [Fact]
    public void LibCrypto_OnLinux_IsAvailableAndChosenWhereItMeasuredFaster()
    {
        // .NET itself needs libcrypto on Linux, so it is always there for these tests to run on.
        Assert.True(LibCrypto.IsAvailable);
        Assert.Equal(SignatureBackend.LibCrypto, DnskeyVerifier.ChooseBackend(DnssecAlgorithm.RSASHA256));
        Assert.Equal(SignatureBackend.LibCrypto, DnskeyVerifier.ChooseBackend(DnssecAlgorithm.ED448));
        Assert.Equal(SignatureBackend.Portable, DnskeyVerifier.ChooseBackend(DnssecAlgorithm.ECDSAP384SHA384));
        Assert.Equal(SignatureBackend.Portable, DnskeyVerifier.ChooseBackend(DnssecAlgorithm.DSA));
    }

    [Theory]
    [MemberData(nameof(RfcExamplesOnEachBackend))]
    public void Verify_RfcExample_ValidAndRefusedWithAFlippedBitOnEachBackend(string section, DateTimeOffset now, string backend)
    {
        RfcVectors.Example example = RfcVectors.Read(section);
        var verifier = new RrsetVerifier(new VerifierCache(null, VerifierCache.DefaultCapacity, Parse(backend)), new FakeTimeProvider(now));
        AssertBackend(backend, verifier.Keys.Get(example.Dnskey.Data.Span, out _)!);

        SignatureCheck valid = verifier.Verify(example.SignedRRset, example.Rrsig, example.Dnskey);
        SignatureCheck last = verifier.Verify(example.SignedRRset, TestSignatures.FlipData(example.Rrsig, -1), example.Dnskey);
        SignatureCheck middle = verifier.Verify(example.SignedRRset, TestSignatures.FlipData(example.Rrsig, -20, 0x80), example.Dnskey);
        SignatureCheck data = verifier.Verify([TestSignatures.FlipData(example.SignedRRset[0], 0)], example.Rrsig, example.Dnskey);

        Assert.True(valid.IsValid, valid.Reason);
        Assert.Equal(SignatureFailure.InvalidSignature, last.Failure);
        Assert.Equal(SignatureFailure.InvalidSignature, middle.Failure);
        Assert.Equal(SignatureFailure.InvalidSignature, data.Failure);
    }

    [Theory]
    [MemberData(nameof(MalformedKeysOnEachBackend))]
    public void Create_MalformedKey_ReturnsNullWithTheSameReasonOnEachBackend(string description, byte algorithm, byte[] key, bool allowDsa, string expected, string backend)
    {
        Assert.NotNull(description);
        var policy = new AlgorithmPolicy { AllowDsa = allowDsa };

        DnskeyVerifier? verifier = DnskeyVerifier.Create((DnssecAlgorithm)algorithm, key, policy, Parse(backend), out string? error);

        Assert.Null(verifier);
        Assert.NotNull(error);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlgorithmsOnEachBackend))]
    public void Verify_GeneratedKey_ValidOnlyForItsDataAndSignature(DnssecAlgorithm algorithm, string backend)
    {
        SigningKey key = Keys[algorithm];
        DnskeyVerifier verifier = Create(key, backend);
        byte[] signature = key.Sign("data"u8);

        Assert.Equal(algorithm, verifier.Algorithm);
        Assert.True(verifier.Verify("data"u8, signature));
        Assert.False(verifier.Verify("date"u8, signature));
        Assert.False(verifier.Verify([], signature));
        Assert.False(verifier.Verify("data"u8, signature.AsSpan()[..^1]));
        Assert.False(verifier.Verify("data"u8, [.. signature, 0]));
        Assert.False(verifier.Verify("data"u8, []));
        Assert.False(verifier.Verify("data"u8, new byte[signature.Length]));
        Assert.False(verifier.Verify("data"u8, Enumerable.Repeat((byte)0xFF, signature.Length).ToArray()));
        Assert.False(verifier.Verify("data"u8, new byte[4096]));
        Assert.False(verifier.Verify("data"u8, Keys[OtherAlgorithm(algorithm)].Sign("data"u8)));
    }

    [Theory]
    [MemberData(nameof(AlgorithmsOnEachBackend))]
    public void Verify_EveryBitOfTheSignatureFlipped_IsInvalid(DnssecAlgorithm algorithm, string backend)
    {
        SigningKey key = Keys[algorithm];
        DnskeyVerifier verifier = Create(key, backend);
        byte[] signature = key.Sign("data"u8);

        for (int bit = 0; bit < signature.Length * 8; bit += 3)
        {
            byte[] flipped = [.. signature];
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.False(verifier.Verify("data"u8, flipped), $"bit {bit}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_RsaSignatureOfModulusLengthAtOrAboveTheModulus_IsInvalid(string backend)
    {
        SigningKey key = Keys[DnssecAlgorithm.RSASHA256];
        DnskeyVerifier verifier = Create(key, backend);
        byte[] modulus = key.PublicKey.Span[(1 + key.PublicKey.Span[0])..].ToArray();

        // RFC 8017 §5.2.2: a signature representative must be below the modulus.
        byte[] above = new byte[modulus.Length];
        WriteFixed(Unsigned(modulus) + 2, above);
        Assert.False(verifier.Verify("data"u8, modulus));
        Assert.False(verifier.Verify("data"u8, above));
    }

    [Fact]
    public void Verify_RsaSignatureWithALeadingZeroOctetDropped_IsValidOnEachBackend()
    {
        // An RSA signature is a number (RFC 3110 §3); one whose first octet is zero means the same without it.
        SigningKey key = Keys[DnssecAlgorithm.RSASHA512];
        for (int i = 0; i < 10_000; i++)
        {
            byte[] data = BitConverter.GetBytes(i);
            byte[] signature = key.Sign(data);
            if (signature[0] != 0)
            {
                continue;
            }

            foreach (string backend in new[] { Portable, LibCryptoBackend })
            {
                DnskeyVerifier verifier = Create(key, backend);
                Assert.True(verifier.Verify(data, signature), backend);
                Assert.True(verifier.Verify(data, signature.AsSpan()[1..]), backend);
                Assert.False(verifier.Verify(data, [.. signature[1..], 0]), backend);
            }

            return;
        }

        Assert.Fail("no signature starting with a zero octet in 10000 tries");
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Verify_RsaKeyWithTheLongestExponentAllowed_DecodesAndRefusesAForeignSignature(string backend)
    {
        // The decoder allows exponents up to 16 octets; such a key must decode and fail cleanly, never crash.
        byte[] modulus = Keys[DnssecAlgorithm.RSASHA256].PublicKey.Span[4..].ToArray();
        byte[] exponent = [0x01, .. new byte[14], 0x01];
        DnskeyVerifier? verifier = DnskeyVerifier.Create(DnssecAlgorithm.RSASHA256, [16, .. exponent, .. modulus], AlgorithmPolicy.Default, Parse(backend), out string? error);

        Assert.True(verifier is not null, error);
        Assert.False(verifier.Verify("data"u8, Keys[DnssecAlgorithm.RSASHA256].Sign("data"u8)));
    }

    [Theory]
    [InlineData(DnssecAlgorithm.ECDSAP256SHA256, Portable)]
    [InlineData(DnssecAlgorithm.ECDSAP256SHA256, LibCryptoBackend)]
    [InlineData(DnssecAlgorithm.ECDSAP384SHA384, Portable)]
    [InlineData(DnssecAlgorithm.ECDSAP384SHA384, LibCryptoBackend)]
    public void Verify_EcdsaSignatureWithROrSOutOfRange_IsInvalid(DnssecAlgorithm algorithm, string backend)
    {
        SigningKey key = Keys[algorithm];
        DnskeyVerifier verifier = Create(key, backend);
        byte[] signature = key.Sign("data"u8);
        int half = signature.Length / 2;
        BigInteger order = Unsigned(LibCryptoEcdsaDnskeyVerifier.Order(algorithm));
        BigInteger r = Unsigned(signature.AsSpan(0, half));
        BigInteger s = Unsigned(signature.AsSpan(half));

        // FIPS 186-5 §6.4.2: r and s must be in [1, n − 1]. s and n − s verify alike (ECDSA has no canonical s).
        Assert.True(verifier.Verify("data"u8, Signature(r, s)));
        Assert.True(verifier.Verify("data"u8, Signature(r, order - s)));
        Assert.False(verifier.Verify("data"u8, Signature(0, s)));
        Assert.False(verifier.Verify("data"u8, Signature(r, 0)));
        Assert.False(verifier.Verify("data"u8, Signature(order, s)));
        Assert.False(verifier.Verify("data"u8, Signature(r, order)));
        Assert.False(verifier.Verify("data"u8, Signature(order + 1, s)));
        Assert.False(verifier.Verify("data"u8, Signature(r, (BigInteger.One << (8 * half)) - 1)));
        Assert.False(verifier.Verify("data"u8, Signature(order - 1, order - 1)));
        Assert.False(verifier.Verify("data"u8, Signature(1, 1)));

        byte[] Signature(BigInteger first, BigInteger second)
        {
            byte[] result = new byte[2 * half];
            WriteFixed(first, result.AsSpan(0, half));
            WriteFixed(second, result.AsSpan(half));
            return result;
        }
    }

    [Theory]
    [InlineData(DnssecAlgorithm.ECDSAP256SHA256, "P-256")]
    [InlineData(DnssecAlgorithm.ECDSAP384SHA384, "P-384")]
    public void Order_IsTheCurveOrderBouncyCastleUses(DnssecAlgorithm algorithm, string curve)
    {
        byte[] expected = Org.BouncyCastle.Crypto.EC.CustomNamedCurves.GetByName(curve).N.ToByteArrayUnsigned();

        Assert.Equal(expected, LibCryptoEcdsaDnskeyVerifier.Order(algorithm).ToArray());
    }

    [Theory]
    [InlineData(DnssecAlgorithm.ED25519, Portable)]
    [InlineData(DnssecAlgorithm.ED25519, LibCryptoBackend)]
    [InlineData(DnssecAlgorithm.ED448, Portable)]
    [InlineData(DnssecAlgorithm.ED448, LibCryptoBackend)]
    public void Verify_EdwardsSignatureWithSAboveTheGroupOrder_IsInvalid(DnssecAlgorithm algorithm, string backend)
    {
        SigningKey key = Keys[algorithm];
        DnskeyVerifier verifier = Create(key, backend);
        byte[] signature = key.Sign("data"u8);
        int half = signature.Length / 2;

        // RFC 8032 §5.1.7 and §5.2.7: S must be below L; S + L is the same scalar and must still be refused.
        BigInteger groupOrder = algorithm == DnssecAlgorithm.ED25519
            ? BigInteger.Pow(2, 252) + BigInteger.Parse("27742317777372353535851937790883648493", System.Globalization.CultureInfo.InvariantCulture)
            : BigInteger.Pow(2, 446) - BigInteger.Parse("13818066809895115352007386748515426880336692474882178609894547503885", System.Globalization.CultureInfo.InvariantCulture);
        BigInteger scalar = new(signature.AsSpan(half), isUnsigned: true, isBigEndian: false);
        byte[] malleable = [.. signature];
        (scalar + groupOrder).TryWriteBytes(malleable.AsSpan(half), out _, isUnsigned: true, isBigEndian: false);

        Assert.True(verifier.Verify("data"u8, signature));
        Assert.False(verifier.Verify("data"u8, malleable));
    }

    [Theory]
    [MemberData(nameof(AlgorithmsOnEachBackend))]
    public void Verify_FromManyThreadsAtOnce_EveryAnswerRight(DnssecAlgorithm algorithm, string backend)
    {
        SigningKey key = Keys[algorithm];
        DnskeyVerifier verifier = Create(key, backend);
        byte[][] signatures = [.. Enumerable.Range(0, 8).Select(i => key.Sign(BitConverter.GetBytes(i)))];
        int wrong = 0;

        Parallel.For(0, 400, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            // Even i: the right data; odd i: another signature's data, which must fail.
            byte[] data = BitConverter.GetBytes(i % 8);
            byte[] signature = signatures[(i % 2 == 0 ? i : i + 1) % 8];
            if (verifier.Verify(data, signature) != (i % 2 == 0))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        Assert.Equal(0, wrong);
    }

    [Theory]
    [InlineData(DnssecAlgorithm.RSASHA256)]
    [InlineData(DnssecAlgorithm.ECDSAP256SHA256)]
    [InlineData(DnssecAlgorithm.ECDSAP384SHA384)]
    [InlineData(DnssecAlgorithm.ED25519)]
    [InlineData(DnssecAlgorithm.ED448)]
    public void Verify_LibCrypto_AllocatesNothingOnceWarm(DnssecAlgorithm algorithm)
    {
        SigningKey key = Keys[algorithm];
        DnskeyVerifier verifier = Create(key, LibCryptoBackend);
        byte[] signature = key.Sign("data"u8);
        byte[] bad = [.. signature];
        bad[^1] ^= 1;
        Assert.True(verifier.Verify("data"u8, signature));
        Assert.False(verifier.Verify("data"u8, bad));

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 20; i++)
        {
            verifier.Verify("data"u8, signature);
            verifier.Verify("data"u8, bad);
            verifier.Verify("data"u8, signature.AsSpan()[1..]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>Keys at and beyond the RSA bounds the decoder enforces (RFC 3110 §2, AlgorithmPolicy).</summary>
    private static TheoryData<string, byte, byte[], bool, string> RsaLimitKeys()
    {
        return new TheoryData<string, byte, byte[], bool, string>
        {
            { "RSA modulus of 4097 bits, above the 4096 allowed", 8, [3, 1, 0, 1, 0x01, .. new byte[512]], false, "RSA modulus of 4097 bits is outside 512–4096" },
            { "RSA modulus of 511 bits", 8, [3, 1, 0, 1, 0x40, .. new byte[63]], false, "RSA modulus of 511 bits is outside 512–4096" },
            { "RSA exponent of 17 octets", 8, [17, 1, .. new byte[16], 0xC5, .. new byte[127]], false, "RSA exponent is implausibly large" },
            { "RSA modulus of only zero octets", 8, [3, 1, 0, 1, .. new byte[128]], false, "RSA key has a zero exponent or modulus" },
        };
    }

    private static DnskeyVerifier Create(SigningKey key, string backend)
    {
        DnskeyVerifier? verifier = DnskeyVerifier.Create(key.Algorithm, key.PublicKey.Span, AlgorithmPolicy.Default, Parse(backend), out string? error);
        Assert.True(verifier is not null, error);
        AssertBackend(backend, verifier);
        return verifier;
    }

    private static void AssertBackend(string backend, DnskeyVerifier verifier) =>
        Assert.Equal(backend == LibCryptoBackend, verifier.GetType().Name.StartsWith("LibCrypto", StringComparison.Ordinal));

    private static SignatureBackend Parse(string backend)
    {
        SignatureBackend parsed = Enum.Parse<SignatureBackend>(backend);
        Assert.True(parsed != SignatureBackend.LibCrypto || LibCrypto.IsAvailable, "libcrypto cannot be loaded here");
        return parsed;
    }

    private static DnssecAlgorithm OtherAlgorithm(DnssecAlgorithm algorithm) =>
        algorithm == DnssecAlgorithm.RSASHA256 ? DnssecAlgorithm.RSASHA512 : DnssecAlgorithm.RSASHA256;

    private static BigInteger Unsigned(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static void WriteFixed(BigInteger value, Span<byte> destination)
    {
        byte[] bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        Assert.True(bytes.Length <= destination.Length, "the value fits the field");
        destination.Clear();
        bytes.CopyTo(destination[(destination.Length - bytes.Length)..]);
    }
}
