using Dnssec.Crypto;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;

namespace Dnssec.Tests.Conformance;

/// <summary>Changes to a zone after signing that keep it correctly signed, for the TTL and key clauses of the conformance matrix.</summary>
internal static class SignedZoneEdits
{
    /// <summary>
    /// Gives every RRset that <paramref name="which"/> picks the TTL <paramref name="ttl"/> and signs it again with
    /// <paramref name="key"/>, so that the RRSIG's original TTL says the same: a zone published with these TTLs.
    /// </summary>
    public static void Retime(List<DnsRecord> zone, Func<DnsRecord, bool> which, uint ttl, SigningKey key)
    {
        var rrsets = zone.Where(r => r.Type != RecordType.RRSIG && which(r)).Select(r => (r.Owner, r.Type)).Distinct().ToList();
        foreach ((DnsName owner, RecordType type) in rrsets)
        {
            List<DnsRecord> records = [.. zone.Where(r => r.Owner.Equals(owner) && r.Type == type).Select(r => r.WithTtl(ttl))];
            zone.RemoveAll(r => r.Owner.Equals(owner) && (r.Type == type || (r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == type)));
            zone.AddRange(records);
            zone.Add(RrsetSigner.Sign(records, key, TestHierarchy.Now - TimeSpan.FromDays(1), TestHierarchy.Now + TimeSpan.FromDays(30)));
        }
    }

    /// <summary>Replaces the apex SOA by one with <paramref name="minimum"/> as its MINIMUM field and signs it again with <paramref name="key"/>.</summary>
    public static void SetSoaMinimum(List<DnsRecord> zone, DnsName apex, uint minimum, SigningKey key)
    {
        int at = zone.FindIndex(r => r.Owner.Equals(apex) && r.Type == RecordType.SOA);
        DnsRecord soa = zone[at];
        SoaData data = SoaData.From(soa);
        zone[at] = new DnsRecord(apex, RecordType.SOA, soa.Class, soa.Ttl,
            SoaData.Encode(data.PrimaryServer, data.ResponsibleMailbox, data.Serial, data.Refresh, data.Retry, data.Expire, minimum));
        Retime(zone, r => r.Owner.Equals(apex) && r.Type == RecordType.SOA, soa.Ttl, key);
    }

    /// <summary>
    /// An Ed25519 DNSKEY with the flags and key tag of <paramref name="victim"/> but another public key, one that is a
    /// valid curve point: the tag is a 16-bit checksum (RFC 4034 Appendix B), so random keys hit it about once in 65536
    /// tries, and about one random string in sixteen decodes.
    /// </summary>
    public static DnsRecord KeySharingTheTag(SigningKey victim, Random random)
    {
        byte[] key = new byte[Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.PublicKeySize];
        while (true)
        {
            random.NextBytes(key);
            byte[] rdata = DnskeyData.Encode(victim.Flags, DnskeyData.DnssecProtocol, victim.Algorithm, key);
            if (KeyTag.Compute(rdata) == victim.KeyTag && !key.AsSpan().SequenceEqual(victim.PublicKey.Span)
                && Org.BouncyCastle.Math.EC.Rfc8032.Ed25519.ValidatePublicKeyFull(key, 0))
            {
                return new DnsRecord(victim.Zone, RecordType.DNSKEY, RecordClass.IN, 3600, rdata);
            }
        }
    }
}
