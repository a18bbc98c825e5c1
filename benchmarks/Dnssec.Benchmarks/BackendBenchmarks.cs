using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Dnssec.Crypto;
using Dnssec.Wire;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;

namespace Dnssec.Benchmarks;

/// <summary>
/// The measurement behind the choice of backend per algorithm: one signature verification of a 200-octet message
/// (hash included) by System.Security.Cryptography (OpenSSL underneath on Linux), by BouncyCastle, and by libcrypto
/// called directly (the library's own LibCrypto verifiers, DNSSEC signature form), each with the public key decoded
/// once in setup. OpenSSL's own figures come from `openssl speed` (see README.md and benchmarks/signatures/run.sh).
/// </summary>
[MemoryDiagnoser]
public class BackendBenchmarks
{
    private readonly byte[] _message = RandomNumberGenerator.GetBytes(200);
    private RSA _rsa = null!;
    private byte[] _rsaSignature = [];
    private RsaDigestSigner _bouncyRsa = null!;
    private ECDsa _p256 = null!;
    private byte[] _p256Signature = [];
    private ECPublicKeyParameters _bouncyP256 = null!;
    private ECDsa _p384 = null!;
    private byte[] _p384Signature = [];
    private ECPublicKeyParameters _bouncyP384 = null!;
    private readonly Dictionary<(DnssecAlgorithm, SignatureBackend), (DnskeyVerifier Verifier, byte[] Signature)> _dnskeys = [];

    /// <summary>Makes one key and signature per algorithm and decodes the public keys for both backends.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using RSA rsaPrivate = RSA.Create(2048);
        _rsaSignature = rsaPrivate.SignData(_message, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        RSAParameters rsaPublic = rsaPrivate.ExportParameters(false);
        _rsa = RSA.Create(rsaPublic);
        _bouncyRsa = new RsaDigestSigner(new Org.BouncyCastle.Crypto.Digests.Sha256Digest());
        _bouncyRsa.Init(false, new RsaKeyParameters(false, new BigInteger(1, rsaPublic.Modulus), new BigInteger(1, rsaPublic.Exponent)));

        (_p256, _p256Signature, _bouncyP256) = MakeEcdsa(ECCurve.NamedCurves.nistP256, "P-256", HashAlgorithmName.SHA256);
        (_p384, _p384Signature, _bouncyP384) = MakeEcdsa(ECCurve.NamedCurves.nistP384, "P-384", HashAlgorithmName.SHA384);
        foreach (DnssecAlgorithm algorithm in new[] { DnssecAlgorithm.RSASHA256, DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448 })
        {
            SigningKey key = SigningKey.Generate(DnsName.Parse("example."), algorithm, rsaBits: 2048);
            byte[] signature = key.Sign(_message);
            foreach (SignatureBackend backend in new[] { SignatureBackend.Portable, SignatureBackend.LibCrypto })
            {
                DnskeyVerifier verifier = DnskeyVerifier.Create(algorithm, key.PublicKey.Span, AlgorithmPolicy.Default, backend, out string? error)
                    ?? throw new InvalidOperationException(error);
                _dnskeys[(algorithm, backend)] = (verifier, signature);
            }
        }

        if (!Rsa2048Bcl() || !Rsa2048BouncyCastle() || !P256Bcl() || !P256BouncyCastle() || !P384Bcl() || !P384BouncyCastle()
            || !Rsa2048LibCrypto() || !P256LibCrypto() || !P384LibCrypto() || !Ed25519BouncyCastle() || !Ed25519LibCrypto() || !Ed448BouncyCastle() || !Ed448LibCrypto())
        {
            throw new InvalidOperationException("A backend did not verify its signature.");
        }
    }

    /// <summary>RSA-2048/SHA-256 through System.Security.Cryptography.</summary>
    [Benchmark]
    public bool Rsa2048Bcl() => _rsa.VerifyData(_message, _rsaSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);

    /// <summary>RSA-2048/SHA-256 through BouncyCastle.</summary>
    [Benchmark]
    public bool Rsa2048BouncyCastle()
    {
        _bouncyRsa.Reset();
        _bouncyRsa.BlockUpdate(_message, 0, _message.Length);
        return _bouncyRsa.VerifySignature(_rsaSignature);
    }

    /// <summary>ECDSA P-256/SHA-256 through System.Security.Cryptography.</summary>
    [Benchmark]
    public bool P256Bcl() => _p256.VerifyData(_message, _p256Signature, HashAlgorithmName.SHA256);

    /// <summary>ECDSA P-256/SHA-256 through BouncyCastle's fixed-width curve.</summary>
    [Benchmark]
    public bool P256BouncyCastle() => VerifyBouncy(_bouncyP256, SHA256.HashData(_message), _p256Signature);

    /// <summary>ECDSA P-384/SHA-384 through System.Security.Cryptography.</summary>
    [Benchmark]
    public bool P384Bcl() => _p384.VerifyData(_message, _p384Signature, HashAlgorithmName.SHA384);

    /// <summary>ECDSA P-384/SHA-384 through BouncyCastle's fixed-width curve.</summary>
    [Benchmark]
    public bool P384BouncyCastle() => VerifyBouncy(_bouncyP384, SHA384.HashData(_message), _p384Signature);

    /// <summary>RSA-2048/SHA-256 through libcrypto directly, with a key context made once.</summary>
    [Benchmark]
    public bool Rsa2048LibCrypto() => Verify(DnssecAlgorithm.RSASHA256, SignatureBackend.LibCrypto);

    /// <summary>ECDSA P-256/SHA-256 through libcrypto directly, with a key context made once.</summary>
    [Benchmark]
    public bool P256LibCrypto() => Verify(DnssecAlgorithm.ECDSAP256SHA256, SignatureBackend.LibCrypto);

    /// <summary>ECDSA P-384/SHA-384 through libcrypto directly, with a key context made once.</summary>
    [Benchmark]
    public bool P384LibCrypto() => Verify(DnssecAlgorithm.ECDSAP384SHA384, SignatureBackend.LibCrypto);

    /// <summary>Ed25519 through BouncyCastle, with the point decoded once.</summary>
    [Benchmark]
    public bool Ed25519BouncyCastle() => Verify(DnssecAlgorithm.ED25519, SignatureBackend.Portable);

    /// <summary>Ed25519 through libcrypto directly.</summary>
    [Benchmark]
    public bool Ed25519LibCrypto() => Verify(DnssecAlgorithm.ED25519, SignatureBackend.LibCrypto);

    /// <summary>Ed448 through BouncyCastle, with the point decoded once.</summary>
    [Benchmark]
    public bool Ed448BouncyCastle() => Verify(DnssecAlgorithm.ED448, SignatureBackend.Portable);

    /// <summary>Ed448 through libcrypto directly.</summary>
    [Benchmark]
    public bool Ed448LibCrypto() => Verify(DnssecAlgorithm.ED448, SignatureBackend.LibCrypto);

    private bool Verify(DnssecAlgorithm algorithm, SignatureBackend backend)
    {
        (DnskeyVerifier verifier, byte[] signature) = _dnskeys[(algorithm, backend)];
        return verifier.Verify(_message, signature);
    }

    private (ECDsa Key, byte[] Signature, ECPublicKeyParameters Bouncy) MakeEcdsa(ECCurve curve, string name, HashAlgorithmName hash)
    {
        using ECDsa privateKey = ECDsa.Create(curve);
        byte[] signature = privateKey.SignData(_message, hash);
        ECParameters parameters = privateKey.ExportParameters(false);
        var x9 = CustomNamedCurves.GetByName(name);
        var point = x9.Curve.CreatePoint(new BigInteger(1, parameters.Q.X), new BigInteger(1, parameters.Q.Y)).Normalize();
        return (ECDsa.Create(parameters), signature, new ECPublicKeyParameters(point, new ECDomainParameters(x9)));
    }

    private static bool VerifyBouncy(ECPublicKeyParameters key, byte[] hash, byte[] signature)
    {
        var signer = new ECDsaSigner();
        signer.Init(false, key);
        int half = signature.Length / 2;
        return signer.VerifySignature(hash, new BigInteger(1, signature, 0, half), new BigInteger(1, signature, half, half));
    }
}
