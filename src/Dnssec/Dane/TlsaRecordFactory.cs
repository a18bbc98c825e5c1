using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Dane;

/// <summary>Makes the TLSA record that publishes a certificate, as `dnssec tlsa` and danetool --tlsa-rr do (RFC 6698 §2.1).</summary>
public static class TlsaRecordFactory
{
    /// <summary>The TLSA RDATA for a DER certificate with the given usage, selector and matching type.</summary>
    /// <exception cref="FormatException">The certificate is not DER X.509.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The selector or matching type is not one this library can compute.</exception>
    public static TlsaData Create(ReadOnlySpan<byte> certificate, TlsaUsage usage, TlsaSelector selector, TlsaMatchingType matchingType)
    {
        if (!CertificateDer.TryLocateSubjectPublicKeyInfo(certificate, out Range key))
        {
            throw new FormatException("the certificate is not DER X.509");
        }

        ReadOnlySpan<byte> selected = selector switch
        {
            TlsaSelector.Cert => certificate,
            TlsaSelector.SPKI => certificate[key],
            _ => throw new ArgumentOutOfRangeException(nameof(selector), selector, "only Cert(0) and SPKI(1) are defined"),
        };
        byte[] data = matchingType switch
        {
            TlsaMatchingType.Full => selected.ToArray(),
            TlsaMatchingType.SHA2256 => SHA256.HashData(selected),
            TlsaMatchingType.SHA2512 => SHA512.HashData(selected),
            _ => throw new ArgumentOutOfRangeException(nameof(matchingType), matchingType, "only Full(0), SHA2-256(1) and SHA2-512(2) are defined"),
        };
        return TlsaData.Parse(TlsaData.Encode((byte)usage, (byte)selector, (byte)matchingType, data));
    }
}
