using Dnssec.Wire;

namespace Dnssec.Crypto;

/// <summary>The records of one zone grouped by owner and type in canonical order, with the zone cuts they imply.</summary>
internal sealed class ZoneContents
{
    private static readonly HashSet<RecordType> SignerOwnedTypes = [RecordType.RRSIG, RecordType.NSEC, RecordType.NSEC3, RecordType.NSEC3PARAM];

    private List<DnsName>? _sortedOwners;

    /// <summary>Groups the records of a zone; with <paramref name="keepDnssecRecords"/> false, the records a signer makes are dropped so that a signed zone can be signed again.</summary>
    public ZoneContents(DnsName origin, IEnumerable<DnsRecord> records, bool keepDnssecRecords = false)
    {
        Origin = origin;
        foreach (DnsRecord record in records)
        {
            if (!record.Owner.IsSubdomainOf(origin))
            {
                throw new ArgumentException($"{record.Owner} is outside the zone {origin}.", nameof(records));
            }

            if (record.Type == RecordType.RRSIG)
            {
                if (keepDnssecRecords)
                {
                    AddSignature(record);
                }
            }
            else if (keepDnssecRecords || !SignerOwnedTypes.Contains(record.Type))
            {
                Add(record);
            }
        }
    }

    public DnsName Origin { get; }

    /// <summary>The RRsets by owner; hashed, because a zone of tens of thousands of names is grouped far faster that way than in a tree.</summary>
    public Dictionary<DnsName, SortedDictionary<RecordType, List<DnsRecord>>> Names { get; } = [];

    /// <summary>The owners in canonical order (RFC 4034 §6.1), sorted once when first asked for.</summary>
    public IReadOnlyList<DnsName> SortedOwners
    {
        get
        {
            if (_sortedOwners is null || _sortedOwners.Count != Names.Count)
            {
                var owners = new List<DnsName>(Names.Keys);
                owners.Sort();
                _sortedOwners = owners;
            }

            return _sortedOwners;
        }
    }

    /// <summary>RRSIG records by owner and covered type, kept only when DNSSEC records are kept.</summary>
    public Dictionary<DnsName, Dictionary<RecordType, List<DnsRecord>>> Signatures { get; } = [];

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

    private void AddSignature(DnsRecord rrsig)
    {
        if (!Signatures.TryGetValue(rrsig.Owner, out var byType))
        {
            byType = [];
            Signatures.Add(rrsig.Owner, byType);
        }

        RecordType covered = RrsigData.From(rrsig).TypeCovered;
        if (!byType.TryGetValue(covered, out var list))
        {
            list = [];
            byType.Add(covered, list);
        }

        list.Add(rrsig);
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
    public IEnumerable<DnsName> AllNamesWithEmptyNonTerminals() => WithEmptyNonTerminals(Names.Keys);

    /// <summary>The given owners plus every empty non-terminal between them and the apex.</summary>
    public SortedSet<DnsName> WithEmptyNonTerminals(IEnumerable<DnsName> owners)
    {
        var names = new SortedSet<DnsName>();
        foreach (DnsName owner in owners)
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
