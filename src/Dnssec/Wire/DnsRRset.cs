namespace Dnssec.Wire;

/// <summary>
/// The records sharing one owner, type and class, with the RRSIG records that cover them (RFC 2181 §5, RFC 4035
/// §5.3). The set's TTL is the lowest of its records'.
/// </summary>
public sealed class DnsRRset
{
    /// <summary>Creates an RRset from records of one owner, type and class and the signatures over them.</summary>
    /// <exception cref="ArgumentException">The records are empty or differ in owner, type or class, or a signature does not cover them.</exception>
    public DnsRRset(IReadOnlyList<DnsRecord> records, IReadOnlyList<DnsRecord>? signatures = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            throw new ArgumentException("An RRset has at least one record.", nameof(records));
        }

        // Index loops: a foreach over the interface would allocate an enumerator for every RRset of every response.
        DnsRecord first = records[0];
        uint ttl = first.Ttl;
        for (int i = 0; i < records.Count; i++)
        {
            DnsRecord record = records[i];
            if (record.Type != first.Type || record.Class != first.Class || !record.Owner.Equals(first.Owner))
            {
                throw new ArgumentException($"{record} does not belong to the RRset {first.Owner} {first.Type}.", nameof(records));
            }

            ttl = Math.Min(ttl, record.Ttl);
        }

        signatures ??= [];
        for (int i = 0; i < signatures.Count; i++)
        {
            DnsRecord signature = signatures[i];
            if (signature.Type != RecordType.RRSIG || signature.Class != first.Class || !signature.Owner.Equals(first.Owner) || RrsigData.From(signature).TypeCovered != first.Type)
            {
                throw new ArgumentException($"{signature} does not cover the RRset {first.Owner} {first.Type}.", nameof(signatures));
            }
        }

        Records = records;
        Signatures = signatures;
        Ttl = ttl;
    }

    /// <summary>The owner name.</summary>
    public DnsName Owner => Records[0].Owner;

    /// <summary>The type.</summary>
    public RecordType Type => Records[0].Type;

    /// <summary>The class.</summary>
    public RecordClass Class => Records[0].Class;

    /// <summary>The lowest TTL of the records.</summary>
    public uint Ttl { get; }

    /// <summary>The records.</summary>
    public IReadOnlyList<DnsRecord> Records { get; }

    /// <summary>The RRSIG records covering the set.</summary>
    public IReadOnlyList<DnsRecord> Signatures { get; }

    /// <summary>Groups a section's records into RRsets in order of first appearance, attaching each RRSIG to the set it covers; RRSIGs that cover nothing present are returned as their own sets.</summary>
    public static IReadOnlyList<DnsRRset> Group(IEnumerable<DnsRecord> section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var pending = new PendingSets();
        if (section is IReadOnlyList<DnsRecord> list)
        {
            // An index loop over the sections' lists, which a foreach over the interface would box an enumerator for.
            for (int i = 0; i < list.Count; i++)
            {
                pending.Add(list[i]);
            }
        }
        else
        {
            foreach (DnsRecord record in section)
            {
                pending.Add(record);
            }
        }

        var result = new List<DnsRRset>(pending.InOrder.Count);
        foreach (PendingSet set in pending.InOrder)
        {
            if (set.Type == RecordType.NSEC && SplitAtZoneCut(set.Records!, set.Signatures ?? []) is { } sides)
            {
                result.Add(sides.Parent);
                result.Add(sides.Apex);
                continue;
            }

            result.Add(new DnsRRset(set.Records!, set.Signatures));
        }

        foreach (PendingSet set in pending.All)
        {
            if (set.Records is null)
            {
                result.Add(new DnsRRset(set.Signatures!));
            }
        }

        return result;
    }

    /// <summary>
    /// The two NSEC RRsets a response can hold at a zone cut, kept apart (RFC 4035 §5.3.2 validates each with its own
    /// zone's key): the parent's, without SOA, and the child apex's, with SOA, each with the RRSIGs of its signer (the
    /// apex's is the owner itself). Null unless both are there, since one owner has only one NSEC in a zone.
    /// </summary>
    private static (DnsRRset Parent, DnsRRset Apex)? SplitAtZoneCut(List<DnsRecord> nsecs, List<DnsRecord> signatures)
    {
        List<DnsRecord> apex = nsecs.FindAll(r => NsecData.From(r).Types.Contains(RecordType.SOA));
        if (apex.Count == 0 || apex.Count == nsecs.Count)
        {
            return null;
        }

        DnsName owner = nsecs[0].Owner;
        List<DnsRecord> apexSignatures = signatures.FindAll(r => RrsigData.From(r).SignerName.Equals(owner));
        return (new DnsRRset(nsecs.FindAll(r => !apex.Contains(r)), signatures.FindAll(r => !apexSignatures.Contains(r))), new DnsRRset(apex, apexSignatures));
    }

    /// <summary>A short description: owner, type and record count.</summary>
    public override string ToString() => $"{Owner} {Type} ({Records.Count} records, {Signatures.Count} signatures)";

    private static bool ContainsData(List<DnsRecord> records, DnsRecord record)
    {
        foreach (DnsRecord existing in records)
        {
            if (existing.SameData(record))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The records and signatures of one owner, type (covered) and class while a section is grouped.</summary>
    private sealed class PendingSet(DnsName owner, RecordType type, RecordClass @class)
    {
        public DnsName Owner { get; } = owner;

        public RecordType Type { get; } = type;

        public RecordClass Class { get; } = @class;

        /// <summary>The data records; null while only signatures have been seen.</summary>
        public List<DnsRecord>? Records { get; set; }

        public List<DnsRecord>? Signatures { get; set; }
    }

    /// <summary>
    /// The sets of a section being grouped, found by a scan while there are few (a response holds a handful, and a
    /// dictionary for them cost more than the rest of the grouping) and by a dictionary once there are more, so that a
    /// section of many sets is still grouped in linear time.
    /// </summary>
    private sealed class PendingSets
    {
        private const int ScanLimit = 8;
        private Dictionary<(DnsName, RecordType, RecordClass), PendingSet>? _index;

        /// <summary>Every set, in order of its first record or signature.</summary>
        public List<PendingSet> All { get; } = [];

        /// <summary>The sets that have data records, in order of their first one.</summary>
        public List<PendingSet> InOrder { get; } = [];

        /// <summary>Adds a record, or an RRSIG, to the set it belongs to, leaving out a duplicate (RFC 2181 §5: duplicate records are one record).</summary>
        public void Add(DnsRecord record)
        {
            bool isSignature = record.Type == RecordType.RRSIG;
            PendingSet set = For(record.Owner, isSignature ? RrsigData.From(record).TypeCovered : record.Type, record.Class, isSignature);
            List<DnsRecord> list = isSignature ? set.Signatures ??= [] : set.Records!;
            if (!ContainsData(list, record))
            {
                list.Add(record);
            }
        }

        private PendingSet For(DnsName owner, RecordType type, RecordClass @class, bool isSignature)
        {
            PendingSet? set = Find(owner, type, @class);
            if (set is null)
            {
                set = new PendingSet(owner, type, @class);
                All.Add(set);
                if (_index is not null)
                {
                    _index.Add((owner, type, @class), set);
                }
                else if (All.Count > ScanLimit)
                {
                    _index = [];
                    foreach (PendingSet known in All)
                    {
                        _index.Add((known.Owner, known.Type, known.Class), known);
                    }
                }
            }

            if (!isSignature && set.Records is null)
            {
                set.Records = [];
                InOrder.Add(set);
            }

            return set;
        }

        private PendingSet? Find(DnsName owner, RecordType type, RecordClass @class)
        {
            if (_index is not null)
            {
                return _index.GetValueOrDefault((owner, type, @class));
            }

            foreach (PendingSet set in All)
            {
                if (set.Type == type && set.Class == @class && set.Owner.Equals(owner))
                {
                    return set;
                }
            }

            return null;
        }
    }
}
