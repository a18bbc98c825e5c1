using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>A configured point of trust: the DS and/or DNSKEY records that a zone's DNSKEY RRset must match.</summary>
public sealed class TrustAnchor
{
    /// <summary>Creates an anchor for <paramref name="zone"/> from DS and DNSKEY records owned by it.</summary>
    /// <exception cref="ArgumentException">No record was given, or one is not a DS or DNSKEY of the zone.</exception>
    public TrustAnchor(DnsName zone, IEnumerable<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(records);
        var ds = new List<DnsRecord>();
        var keys = new List<DnsRecord>();
        foreach (DnsRecord record in records)
        {
            if (!record.Owner.Equals(zone) || record.Type is not (RecordType.DS or RecordType.DNSKEY))
            {
                throw new ArgumentException($"{record} is not a DS or DNSKEY record of {zone}.", nameof(records));
            }

            (record.Type == RecordType.DS ? ds : keys).Add(record);
        }

        if (ds.Count == 0 && keys.Count == 0)
        {
            throw new ArgumentException($"The anchor for {zone} has no records.", nameof(records));
        }

        Zone = zone;
        DelegationSigners = ds;
        Keys = keys;
    }

    /// <summary>The zone whose keys the anchor vouches for.</summary>
    public DnsName Zone { get; }

    /// <summary>DS records: a DNSKEY matching one of them is trusted.</summary>
    public IReadOnlyList<DnsRecord> DelegationSigners { get; }

    /// <summary>DNSKEY records trusted as they are.</summary>
    public IReadOnlyList<DnsRecord> Keys { get; }
}
