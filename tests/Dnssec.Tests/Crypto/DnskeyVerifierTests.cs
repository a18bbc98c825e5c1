using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

public class DnskeyVerifierTests
{
    /// <summary>Public keys that must not decode: description, algorithm, key, whether DSA is allowed, and what the error says.</summary>
    public static TheoryData<string, byte, byte[], bool, string> MalformedKeys()
    {
        byte[] p256 = RfcVectors.Read(nameof(RfcVectors.Rfc6605Section6_1)).Dnskey.Data[4..].ToArray();
        byte[] p384 = RfcVectors.Read(nameof(RfcVectors.Rfc6605Section6_2)).Dnskey.Data[4..].ToArray();
        byte[] rsaModulus256 = [.. Enumerable.Repeat((byte)0xC5, 32)];
        return new TheoryData<string, byte, byte[], bool, string>
        {
            { "ECDSA P-256 key one octet short", 13, p256[..^1], false, "ECDSA P-256 key is 63 octets, not 64" },
            { "ECDSA P-256 key with the 0x04 prefix of SEC 1 left on", 13, [0x04, .. p256], false, "ECDSA P-256 key is 65 octets, not 64" },
            { "ECDSA P-384 key one octet long", 14, [.. p384, 0], false, "ECDSA P-384 key is 97 octets, not 96" },
            { "ECDSA P-256 point not on the curve (RFC 6605 §6.1 key, last octet changed)", 13, Flip(p256), false, "ECDSA P-256 key is not a point on the curve" },
            { "ECDSA P-384 point not on the curve (RFC 6605 §6.2 key, last octet changed)", 14, Flip(p384), false, "ECDSA P-384 key is not a point on the curve" },
            { "ECDSA P-256 point at the origin", 13, new byte[64], false, "ECDSA P-256 key is not a point on the curve" },
            { "RSA exponent length of 64 in a 20-octet key", 8, [64, .. new byte[19]], false, "RSA key exponent length does not fit the key" },
            { "RSA three-octet exponent length (RFC 3110 §2) past the end", 8, [0, 0x01, 0x00, 1, 0, 1, .. rsaModulus256], false, "RSA key exponent length does not fit the key" },
            { "RSA three-octet exponent length of zero", 8, [0, 0, 0, 1, 0, 1, .. rsaModulus256], false, "RSA key exponent length does not fit the key" },
            { "RSA exponent filling the key, no modulus", 8, [3, 1, 0, 1], false, "RSA key exponent length does not fit the key" },
            { "RSA key of two octets", 8, [1, 3], false, "RSA key is too short" },
            { "RSA exponent of zero", 8, [1, 0, .. rsaModulus256], false, "RSA key has a zero exponent or modulus" },
            { "RSA modulus of 256 bits, below RFC 3110's 512", 8, [3, 1, 0, 1, .. rsaModulus256], false, "RSA modulus of 256 bits is outside 512–4096" },
            { "Ed25519 y = 2, which no x completes to a point", 15, [2, .. new byte[31]], false, "Ed25519 key is not a valid point" },
            { "Ed25519 key of 31 octets", 15, new byte[31], false, "Ed25519 key is 31 octets, not 32" },
            { "Ed448 y = 2, which no x completes to a point", 16, [2, .. new byte[56]], false, "Ed448 key is not a valid point" },
            { "Ed448 key of 56 octets", 16, new byte[56], false, "Ed448 key is 56 octets, not 57" },
            { "DSA T parameter of 9 (RFC 2536 §2 allows 0–8)", 3, [9, .. new byte[20 + (3 * 136)]], true, "DSA key has no valid T parameter" },
            { "DSA key one octet short for T=0", 3, new byte[1 + 20 + (3 * 64) - 1], true, "DSA key is 212 octets, not 213 for T=0" },
        };
    }

    /// <summary>Algorithms a policy refuses: description, algorithm, AllowSha1, AllowDsa, and the support the policy reports.</summary>
    public static TheoryData<string, byte, bool, bool, AlgorithmSupport> RefusedAlgorithms() => new()
    {
        { "RSAMD5: RFC 8624 §3.1 MUST NOT validate", 1, true, false, AlgorithmSupport.Unsupported },
        { "ECC-GOST: no implementation here (RFC 8624 §3.1 MAY)", 12, true, false, AlgorithmSupport.Unsupported },
        { "GOST R 34.10-2012: no implementation here", 23, true, false, AlgorithmSupport.Unsupported },
        { "unassigned algorithm 200", 200, true, false, AlgorithmSupport.Unknown },
        { "reserved algorithm 0", 0, true, false, AlgorithmSupport.Unknown },
        { "DSA under the default policy: RFC 8624 §3.1 MUST NOT validate", 3, true, false, AlgorithmSupport.Disabled },
        { "DSA-NSEC3-SHA1 under the default policy", 6, true, false, AlgorithmSupport.Disabled },
        { "DSA allowed but SHA-1 refused", 3, false, true, AlgorithmSupport.Disabled },
        { "RSASHA1 with SHA-1 refused", 5, false, false, AlgorithmSupport.Disabled },
        { "RSASHA1-NSEC3-SHA1 with SHA-1 refused", 7, false, false, AlgorithmSupport.Disabled },
    };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public void Create_MalformedKey_ReturnsNullWithTheReason(string description, byte algorithm, byte[] key, bool allowDsa, string expected)
    {
        Assert.NotNull(description);
        var policy = new AlgorithmPolicy { AllowDsa = allowDsa };

        DnskeyVerifier? verifier = DnskeyVerifier.Create((DnssecAlgorithm)algorithm, key, policy, out string? error);

        Assert.Null(verifier);
        Assert.NotNull(error);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RefusedAlgorithms))]
    public void Create_AlgorithmThePolicyRefuses_ReturnsNullNamingAlgorithmAndWhy(string description, byte algorithm, bool allowSha1, bool allowDsa, AlgorithmSupport support)
    {
        Assert.NotNull(description);
        var policy = new AlgorithmPolicy { AllowSha1 = allowSha1, AllowDsa = allowDsa };

        DnskeyVerifier? verifier = DnskeyVerifier.Create((DnssecAlgorithm)algorithm, new byte[64], policy, out string? error);

        Assert.Equal(support, policy.GetSupport((DnssecAlgorithm)algorithm));
        Assert.Null(verifier);
        Assert.Equal($"algorithm {algorithm} ({(DnssecAlgorithm)algorithm}) is {support.ToString().ToLowerInvariant()}", error);
    }

    [Theory]
    [MemberData(nameof(RfcVectors.KeyTags), MemberType = typeof(RfcVectors))]
    public void Create_RfcExampleKey_DecodesWithItsAlgorithmAndSize(string section, ushort keyTag)
    {
        DnskeyData key = DnskeyData.From(RfcVectors.Read(section).Dnskey);
        Assert.NotEqual(0, keyTag);

        DnskeyVerifier? verifier = DnskeyVerifier.Create(key.Algorithm, key.PublicKey.Span, AlgorithmPolicy.Default, out string? error);

        Assert.True(verifier is not null, error);
        Assert.Equal(key.Algorithm, verifier.Algorithm);
        int expectedBits = key.Algorithm switch
        {
            DnssecAlgorithm.RSASHA1 => 1024,
            DnssecAlgorithm.RSASHA256 => 512,
            DnssecAlgorithm.RSASHA512 => 1024,
            DnssecAlgorithm.ECDSAP256SHA256 or DnssecAlgorithm.ED25519 => 256,
            DnssecAlgorithm.ECDSAP384SHA384 => 384,
            _ => 456,
        };
        Assert.Equal(expectedBits, verifier.KeySizeInBits);
    }

    [Fact]
    public void Verify_SignatureOfWrongLength_IsFalseWithoutThrowing()
    {
        foreach (DnssecAlgorithm algorithm in new[] { DnssecAlgorithm.RSASHA256, DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448 })
        {
            SigningKey key = SigningKey.Generate(DnsName.Parse("example."), algorithm, rsaBits: 1024);
            DnskeyVerifier verifier = DnskeyVerifier.Create(algorithm, key.PublicKey.Span, AlgorithmPolicy.Default, out _)!;
            byte[] signature = key.Sign("data"u8);

            Assert.True(verifier.Verify("data"u8, signature), algorithm.ToString());
            Assert.False(verifier.Verify("data"u8, signature.AsSpan()[..^1]), algorithm.ToString());
            Assert.False(verifier.Verify("data"u8, [.. signature, 0]), algorithm.ToString());
            Assert.False(verifier.Verify("data"u8, []), algorithm.ToString());
            Assert.False(verifier.Verify("data"u8, new byte[signature.Length]), algorithm.ToString());
        }
    }

    [Fact]
    public void Verify_DsaSignatureInDerForm_IsValidAsUnboundAcceptsIt()
    {
        // The DSA-signed zones of Unbound's replay scenarios carry DER signatures (SEQUENCE of R and S), not RFC 2536's T|R|S.
        using var dsa = System.Security.Cryptography.DSA.Create(1024);
        System.Security.Cryptography.DSAParameters p = dsa.ExportParameters(includePrivateParameters: false);
        byte[] key = [8, .. p.Q!, .. p.P!, .. p.G!, .. p.Y!];
        var policy = new AlgorithmPolicy { AllowDsa = true };
        DnskeyVerifier verifier = DnskeyVerifier.Create(DnssecAlgorithm.DSA, key, policy, out string? error)!;
        Assert.True(verifier is not null, error);
        byte[] der = dsa.SignData("data"u8.ToArray(), System.Security.Cryptography.HashAlgorithmName.SHA1, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence);
        byte[] plain = [8, .. dsa.SignData("data"u8.ToArray(), System.Security.Cryptography.HashAlgorithmName.SHA1, System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation)];

        Assert.True(verifier.Verify("data"u8, der));
        Assert.True(verifier.Verify("data"u8, plain));
        Assert.False(verifier.Verify("other"u8, der));
        Assert.False(verifier.Verify("data"u8, der.AsSpan()[..^1]));
    }

    [Fact]
    public void Verify_RsaSignatureWithItsLeadingZeroOctetDropped_IsStillValid()
    {
        // An RSA signature is a number (RFC 3110 §3); one whose first octet is zero means the same without it.
        SigningKey key = SigningKey.Generate(DnsName.Parse("example."), DnssecAlgorithm.RSASHA256, rsaBits: 1024);
        DnskeyVerifier verifier = DnskeyVerifier.Create(DnssecAlgorithm.RSASHA256, key.PublicKey.Span, AlgorithmPolicy.Default, out _)!;
        for (int i = 0; i < 10_000; i++)
        {
            byte[] data = BitConverter.GetBytes(i);
            byte[] signature = key.Sign(data);
            if (signature[0] == 0)
            {
                Assert.True(verifier.Verify(data, signature));
                Assert.True(verifier.Verify(data, signature.AsSpan()[1..]));
                Assert.False(verifier.Verify(data, [.. signature[1..], 0]));
                return;
            }
        }

        Assert.Fail("no signature starting with a zero octet in 10000 tries");
    }

    private static byte[] Flip(byte[] key)
    {
        byte[] copy = [.. key];
        copy[^1] ^= 0x01;
        return copy;
    }
}
