using System.Security.Cryptography;
using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>Computes and compares the digests that DS records hold of a child zone's DNSKEY (RFC 4034 §5.1.4, RFC 4509, RFC 6605).</summary>
public static class DsDigest
{
    /// <summary>The digest length of <paramref name="digestType"/>, or 0 when it is not implemented.</summary>
    public static int GetLength(DigestType digestType) => digestType switch
    {
        DigestType.SHA1 => SHA1.HashSizeInBytes,
        DigestType.SHA256 => SHA256.HashSizeInBytes,
        DigestType.SHA384 => SHA384.HashSizeInBytes,
        _ => 0,
    };

    /// <summary>Computes the digest of owner name (canonical form) followed by DNSKEY RDATA into <paramref name="destination"/>.</summary>
    /// <returns>The digest length, or 0 when the digest type is not implemented.</returns>
    public static int Compute(DnsName owner, ReadOnlySpan<byte> dnskeyRecordData, DigestType digestType, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(owner);
        int length = GetLength(digestType);
        if (length == 0)
        {
            return 0;
        }

        int inputLength = owner.WireLength + dnskeyRecordData.Length;
        byte[]? rented = null;
        Span<byte> input = inputLength <= 1024 ? stackalloc byte[1024] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(inputLength));
        try
        {
            int position = owner.WriteCanonicalTo(input);
            dnskeyRecordData.CopyTo(input[position..]);
            input = input[..inputLength];
            return digestType switch
            {
                DigestType.SHA1 => SHA1.HashData(input, destination),
                DigestType.SHA256 => SHA256.HashData(input, destination),
                _ => SHA384.HashData(input, destination),
            };
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether the DS record names and digests this DNSKEY: same key tag, algorithm, and digest.</summary>
    /// <remarks>Digest types that are not implemented never match; callers decide what an unsupported DS means.</remarks>
    public static bool Matches(DsData ds, DnsName owner, ReadOnlySpan<byte> dnskeyRecordData)
    {
        if (dnskeyRecordData.Length < 4 || ds.Algorithm != (DnssecAlgorithm)dnskeyRecordData[3] || ds.KeyTag != KeyTag.Compute(dnskeyRecordData))
        {
            return false;
        }

        Span<byte> digest = stackalloc byte[SHA384.HashSizeInBytes];
        int length = Compute(owner, dnskeyRecordData, ds.DigestType, digest);
        return length != 0 && CryptographicOperations.FixedTimeEquals(digest[..length], ds.Digest.Span);
    }

    /// <summary>Builds the DS record for a DNSKEY record, as a parent publishes it.</summary>
    /// <exception cref="ArgumentException">The record is not a DNSKEY or the digest type is not implemented.</exception>
    public static DnsRecord CreateDs(DnsRecord dnskey, DigestType digestType, uint? ttl = null)
    {
        ArgumentNullException.ThrowIfNull(dnskey);
        if (dnskey.Type is not (RecordType.DNSKEY or RecordType.CDNSKEY))
        {
            throw new ArgumentException($"A DS is made from a DNSKEY, not a {dnskey.Type}.", nameof(dnskey));
        }

        Span<byte> digest = stackalloc byte[SHA384.HashSizeInBytes];
        int length = Compute(dnskey.Owner, dnskey.Data.Span, digestType, digest);
        if (length == 0)
        {
            throw new ArgumentException($"Digest type {digestType} is not implemented.", nameof(digestType));
        }

        DnskeyData key = DnskeyData.From(dnskey);
        byte[] data = DsData.Encode(KeyTag.Compute(dnskey.Data.Span), key.Algorithm, digestType, digest[..length]);
        return new DnsRecord(dnskey.Owner, RecordType.DS, dnskey.Class, ttl ?? dnskey.Ttl, data);
    }
}
