using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Tests.Dane;

/// <summary>Makes TLSA RDATA for a test certificate.</summary>
internal static class TlsaRecords
{
    public static TlsaData For(X509Certificate2 certificate, int usage, int selector, int matchingType)
    {
        byte[] der = certificate.RawData;
        Assert.True(CertificateDer.TryLocateSubjectPublicKeyInfo(der, out Range spki));
        byte[] selected = selector == 0 ? der : der[spki];
        byte[] data = matchingType switch
        {
            0 => selected,
            1 => SHA256.HashData(selected),
            _ => SHA512.HashData(selected),
        };
        return TlsaData.Parse(TlsaData.Encode((byte)usage, (byte)selector, (byte)matchingType, data));
    }

    public static TlsaData Raw(int usage, int selector, int matchingType, byte[] data) =>
        TlsaData.Parse(TlsaData.Encode((byte)usage, (byte)selector, (byte)matchingType, data));
}
