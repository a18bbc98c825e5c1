using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Zones;

/// <summary>
/// The records of one zone indexed by owner and type, with the RRSIGs over each RRset, the zone cuts they imply and
/// the NSEC and NSEC3 chains in their orders: the one zone model of the signer, <see cref="ZoneVerifier"/> and
/// in-memory authoritative servers.
/// </summary>
public sealed class ZoneIndex
{
    private static readonly HashSet<RecordType> SignerOwnedTypes = [RecordType.RRSIG, RecordType.NSEC, RecordType.NSEC3, RecordType.NSEC3PARAM];

    // Worked out on first use and dropped when a record is added; a race between readers only builds one twice.
    private List<DnsName>? _sortedOwners;
    private SortedSet<DnsName>? _existingNames;
    private List<DnsRecord>? _nsecs;
    private Nsec3Owners? _nsec3s;

    /// <summary>Indexes every record of the zone at <paramref name="origin"/>, RRSIG, NSEC and NSEC3 included; identical records count once.</summary>
    /// <exception cref="ArgumentException">A record lies outside the zone.</exception>
    public ZoneIndex(DnsName origin, IEnumerable<DnsRecord> records)
        : this(origin, records, keepDnssecRecords: true)
    {
    }

    /// <summary>Indexes a zone; with <paramref name="keepDnssecRecords"/> false, the records a signer makes are dropped so that a signed zone can be signed again.</summary>
    internal ZoneIndex(DnsName origin, IEnumerable<DnsRecord> records, bool keepDnssecRecords)
        : this(origin)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (DnsRecord record in records)
        {
            if (!Include(record, keepDnssecRecords))
            {
                throw OutsideTheZone(record, nameof(records));
            }
        }
    }

    /// <summary>An empty index of the zone at <paramref name="origin"/>, for a reader that adds records as it reads them.</summary>
    internal ZoneIndex(DnsName origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        Origin = origin;
    }

    /// <summary>The exception for a record outside the zone, naming the parameter that held it.</summary>
    internal ArgumentException OutsideTheZone(DnsRecord record, string parameterName) =>
        new($"{record.Owner} is outside the zone {Origin}.", parameterName);

    /// <summary>The apex.</summary>
    public DnsName Origin { get; }

    /// <summary>The apex SOA record, or null when the zone has none.</summary>
    public DnsRecord? Soa => Get(Origin, RecordType.SOA) is { } soa ? soa[0] : null;

    /// <summary>The apex NSEC3PARAM, when the zone has one.</summary>
    public Nsec3ParamData? Nsec3Param => Get(Origin, RecordType.NSEC3PARAM) is { } param ? Nsec3ParamData.From(param[0]) : null;

    /// <summary>Whether the zone holds NSEC3 records whose owners decode to hashes.</summary>
    public bool UsesNsec3 => Nsec3Chain.Decoded.Count > 0;

    /// <summary>The owners of NSEC3 records that are not one base32hex label directly below the apex (RFC 5155 §3.3).</summary>
    public IReadOnlyList<DnsName> MalformedNsec3Owners => Nsec3Chain.Malformed;

    /// <summary>The RRsets by owner and type, types in numeric order; hashed by owner, because a zone of tens of thousands of names is grouped far faster that way than in a tree.</summary>
    internal Dictionary<DnsName, SortedDictionary<RecordType, List<DnsRecord>>> Names { get; } = [];

    /// <summary>RRSIG records by owner and covered type.</summary>
    internal Dictionary<DnsName, Dictionary<RecordType, List<DnsRecord>>> Signatures { get; } = [];

    /// <summary>The owners in canonical order (RFC 4034 §6.1), sorted once when first asked for.</summary>
    internal IReadOnlyList<DnsName> SortedOwners
    {
        get
        {
            if (_sortedOwners is { } sorted)
            {
                return sorted;
            }

            var owners = new List<DnsName>(Names.Keys);
            owners.Sort();
            return _sortedOwners = owners;
        }
    }

    /// <summary>The NSEC3 records whose owners decode to hashes, ordered by hash, each owner with its records.</summary>
    internal IReadOnlyList<(byte[] Hash, DnsName Owner, List<DnsRecord> Records)> Nsec3Records => Nsec3Chain.Decoded;

    private Nsec3Owners Nsec3Chain => _nsec3s ??= BuildNsec3Chain();

    /// <summary>The RRset of that owner and type, without signatures, or null.</summary>
    public IReadOnlyList<DnsRecord>? Get(DnsName owner, RecordType type) =>
        Names.TryGetValue(owner, out var sets) && sets.TryGetValue(type, out var rrset) ? rrset : null;

    /// <summary>The RRSIGs covering the RRset of that owner and type.</summary>
    public IReadOnlyList<DnsRecord> SignaturesOf(DnsName owner, RecordType type) =>
        Signatures.TryGetValue(owner, out var byType) && byType.TryGetValue(type, out var signatures) ? signatures : [];

    /// <summary>Whether the name owns records other than NSEC3 or is an empty non-terminal above one, glue included.</summary>
    public bool HasName(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_existingNames is not { } names)
        {
            var owners = Names.Where(pair => pair.Value.Keys.Any(type => type != RecordType.NSEC3)).Select(pair => pair.Key);
            _existingNames = names = WithEmptyNonTerminals(owners);
        }

        return names.Contains(name);
    }

    /// <summary>Whether a name is the apex, ordinary authoritative data, a delegation point, or below a delegation (RFC 4035 §2.2).</summary>
    public NameKind Classify(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
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

    /// <summary>The highest delegation point at or above <paramref name="name"/> (below the apex), if any: the cut a referral for it names.</summary>
    public DnsName? DelegationAbove(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        DnsName? found = null;
        for (DnsName candidate = name; candidate.LabelCount > Origin.LabelCount; candidate = candidate.Parent)
        {
            if (IsDelegation(candidate))
            {
                found = candidate;
            }
        }

        return found;
    }

    /// <summary>The NSEC owned by <paramref name="name"/>, or the last one before it in canonical order (the last of the zone before the first), or null without NSEC records.</summary>
    public DnsRecord? FindNsec(DnsName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        _nsecs ??= BuildNsecList();
        DnsRecord? best = null;
        foreach (DnsRecord nsec in _nsecs)
        {
            if (nsec.Owner.CompareTo(name) <= 0)
            {
                best = nsec;
            }
        }

        return best ?? (_nsecs.Count > 0 ? _nsecs[^1] : null);
    }

    /// <summary>The NSEC3 whose owner hash is <paramref name="hash"/>, or the last one before it in hash order (the last of the zone before the first), or null without NSEC3 records.</summary>
    public DnsRecord? FindNsec3(ReadOnlySpan<byte> hash)
    {
        var chain = Nsec3Chain.Decoded;
        if (chain.Count == 0)
        {
            return null;
        }

        DnsRecord? best = null;
        foreach ((byte[] owner, _, List<DnsRecord> records) in chain)
        {
            if (owner.AsSpan().SequenceCompareTo(hash) <= 0)
            {
                best = records[^1];
            }
        }

        return best ?? chain[^1].Records[^1];
    }

    /// <summary>
    /// Adds any record of the zone, an RRSIG to the signatures; with <paramref name="keepDnssecRecords"/> false, drops
    /// those a signer makes. False, and nothing added, when the record lies outside the zone.
    /// </summary>
    internal bool Include(DnsRecord record, bool keepDnssecRecords = true)
    {
        if (!record.Owner.IsSubdomainOf(Origin))
        {
            return false;
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

        return true;
    }

    /// <summary>Adds a record unless the same data is there already.</summary>
    internal void Add(DnsRecord record)
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
        _sortedOwners = null;
        _existingNames = null;
        _nsecs = null;
        _nsec3s = null;
    }

    /// <summary>Every owner plus every empty non-terminal between an owner and the apex.</summary>
    internal IEnumerable<DnsName> AllNamesWithEmptyNonTerminals() => WithEmptyNonTerminals(Names.Keys);

    /// <summary>The given owners plus every empty non-terminal between them and the apex.</summary>
    internal SortedSet<DnsName> WithEmptyNonTerminals(IEnumerable<DnsName> owners)
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

    private bool IsDelegation(DnsName name) =>
        !name.Equals(Origin) && Names.TryGetValue(name, out var sets) && sets.ContainsKey(RecordType.NS);

    private List<DnsRecord> BuildNsecList()
    {
        var nsecs = new List<DnsRecord>();
        foreach (DnsName owner in SortedOwners)
        {
            if (Names[owner].TryGetValue(RecordType.NSEC, out var records))
            {
                nsecs.AddRange(records);
            }
        }

        return nsecs;
    }

    private Nsec3Owners BuildNsec3Chain()
    {
        var decoded = new List<(byte[] Hash, DnsName Owner, List<DnsRecord> Records)>();
        var malformed = new List<DnsName>();
        foreach ((DnsName owner, SortedDictionary<RecordType, List<DnsRecord>> sets) in Names)
        {
            if (!sets.TryGetValue(RecordType.NSEC3, out var records))
            {
                continue;
            }

            if (owner.LabelCount == Origin.LabelCount + 1 && Nsec3Hasher.TryDecodeLabel(owner.GetLabel(0), out byte[]? hash))
            {
                decoded.Add((hash, owner, records));
            }
            else
            {
                malformed.Add(owner);
            }
        }

        decoded.Sort((x, y) => Nsec3Hasher.HashOrder.Compare(x.Hash, y.Hash));
        malformed.Sort();
        return new Nsec3Owners(decoded, malformed);
    }

    /// <summary>The NSEC3 owners that decode to hashes, in hash order, and those that do not.</summary>
    private sealed record Nsec3Owners(List<(byte[] Hash, DnsName Owner, List<DnsRecord> Records)> Decoded, List<DnsName> Malformed);
}
