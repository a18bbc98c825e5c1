using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>
/// Decides whether one certificate matches one TLSA record (RFC 6698 §2.1.2, §2.1.3) without allocating: the
/// SubjectPublicKeyInfo is found in place and digests go to stack memory.
/// </summary>
public static class TlsaMatcher
{
    private const int Sha256Length = 32;
    private const int Sha512Length = 64;

    /// <summary>Matches a DER certificate against the selector, matching type and data of a TLSA record.</summary>
    public static TlsaMatchResult Match(ReadOnlySpan<byte> certificate, TlsaData record) =>
        Match(certificate, (TlsaSelector)record.Selector, (TlsaMatchingType)record.MatchingType, record.AssociationData.Span);

    /// <summary>Matches a DER certificate against a selector, a matching type and certificate association data.</summary>
    public static TlsaMatchResult Match(ReadOnlySpan<byte> certificate, TlsaSelector selector, TlsaMatchingType matchingType, ReadOnlySpan<byte> associationData)
    {
        if (!IsUsable(selector, matchingType, associationData))
        {
            return TlsaMatchResult.UnusableRecord;
        }

        ReadOnlySpan<byte> selected;
        if (selector == TlsaSelector.Cert)
        {
            if (!CertificateDer.IsSequence(certificate))
            {
                return TlsaMatchResult.MalformedCertificate;
            }

            selected = certificate;
        }
        else
        {
            if (!CertificateDer.TryLocateSubjectPublicKeyInfo(certificate, out Range key))
            {
                return TlsaMatchResult.MalformedCertificate;
            }

            selected = certificate[key];
        }

        return MatchSelected(selected, matchingType, associationData) ? TlsaMatchResult.Match : TlsaMatchResult.NoMatch;
    }

    /// <summary>
    /// Whether a selector, matching type and data length can be used at all: known values, data of the digest's
    /// length, and for Full(0) something DER-shaped (RFC 7671 §4.1 makes the rest unusable).
    /// </summary>
    public static bool IsUsable(TlsaSelector selector, TlsaMatchingType matchingType, ReadOnlySpan<byte> associationData)
    {
        if (selector is not (TlsaSelector.Cert or TlsaSelector.SPKI))
        {
            return false;
        }

        return matchingType switch
        {
            TlsaMatchingType.Full => CertificateDer.IsSequence(associationData),
            TlsaMatchingType.SHA2256 => associationData.Length == Sha256Length,
            TlsaMatchingType.SHA2512 => associationData.Length == Sha512Length,
            _ => false,
        };
    }

    /// <summary>Compares already selected content (certificate or key) with the association data.</summary>
    private static bool MatchSelected(ReadOnlySpan<byte> selected, TlsaMatchingType matchingType, ReadOnlySpan<byte> associationData)
    {
        Span<byte> digest = stackalloc byte[Sha512Length];
        switch (matchingType)
        {
            case TlsaMatchingType.Full:
                return selected.SequenceEqual(associationData);
            case TlsaMatchingType.SHA2256:
                SHA256.HashData(selected, digest);
                return digest[..Sha256Length].SequenceEqual(associationData);
            case TlsaMatchingType.SHA2512:
                SHA512.HashData(selected, digest);
                return digest.SequenceEqual(associationData);
            default:
                return false;
        }
    }
}
