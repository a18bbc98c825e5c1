using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>The records of one zone grouped by owner and type in canonical order, with the zone cuts they imply.</summary>
internal sealed class ZoneContents
{
    private static readonly HashSet<RecordType> SignerOwnedTypes = [RecordType.RRSIG, RecordType.NSEC, RecordType.NSEC3, RecordType.NSEC3PARAM];

    public ZoneContents(DnsName origin, IEnumerable<DnsRecord> records)
    {
        Origin = origin;
        foreach (DnsRecord record in records)
        {
            if (!record.Owner.IsSubdomainOf(origin))
            {
                throw new ArgumentException($"{record.Owner} is outside the zone {origin}.", nameof(records));
            }

            // Records the signer makes itself are replaced, so a signed zone can be signed again.
            if (!SignerOwnedTypes.Contains(record.Type))
            {
                Add(record);
            }
        }
    }

    public DnsName Origin { get; }

    public SortedDictionary<DnsName, SortedDictionary<RecordType, List<DnsRecord>>> Names { get; } = [];

    public DnsRecord? Soa => Names.TryGetValue(Origin, out var sets) && sets.TryGetValue(RecordType.SOA, out var soa) ? soa[0] : null;

    public void Add(DnsRecord record)
    {
        if (!Names.TryGetValue(record.Owner, out var sets))
        {
            sets = [];
            Names.Add(record.Owner, sets);
        }

        if (!sets.TryGetValue(record.Type, out var rrset))
        {
            rrset = [];
            sets.Add(record.Type, rrset);
        }

        foreach (DnsRecord existing in rrset)
        {
            if (existing.SameData(record))
            {
                return;
            }
        }

        rrset.Add(record);
    }

    /// <summary>Whether a name is the apex, ordinary authoritative data, a delegation point, or below a delegation.</summary>
    public NameKind Classify(DnsName name)
    {
        if (name.Equals(Origin))
        {
            return NameKind.Authoritative;
        }

        for (DnsName ancestor = name.Parent; ancestor.LabelCount > Origin.LabelCount; ancestor = ancestor.Parent)
        {
            if (IsDelegation(ancestor))
            {
                return NameKind.Occluded;
            }
        }

        return IsDelegation(name) ? NameKind.Delegation : NameKind.Authoritative;
    }

    /// <summary>Every owner plus every empty non-terminal between an owner and the apex.</summary>
    public IEnumerable<DnsName> AllNamesWithEmptyNonTerminals()
    {
        var names = new SortedSet<DnsName>();
        foreach (DnsName owner in Names.Keys)
        {
            for (DnsName name = owner; name.LabelCount >= Origin.LabelCount; name = name.Parent)
            {
                if (!names.Add(name) || name.LabelCount == Origin.LabelCount)
                {
                    break;
                }
            }
        }

        return names;
    }

    private bool IsDelegation(DnsName name) =>
        !name.Equals(Origin) && Names.TryGetValue(name, out var sets) && sets.ContainsKey(RecordType.NS);
}
