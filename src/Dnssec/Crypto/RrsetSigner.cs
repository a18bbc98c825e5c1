using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>Makes RRSIG records over RRsets (RFC 4034 §3, RFC 4035 §2.2); the fields can be set to anything so tests can build faults.</summary>
public static class RrsetSigner
{
    /// <summary>Signs an RRset and returns the RRSIG record.</summary>
    /// <param name="rrset">The records of one RRset.</param>
    /// <param name="key">The signing key; its zone becomes the signer name.</param>
    /// <param name="inception">The start of validity.</param>
    /// <param name="expiration">The end of validity.</param>
    /// <param name="originalTtl">The original TTL to sign; the RRset's TTL when null.</param>
    /// <param name="labels">The labels field; the owner's count without a leading wildcard when null.</param>
    public static DnsRecord Sign(IReadOnlyList<DnsRecord> rrset, SigningKey key, DateTimeOffset inception, DateTimeOffset expiration, uint? originalTtl = null, byte? labels = null)
    {
        ArgumentNullException.ThrowIfNull(rrset);
        ArgumentNullException.ThrowIfNull(key);
        if (rrset.Count == 0)
        {
            throw new ArgumentException("The RRset is empty.", nameof(rrset));
        }

        DnsRecord first = rrset[0];
        uint ttl = originalTtl ?? first.Ttl;
        byte labelCount = labels ?? (byte)first.Owner.SignatureLabelCount;
        byte[] fields = RrsigData.Encode(first.Type, key.Algorithm, labelCount, ttl, SerialNumber.FromTime(expiration), SerialNumber.FromTime(inception), key.KeyTag, key.Zone, []);
        byte[] signature = key.Sign(SignedData.Build(rrset, fields, labelCount, ttl));
        byte[] rdata = [.. fields, .. signature];
        return new DnsRecord(first.Owner, RecordType.RRSIG, first.Class, ttl, rdata);
    }
}
