using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Dnssec.Dane;

namespace Dnssec.Benchmarks;

/// <summary>
/// Matching one RSA-3072 server certificate (about 1.4 KB of DER) against a TLSA record for each selector and
/// matching type, beside the raw SHA-256 or SHA-512 of the same bytes (the whole certificate, or its
/// SubjectPublicKeyInfo), which is the baseline of each category: the ratio is what finding the key and comparing cost.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TlsaMatchBenchmarks
{
    private byte[] _certificate = [];
    private byte[] _certificateCopy = [];
    private byte[] _spki = [];
    private byte[] _certSha256 = [];
    private byte[] _certSha512 = [];
    private byte[] _spkiSha256 = [];
    private byte[] _spkiSha512 = [];

    /// <summary>Makes the certificate and the six records' data once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using RSA key = RSA.Create(3072);
        var request = new CertificateRequest("CN=mail.example.com, O=Example Mail Services, C=NL", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (string name in new[] { "mail.example.com", "smtp.example.com", "mx1.example.com", "mx2.example.com", "imap.example.com", "submission.example.com" })
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        using X509Certificate2 certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        _certificate = certificate.RawData;
        Console.WriteLine($"// certificate: {_certificate.Length} octets of DER");
        _certificateCopy = [.. _certificate];
        _spki = certificate.PublicKey.ExportSubjectPublicKeyInfo();
        _certSha256 = SHA256.HashData(_certificate);
        _certSha512 = SHA512.HashData(_certificate);
        _spkiSha256 = SHA256.HashData(_spki);
        _spkiSha512 = SHA512.HashData(_spki);
        foreach (TlsaMatchResult result in new[] { CertSha256(), CertSha512(), SpkiSha256(), SpkiSha512(), CertFull(), SpkiFull() })
        {
            if (result != TlsaMatchResult.Match)
            {
                throw new InvalidOperationException("setup: a record does not match its certificate");
            }
        }
    }

    /// <summary>SHA-256 of the whole certificate into stack memory.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Cert SHA2-256")]
    public byte RawSha256Certificate()
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_certificate, digest);
        return digest[0];
    }

    /// <summary>Selector Cert(0), matching type SHA2-256(1).</summary>
    [Benchmark, BenchmarkCategory("Cert SHA2-256")]
    public TlsaMatchResult CertSha256() => TlsaMatcher.Match(_certificate, TlsaSelector.Cert, TlsaMatchingType.SHA2256, _certSha256);

    /// <summary>SHA-512 of the whole certificate into stack memory.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Cert SHA2-512")]
    public byte RawSha512Certificate()
    {
        Span<byte> digest = stackalloc byte[64];
        SHA512.HashData(_certificate, digest);
        return digest[0];
    }

    /// <summary>Selector Cert(0), matching type SHA2-512(2).</summary>
    [Benchmark, BenchmarkCategory("Cert SHA2-512")]
    public TlsaMatchResult CertSha512() => TlsaMatcher.Match(_certificate, TlsaSelector.Cert, TlsaMatchingType.SHA2512, _certSha512);

    /// <summary>SHA-256 of the SubjectPublicKeyInfo alone, already cut out.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("SPKI SHA2-256")]
    public byte RawSha256Spki()
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(_spki, digest);
        return digest[0];
    }

    /// <summary>Selector SPKI(1), matching type SHA2-256(1): the key is found in the certificate, then hashed.</summary>
    [Benchmark, BenchmarkCategory("SPKI SHA2-256")]
    public TlsaMatchResult SpkiSha256() => TlsaMatcher.Match(_certificate, TlsaSelector.SPKI, TlsaMatchingType.SHA2256, _spkiSha256);

    /// <summary>SHA-512 of the SubjectPublicKeyInfo alone, already cut out.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("SPKI SHA2-512")]
    public byte RawSha512Spki()
    {
        Span<byte> digest = stackalloc byte[64];
        SHA512.HashData(_spki, digest);
        return digest[0];
    }

    /// <summary>Selector SPKI(1), matching type SHA2-512(2).</summary>
    [Benchmark, BenchmarkCategory("SPKI SHA2-512")]
    public TlsaMatchResult SpkiSha512() => TlsaMatcher.Match(_certificate, TlsaSelector.SPKI, TlsaMatchingType.SHA2512, _spkiSha512);

    /// <summary>Comparing the whole certificate with an equal copy, the floor of a Full(0) match.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Full")]
    public bool RawCompareCertificate() => _certificate.AsSpan().SequenceEqual(_certificateCopy);

    /// <summary>Selector Cert(0), matching type Full(0).</summary>
    [Benchmark, BenchmarkCategory("Full")]
    public TlsaMatchResult CertFull() => TlsaMatcher.Match(_certificate, TlsaSelector.Cert, TlsaMatchingType.Full, _certificateCopy);

    /// <summary>Selector SPKI(1), matching type Full(0).</summary>
    [Benchmark, BenchmarkCategory("Full")]
    public TlsaMatchResult SpkiFull() => TlsaMatcher.Match(_certificate, TlsaSelector.SPKI, TlsaMatchingType.Full, _spki);
}
