using System.Security.Cryptography;
using Dnssec.Crypto;
using Dnssec.Dane;

namespace Dnssec.Fuzz.Targets;

/// <summary>
/// Fuzzes the DANE certificate readers on arbitrary bytes as a DER certificate: <see cref="TlsaMatcher.Match(ReadOnlySpan{byte}, TlsaSelector, TlsaMatchingType, ReadOnlySpan{byte})"/>
/// for every selector and matching type, the chain walk's part locator and the signature check it feeds.
/// </summary>
/// <remarks>
/// None of them documents an exception: malformed input is a result (<see cref="TlsaMatchResult.MalformedCertificate"/>,
/// false), so nothing is caught here. The two locators must agree on where the key lies, and a record made from the
/// located content must match it.
/// </remarks>
public sealed class CertificateTarget : IFuzzTarget
{
    /// <inheritdoc/>
    public string Name => "certificate";

    /// <inheritdoc/>
    public void Run(ReadOnlySpan<byte> input)
    {
        bool located = CertificateDer.TryLocateParts(input, out CertificateParts parts);
        bool keyLocated = CertificateDer.TryLocateSubjectPublicKeyInfo(input, out Range key);
        FuzzCheck.That(!located || (keyLocated && key.Equals(parts.SubjectPublicKeyInfo)), "The two locators disagree on the SubjectPublicKeyInfo");

        bool whole = CertificateDer.IsSequence(input);
        Check(input, TlsaSelector.Cert, whole, input);
        Check(input, TlsaSelector.SPKI, keyLocated, keyLocated ? input[key] : default);

        if (located)
        {
            X509SignatureVerifier.Verify(input[parts.SubjectPublicKeyInfo], input[parts.SignatureAlgorithm], input[parts.ToBeSigned], input[parts.Signature]);
        }
    }

    private static void Check(ReadOnlySpan<byte> certificate, TlsaSelector selector, bool readable, ReadOnlySpan<byte> selected)
    {
        Span<byte> sha256 = stackalloc byte[32];
        Span<byte> sha512 = stackalloc byte[64];
        SHA256.HashData(selected, sha256);
        SHA512.HashData(selected, sha512);
        TlsaMatchResult expected = readable ? TlsaMatchResult.Match : TlsaMatchResult.MalformedCertificate;
        FuzzCheck.That(TlsaMatcher.Match(certificate, selector, TlsaMatchingType.SHA2256, sha256) == expected, $"SHA2-256 of the {selector} content did not give {expected}");
        FuzzCheck.That(TlsaMatcher.Match(certificate, selector, TlsaMatchingType.SHA2512, sha512) == expected, $"SHA2-512 of the {selector} content did not give {expected}");
        if (readable && CertificateDer.IsSequence(selected))
        {
            FuzzCheck.That(TlsaMatcher.Match(certificate, selector, TlsaMatchingType.Full, selected) == TlsaMatchResult.Match, $"Full {selector} content did not match itself");
        }
    }
}
