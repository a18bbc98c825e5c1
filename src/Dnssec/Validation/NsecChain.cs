using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The NSEC records of one zone that a proof may use, with the two questions every NSEC proof asks: does a record
/// match a name, and does one cover it (RFC 4035 §5.4). Records outside the zone or malformed are left out.
/// </summary>
internal sealed class NsecChain
{
    private readonly List<NsecRecord> _records;

    private NsecChain(DnsName apex, List<NsecRecord> records, int ignored)
    {
        Apex = apex;
        _records = records;
        Ignored = ignored;
    }

    public DnsName Apex { get; }

    /// <summary>NSEC RRsets given but not usable: outside the zone, more than one record, or a next name out of order.</summary>
    public int Ignored { get; }

    public int Count => _records.Count;

    public static NsecChain Create(DnsName apex, IReadOnlyList<DnsRRset> rrsets)
    {
        var records = new List<NsecRecord>(rrsets.Count);
        int ignored = 0;
        for (int i = 0; i < rrsets.Count; i++)
        {
            DnsRRset rrset = rrsets[i];
            if (rrset.Type != RecordType.NSEC)
            {
                continue;
            }

            // RFC 4035 §2.3: an owner has exactly one NSEC; a set of several is not something a zone can sign.
            if (rrset.Records.Count != 1 || !rrset.Owner.IsSubdomainOf(apex))
            {
                ignored++;
                continue;
            }

            NsecData data = NsecData.From(rrset.Records[0]);
            DnsName next = data.NextDomainName;

            // RFC 4034 §4.1.1: the next name is the next owner in canonical order, or the apex for the last NSEC.
            // Anything else (outside the zone, or going backwards to a name that is not the apex) proves nothing.
            if (!next.IsSubdomainOf(apex) || (!next.Equals(apex) && rrset.Owner.CompareTo(next) >= 0))
            {
                ignored++;
                continue;
            }

            records.Add(new NsecRecord(rrset.Owner, next, data.Types));
        }

        return new NsecChain(apex, records, ignored);
    }

    /// <summary>The NSEC whose owner is <paramref name="name"/>, if any.</summary>
    public NsecRecord? FindMatch(DnsName name)
    {
        foreach (NsecRecord record in _records)
        {
            if (record.Owner.Equals(name))
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>
    /// The NSEC that proves <paramref name="name"/> (inside the zone) does not exist, if any. When a record spans the
    /// name but may not deny it, <paramref name="rejection"/> says why, for the reason of a failed proof.
    /// </summary>
    public NsecRecord? FindCover(DnsName name, out string? rejection)
    {
        rejection = null;
        foreach (NsecRecord record in _records)
        {
            if (Denies(record, name, out string? why))
            {
                return record;
            }

            rejection ??= why;
        }

        return null;
    }

    /// <summary>
    /// An NSEC whose span proves <paramref name="name"/> is an empty non-terminal: it spans the name and its next name
    /// lies below it (RFC 4035 §3.1.3.2, RFC 4592 §2.2.2).
    /// </summary>
    public NsecRecord? FindEmptyNonTerminal(DnsName name)
    {
        foreach (NsecRecord record in _records)
        {
            if (record.Next.IsStrictSubdomainOf(name) && Denies(record, name, out _))
            {
                return record;
            }
        }

        return null;
    }

    /// <summary>
    /// The closest encloser that an NSEC spanning <paramref name="name"/> implies: the longest ancestor of the name
    /// shared with the NSEC's owner or next name, both of which exist (RFC 4035 §5.4, RFC 7129 §5.5).
    /// </summary>
    public static DnsName ClosestEncloser(NsecRecord cover, DnsName name)
    {
        int labels = Math.Max(name.CommonSuffixLabelCount(cover.Owner), name.CommonSuffixLabelCount(cover.Next));
        return name.GetAncestor(labels);
    }

    /// <summary>Whether <paramref name="record"/> spans <paramref name="name"/> and may speak for it.</summary>
    private bool Denies(NsecRecord record, DnsName name, out string? rejection)
    {
        rejection = null;
        if (!Spans(record, name))
        {
            return false;
        }

        // RFC 4035 §5.4 and RFC 6840 §4.1: an NSEC at an ancestor that is the parent side of a zone cut, or that has a
        // DNAME (RFC 6672 §5.3.4.1), says nothing about the names below it: they are not in this zone.
        if (name.IsStrictSubdomainOf(record.Owner) && (record.IsDelegation || record.HasDname))
        {
            rejection = $"{record} is {(record.HasDname ? "a DNAME" : "a delegation (NS without SOA)")} above {name}, so it cannot deny names below it";
            return false;
        }

        return true;
    }

    /// <summary>Whether <paramref name="name"/> lies strictly between the owner and the next name in canonical order.</summary>
    private bool Spans(NsecRecord record, DnsName name)
    {
        if (!name.IsSubdomainOf(Apex) || record.Owner.CompareTo(name) >= 0)
        {
            return false;
        }

        // RFC 4034 §4.1.1: the last NSEC of the zone points back to the apex, which sorts before every other name of
        // the zone, so it spans every name after its owner (with only the apex, every name below it). Names outside
        // the zone were turned away above, so the wrap-around cannot reach past the end of the zone.
        return record.Next.Equals(Apex) || name.CompareTo(record.Next) < 0;
    }
}
