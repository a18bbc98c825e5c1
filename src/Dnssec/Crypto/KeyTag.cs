using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>Computes the key tag that RRSIG and DS records use to name a DNSKEY (RFC 4034 Appendix B).</summary>
public static class KeyTag
{
    /// <summary>The key tag of DNSKEY RDATA.</summary>
    /// <exception cref="ArgumentException">The RDATA is shorter than the fixed DNSKEY fields.</exception>
    public static ushort Compute(ReadOnlySpan<byte> dnskeyRecordData)
    {
        if (dnskeyRecordData.Length < 4)
        {
            throw new ArgumentException("DNSKEY RDATA is at least 4 octets.", nameof(dnskeyRecordData));
        }

        // RFC 4034 Appendix B.1: for RSA/MD5 the tag is the second-to-last two octets of the modulus.
        if (dnskeyRecordData[3] == (byte)DnssecAlgorithm.RSAMD5)
        {
            return dnskeyRecordData.Length < 7
                ? (ushort)0
                : (ushort)((dnskeyRecordData[^3] << 8) | dnskeyRecordData[^2]);
        }

        uint sum = 0;
        int pairs = dnskeyRecordData.Length & ~1;
        for (int i = 0; i < pairs; i += 2)
        {
            sum += (uint)((dnskeyRecordData[i] << 8) | dnskeyRecordData[i + 1]);
        }

        if (pairs != dnskeyRecordData.Length)
        {
            sum += (uint)dnskeyRecordData[^1] << 8;
        }

        sum += (sum >> 16) & 0xFFFF;
        return (ushort)sum;
    }

    /// <summary>The key tag of a DNSKEY record.</summary>
    public static ushort Compute(DnsRecord dnskey)
    {
        ArgumentNullException.ThrowIfNull(dnskey);
        return Compute(dnskey.Data.Span);
    }
}
