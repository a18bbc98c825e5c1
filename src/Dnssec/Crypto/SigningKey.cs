using System.Security.Cryptography;
using Dnssec.Wire;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace Dnssec.Crypto;

/// <summary>
/// A private key with its DNSKEY record, for the signer that tests and the demo use to build zones with any
/// deliberate fault. Generates RSA, ECDSA, Ed25519 and Ed448 keys.
/// </summary>
public sealed class SigningKey
{
    private readonly AsymmetricAlgorithm? _bclKey;
    private readonly byte[]? _edwardsPrivateKey;

    private SigningKey(DnsName zone, DnssecAlgorithm algorithm, ushort flags, uint ttl, byte[] publicKey, AsymmetricAlgorithm? bclKey, byte[]? edwardsPrivateKey)
    {
        Zone = zone;
        Algorithm = algorithm;
        PublicKey = publicKey;
        _bclKey = bclKey;
        _edwardsPrivateKey = edwardsPrivateKey;
        Dnskey = new DnsRecord(zone, RecordType.DNSKEY, RecordClass.IN, ttl, DnskeyData.Encode(flags, DnskeyData.DnssecProtocol, algorithm, publicKey));
        KeyTag = Crypto.KeyTag.Compute(Dnskey.Data.Span);
    }

    /// <summary>The zone the key belongs to.</summary>
    public DnsName Zone { get; }

    /// <summary>The signing algorithm.</summary>
    public DnssecAlgorithm Algorithm { get; }

    /// <summary>The public key in DNSKEY encoding.</summary>
    public ReadOnlyMemory<byte> PublicKey { get; }

    /// <summary>The DNSKEY record that publishes the key.</summary>
    public DnsRecord Dnskey { get; }

    /// <summary>The key tag of <see cref="Dnskey"/>.</summary>
    public ushort KeyTag { get; }

    /// <summary>The DNSKEY flags.</summary>
    public ushort Flags => DnskeyData.From(Dnskey).Flags;

    /// <summary>Whether the Secure Entry Point flag marks this as a key-signing key.</summary>
    public bool IsKeySigningKey => DnskeyData.From(Dnskey).IsSecureEntryPoint;

    /// <summary>Generates a key; <paramref name="flags"/> 257 makes a key-signing key, 256 a zone-signing key.</summary>
    /// <exception cref="NotSupportedException">The algorithm cannot be generated here (DSA, GOST, unknown).</exception>
    public static SigningKey Generate(DnsName zone, DnssecAlgorithm algorithm, ushort flags = DnskeyData.ZoneKeyFlag, int rsaBits = 2048, uint ttl = 3600)
    {
        ArgumentNullException.ThrowIfNull(zone);
        switch (algorithm)
        {
            case DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 or DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512:
            {
                var rsa = RSA.Create(rsaBits);
                RSAParameters parameters = rsa.ExportParameters(false);
                return new SigningKey(zone, algorithm, flags, ttl, EncodeRsa(parameters.Exponent!, parameters.Modulus!), rsa, null);
            }

            case DnssecAlgorithm.ECDSAP256SHA256 or DnssecAlgorithm.ECDSAP384SHA384:
            {
                var ecdsa = ECDsa.Create(algorithm == DnssecAlgorithm.ECDSAP256SHA256 ? ECCurve.NamedCurves.nistP256 : ECCurve.NamedCurves.nistP384);
                ECParameters parameters = ecdsa.ExportParameters(false);
                return new SigningKey(zone, algorithm, flags, ttl, [.. parameters.Q.X!, .. parameters.Q.Y!], ecdsa, null);
            }

            case DnssecAlgorithm.ED25519:
            {
                byte[] secret = RandomNumberGenerator.GetBytes(Ed25519.SecretKeySize);
                byte[] publicKey = new byte[Ed25519.PublicKeySize];
                Ed25519.GeneratePublicKey(secret, 0, publicKey, 0);
                return new SigningKey(zone, algorithm, flags, ttl, publicKey, null, secret);
            }

            case DnssecAlgorithm.ED448:
            {
                byte[] secret = RandomNumberGenerator.GetBytes(Ed448.SecretKeySize);
                byte[] publicKey = new byte[Ed448.PublicKeySize];
                Ed448.GeneratePublicKey(secret, 0, publicKey, 0);
                return new SigningKey(zone, algorithm, flags, ttl, publicKey, null, secret);
            }

            default:
                throw new NotSupportedException($"Cannot generate keys for algorithm {algorithm}.");
        }
    }

    /// <summary>The same private key published with other flags, for example with REVOKE set (RFC 5011 §7).</summary>
    public SigningKey WithFlags(ushort flags) =>
        new(Zone, Algorithm, flags, Dnskey.Ttl, PublicKey.ToArray(), _bclKey, _edwardsPrivateKey);

    /// <summary>Signs <paramref name="data"/> and returns the signature in DNSSEC encoding.</summary>
    public byte[] Sign(ReadOnlySpan<byte> data)
    {
        switch (_bclKey)
        {
            case RSA rsa:
                HashAlgorithmName hash = Algorithm switch
                {
                    DnssecAlgorithm.RSASHA256 => HashAlgorithmName.SHA256,
                    DnssecAlgorithm.RSASHA512 => HashAlgorithmName.SHA512,
                    _ => HashAlgorithmName.SHA1,
                };
                return rsa.SignData(data.ToArray(), hash, RSASignaturePadding.Pkcs1);
            case ECDsa ecdsa:
                return ecdsa.SignData(data, Algorithm == DnssecAlgorithm.ECDSAP256SHA256 ? HashAlgorithmName.SHA256 : HashAlgorithmName.SHA384);
        }

        if (Algorithm == DnssecAlgorithm.ED25519)
        {
            byte[] signature = new byte[Ed25519.SignatureSize];
            Ed25519.Sign(_edwardsPrivateKey!, 0, data.ToArray(), 0, data.Length, signature, 0);
            return signature;
        }

        byte[] signature448 = new byte[Ed448.SignatureSize];
        Ed448.Sign(_edwardsPrivateKey!, 0, [], data.ToArray(), 0, data.Length, signature448, 0);
        return signature448;
    }

    private static byte[] EncodeRsa(byte[] exponent, byte[] modulus)
    {
        // RFC 3110 §2: exponents longer than 255 octets take a three-octet length.
        byte[] prefix = exponent.Length <= byte.MaxValue ? [(byte)exponent.Length] : [0, (byte)(exponent.Length >> 8), (byte)exponent.Length];
        return [.. prefix, .. exponent, .. modulus];
    }
}
