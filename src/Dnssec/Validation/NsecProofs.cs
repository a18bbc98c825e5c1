using System.Diagnostics.CodeAnalysis;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// Authenticated denial of existence with NSEC records (RFC 4035 §3.1.3, §5.4; RFC 4592; RFC 6840 §4): name error,
/// NODATA, DS absence and wildcard proofs, as pure functions. The caller passes NSEC RRsets that it has already
/// validated as Secure and that all come from the zone whose apex it names; RRsets of other types, and NSEC records
/// outside that zone, are ignored. <see cref="Nsec3Proofs"/> has the same methods for NSEC3.
/// </summary>
public static class NsecProofs
{
    /// <summary>
    /// Proves that <paramref name="qname"/> does not exist (NXDOMAIN): an NSEC covers it, and another (or the same)
    /// covers the wildcard at the closest encloser that the first implies (RFC 4035 §3.1.3.2, §5.4).
    /// </summary>
    public static DenialResult ProveNameError(DnsName qname, DnsName zoneApex, IReadOnlyList<DnsRRset> nsecs)
    {
        CheckArguments(qname, zoneApex, nsecs);
        if (OutsideZone(qname, zoneApex) is { } outside)
        {
            return outside;
        }

        NsecChain chain = NsecChain.Create(zoneApex, nsecs);
        return NameError(chain, qname);
    }

    /// <summary>
    /// Proves that <paramref name="qname"/> exists but has no <paramref name="qtype"/> RRset (NODATA), in any of the
    /// forms a zone can give: an NSEC at the name without the type or CNAME (RFC 4035 §3.1.3.1), an empty
    /// non-terminal (§3.1.3.2), or a wildcard without the type (§3.1.3.4, then <see cref="DenialResult.Wildcard"/> is set).
    /// </summary>
    public static DenialResult ProveNoData(DnsName qname, RecordType qtype, DnsName zoneApex, IReadOnlyList<DnsRRset> nsecs)
    {
        CheckArguments(qname, zoneApex, nsecs);
        if (OutsideZone(qname, zoneApex) is { } outside)
        {
            return outside;
        }

        NsecChain chain = NsecChain.Create(zoneApex, nsecs);
        if (chain.FindMatch(qname) is { } match)
        {
            // An NSEC at the name decides alone: the name exists, so no wildcard can apply (RFC 4592 §3.3.1).
            return MatchedNoData(match, qname, qtype);
        }

        if (chain.FindEmptyNonTerminal(qname) is { } ent)
        {
            return new DenialResult(DenialStatus.Proven,
                DeferredReason.Of((ent, qname, qtype), static s => $"{s.ent} spans {s.qname} and its next name lies below it, so {s.qname} is an empty non-terminal without {Type(s.qtype)}"))
            {
                EmptyNonTerminal = true,
            };
        }

        return WildcardNoData(chain, qname, qtype, out _);
    }

    /// <summary>
    /// Proves a wildcard NODATA: <paramref name="qname"/> does not exist, and the wildcard at its closest encloser
    /// exists without <paramref name="qtype"/> or CNAME (RFC 4035 §3.1.3.4). <see cref="ProveNoData"/> also accepts this form.
    /// </summary>
    public static DenialResult ProveWildcardNoData(DnsName qname, RecordType qtype, DnsName zoneApex, IReadOnlyList<DnsRRset> nsecs)
    {
        CheckArguments(qname, zoneApex, nsecs);
        if (OutsideZone(qname, zoneApex) is { } outside)
        {
            return outside;
        }

        NsecChain chain = NsecChain.Create(zoneApex, nsecs);
        return WildcardNoData(chain, qname, qtype, out _);
    }

    /// <summary>
    /// Proves that a positive answer for <paramref name="qname"/> was rightly expanded from a wildcard: the RRSIG's
    /// <paramref name="signatureLabels"/> name the wildcard <c>*.&lt;ancestor with that many labels&gt;</c>, and an NSEC
    /// must cover the query name with that ancestor as its closest encloser, so that no closer match exists (RFC 4035 §5.3.4).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signatureLabels"/> is negative.</exception>
    public static DenialResult ProveWildcardAnswer(DnsName qname, int signatureLabels, DnsName zoneApex, IReadOnlyList<DnsRRset> nsecs)
    {
        CheckArguments(qname, zoneApex, nsecs);
        ArgumentOutOfRangeException.ThrowIfNegative(signatureLabels);
        if (OutsideZone(qname, zoneApex) is { } outside)
        {
            return outside;
        }

        if (!TryGetWildcardEncloser(qname, signatureLabels, zoneApex, out DnsName? encloser, out DenialResult? early))
        {
            return early;
        }

        DnsName wildcard = encloser.ToWildcard();
        NsecChain chain = NsecChain.Create(zoneApex, nsecs);
        if (chain.FindMatch(qname) is { } match)
        {
            return NotProven($"{match} shows that {qname} exists, so it cannot have been synthesised from {wildcard}");
        }

        NsecRecord? cover = chain.FindCover(qname, out string? rejection);
        if (cover is null)
        {
            return NotProven(rejection ?? $"no NSEC covers {qname}, so nothing proves that it was rightly synthesised from {wildcard}");
        }

        DnsName closest = NsecChain.ClosestEncloser(cover, qname);
        if (!closest.Equals(encloser))
        {
            // RFC 4035 §5.3.4: the covering NSEC must show that the wildcard's parent is the closest encloser; a
            // longer one means a closer name exists and the wildcard should not have matched.
            return NotProven($"{cover} covers {qname} but implies the closest encloser {closest}, not {encloser}, so {wildcard} was not the wildcard to apply");
        }

        return new DenialResult(DenialStatus.Proven,
            DeferredReason.Of((cover, qname, encloser, wildcard), static s => $"{s.cover} covers {s.qname} with closest encloser {s.encloser}, so the answer was rightly synthesised from {s.wildcard}"),
            encloser, wildcard);
    }

    /// <summary>
    /// Classifies why <paramref name="dsName"/> has no DS RRset, from the NSEC records of its parent zone (apex
    /// <paramref name="zoneApex"/>) as the chain of trust needs it (RFC 4035 §5.2): an unsigned delegation, a name that
    /// is no zone cut, or a name that does not exist. An NSEC with SOA set at the DS name comes from the child's apex
    /// and never proves DS absence.
    /// </summary>
    public static DsAbsenceResult ProveDsAbsence(DnsName dsName, DnsName zoneApex, IReadOnlyList<DnsRRset> nsecs)
    {
        CheckArguments(dsName, zoneApex, nsecs);
        if (!dsName.IsStrictSubdomainOf(zoneApex))
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"the DS of {dsName} lives in its parent zone, and {dsName} is not below the zone {zoneApex} whose NSEC records were given");
        }

        NsecChain chain = NsecChain.Create(zoneApex, nsecs);
        if (chain.FindMatch(dsName) is { } match)
        {
            return ClassifyMatch(match.ToString(), match.Types, dsName);
        }

        if (chain.FindEmptyNonTerminal(dsName) is { } ent)
        {
            return new DsAbsenceResult(DsAbsenceKind.NoZoneCut, $"{ent} spans {dsName} and its next name lies below it, so {dsName} is an empty non-terminal and no zone cut");
        }

        DenialResult nameError = NameError(chain, dsName);
        if (nameError.Status == DenialStatus.Proven)
        {
            return new DsAbsenceResult(DsAbsenceKind.NameDoesNotExist, nameError.Reason, nameError.ClosestEncloser);
        }

        DenialResult wildcard = WildcardNoData(chain, dsName, RecordType.DS, out bool wildcardMatched);
        if (wildcard.Status == DenialStatus.Proven)
        {
            return new DsAbsenceResult(DsAbsenceKind.NoZoneCut, $"{wildcard.Reason}, so {dsName} is no zone cut", wildcard.ClosestEncloser);
        }

        // When a wildcard matched, its record is what failed; otherwise the name error went furthest.
        string why = wildcardMatched ? wildcard.Reason : nameError.Reason;
        return new DsAbsenceResult(DsAbsenceKind.NotProven, $"no NSEC proves that {dsName} is an unsigned delegation, no zone cut, or absent: {why}");
    }

    /// <summary>The DS-absence verdict of a record (NSEC or NSEC3) that matches the DS name; shared with <see cref="Nsec3Proofs"/>.</summary>
    internal static DsAbsenceResult ClassifyMatch(string record, TypeBitmap types, DnsName dsName)
    {
        // RFC 4035 §5.2, RFC 5155 §8.6: the SOA bit means this record is the child's apex NSEC, from the wrong side of the cut.
        if (types.Contains(RecordType.SOA))
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"{record} for {dsName} has SOA set, so it comes from the child zone's apex and cannot prove DS absence");
        }

        if (types.Contains(RecordType.DS))
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"{record} for {dsName} lists DS, so the DS RRset exists");
        }

        if (types.Contains(RecordType.NS))
        {
            return new DsAbsenceResult(DsAbsenceKind.InsecureDelegation, $"{record} for {dsName} has NS without DS or SOA, so {dsName} is an unsigned delegation");
        }

        return new DsAbsenceResult(DsAbsenceKind.NoZoneCut, $"{record} for {dsName} has neither NS nor SOA, so {dsName} is no zone cut");
    }

    /// <summary>
    /// Whether a record (NSEC or NSEC3) at <paramref name="name"/> proves that <paramref name="qtype"/> is absent there;
    /// null when it does, else why not (RFC 4035 §3.1.3.1, §5.4; RFC 5155 §8.5–8.7). Shared with <see cref="Nsec3Proofs"/>.
    /// </summary>
    internal static string? NoDataProblem(object record, TypeBitmap types, DnsName name, RecordType qtype, bool wildcard)
    {
        // RFC 4592 §4.2: NS at a wildcard owner synthesises no delegation anyone can follow; such a record proves nothing.
        if (wildcard && types.Contains(RecordType.NS))
        {
            return $"{record} lists NS at the wildcard {name}, which cannot prove the absence of anything";
        }

        if (types.Contains(qtype))
        {
            return $"{record} lists {Type(qtype)} at {name}";
        }

        // The answer should have been the CNAME (RFC 4035 §3.1.3.1, RFC 5155 §8.5).
        if (qtype != RecordType.CNAME && types.Contains(RecordType.CNAME))
        {
            return $"{record} lists CNAME at {name}, so the answer should have followed the alias";
        }

        bool ns = types.Contains(RecordType.NS);
        bool soa = types.Contains(RecordType.SOA);

        // RFC 4035 §5.4 (RFC 6840 §4.4): the parent side of a delegation speaks for the child only about DS.
        if (qtype != RecordType.DS && ns && !soa)
        {
            return $"{record} is the parent side of a delegation at {name} (NS without SOA), which proves only DS absence, not {Type(qtype)}";
        }

        // The apex record of a child zone cannot deny the DS that its parent holds; the root has no parent.
        if (qtype == RecordType.DS && soa && !name.IsRoot)
        {
            return $"{record} has SOA set, so it is the apex of the zone {name} and cannot deny the DS its parent holds";
        }

        return null;
    }

    /// <summary>The text of a type for reasons.</summary>
    internal static string Type(RecordType type) => Mnemonics.FormatRecordType(type);

    /// <summary>
    /// Finds the wildcard's parent that the RRSIG labels field names, or the result that ends the proof early: a
    /// labels field that means no expansion, the wildcard owner itself, or a wildcard above the zone.
    /// </summary>
    internal static bool TryGetWildcardEncloser(DnsName qname, int signatureLabels, DnsName zoneApex,
        [NotNullWhen(true)] out DnsName? encloser, [NotNullWhen(false)] out DenialResult? early)
    {
        encloser = null;

        // RFC 4035 §5.3.4: a labels field equal to the owner's count means no expansion; a larger one cannot verify.
        if (signatureLabels >= qname.LabelCount)
        {
            early = NotProven($"the RRSIG labels field {signatureLabels} is not below the {qname.LabelCount} labels of {qname}, so the answer was not synthesised from a wildcard");
            return false;
        }

        // RFC 4034 §3.1.3: the wildcard owner itself, queried by name, carries one label fewer than it has.
        if (qname.IsWildcard && signatureLabels == qname.LabelCount - 1)
        {
            early = new DenialResult(DenialStatus.Proven, $"{qname} is the wildcard owner itself, so the answer was not expanded and needs no denial", qname.Parent, qname);
            return false;
        }

        DnsName parent = qname.GetAncestor(signatureLabels);
        if (!parent.IsSubdomainOf(zoneApex))
        {
            early = NotProven($"the RRSIG labels field {signatureLabels} puts the wildcard at {parent.ToWildcard()}, above the zone {zoneApex}");
            return false;
        }

        encloser = parent;
        early = null;
        return true;
    }

    /// <summary>The result for a query name outside the zone, or null when it is inside.</summary>
    internal static DenialResult? OutsideZone(DnsName qname, DnsName zoneApex) =>
        qname.IsSubdomainOf(zoneApex)
            ? null
            : NotProven($"{qname} is not in the zone {zoneApex}, so that zone's denial records say nothing about it");

    internal static DenialResult NotProven(string reason) => new(DenialStatus.NotProven, reason);

    internal static void CheckArguments(DnsName qname, DnsName zoneApex, IReadOnlyList<DnsRRset> records)
    {
        ArgumentNullException.ThrowIfNull(qname);
        ArgumentNullException.ThrowIfNull(zoneApex);
        ArgumentNullException.ThrowIfNull(records);
    }

    private static DenialResult NameError(NsecChain chain, DnsName qname)
    {
        if (chain.Count == 0)
        {
            return NotProven($"no usable NSEC record of the zone {chain.Apex} was given to deny {qname}");
        }

        if (chain.FindMatch(qname) is { } match)
        {
            // RFC 9824 §3: a compact denial answered NXDOMAIN (a server that may send the rcode) matches the name with
            // a record listing NXNAME; nothing else may be listed there but the NSEC and its RRSIG.
            return IsCompactDenial(match.Types)
                ? new DenialResult(DenialStatus.Proven, DeferredReason.Of((match, qname), static s => CompactDenial(s.match, s.qname)))
                : NotProven($"{match} shows that {qname} exists");
        }

        NsecRecord? cover = chain.FindCover(qname, out string? rejection);
        if (cover is null)
        {
            return NotProven(rejection ?? $"no NSEC covers {qname}");
        }

        DnsName encloser = NsecChain.ClosestEncloser(cover, qname);
        if (encloser.Equals(qname))
        {
            // RFC 4035 §3.1.3.2: a next name below the query name makes it an empty non-terminal, which exists.
            return NotProven($"{cover} has a next name below {qname}, so {qname} is an empty non-terminal and exists");
        }

        DnsName wildcard = encloser.ToWildcard();
        if (chain.FindMatch(wildcard) is { } wildcardMatch)
        {
            return NotProven($"{cover} covers {qname}, but {wildcardMatch} shows that {wildcard} exists, so the answer should have been synthesised from it");
        }

        NsecRecord? wildcardCover = chain.FindCover(wildcard, out string? wildcardRejection);
        if (wildcardCover is null)
        {
            return NotProven($"{cover} covers {qname}, but no NSEC proves that the wildcard {wildcard} at the closest encloser is absent{(wildcardRejection is null ? "" : " (" + wildcardRejection + ")")}");
        }

        // RFC 4592 §4.9: a wildcard that is an empty non-terminal (a next name below it) exists, so it matches the name
        // and the answer is NODATA, not a name error (as the NSEC3 proof already decides).
        if (wildcardCover.Next.IsStrictSubdomainOf(wildcard))
        {
            return NotProven($"{cover} covers {qname}, but {wildcardCover} has a next name below the wildcard {wildcard}, so the wildcard exists as an empty non-terminal and the answer is NODATA");
        }

        return new DenialResult(DenialStatus.Proven,
            DeferredReason.Of((cover, qname, wildcardCover, wildcard), static s => $"{s.cover} covers {s.qname} and {s.wildcardCover} covers {s.wildcard}, so {s.qname} does not exist"),
            encloser, wildcard);
    }

    private static DenialResult WildcardNoData(NsecChain chain, DnsName qname, RecordType qtype, out bool wildcardMatched)
    {
        wildcardMatched = false;
        if (chain.FindMatch(qname) is { } match)
        {
            return NotProven($"{match} shows that {qname} exists, so no wildcard applies to it");
        }

        NsecRecord? cover = chain.FindCover(qname, out string? rejection);
        if (cover is null)
        {
            return NotProven(rejection ?? $"no NSEC matches or covers {qname}");
        }

        DnsName encloser = NsecChain.ClosestEncloser(cover, qname);
        if (encloser.Equals(qname))
        {
            return NotProven($"{cover} has a next name below {qname}, so {qname} is an empty non-terminal, not a wildcard match");
        }

        DnsName wildcard = encloser.ToWildcard();
        if (chain.FindMatch(wildcard) is not { } wildcardMatch)
        {
            // RFC 4592 §4.9: a wildcard that is an empty non-terminal matches the name with no data of any type.
            return chain.FindEmptyNonTerminal(wildcard) is { } emptyWildcard
                ? new DenialResult(DenialStatus.Proven,
                    DeferredReason.Of((cover, qname, emptyWildcard, wildcard, qtype), static s => $"{s.cover} covers {s.qname} and {s.emptyWildcard} has a next name below the wildcard {s.wildcard}, an empty non-terminal without {Type(s.qtype)}"),
                    encloser, wildcard)
                : NotProven($"{cover} covers {qname}, but no NSEC matches the wildcard {wildcard} at the closest encloser");
        }

        wildcardMatched = true;
        if (NoDataProblem(wildcardMatch, wildcardMatch.Types, wildcard, qtype, wildcard: true) is { } problem)
        {
            return NotProven($"{cover} covers {qname}, but {problem}");
        }

        return new DenialResult(DenialStatus.Proven,
            DeferredReason.Of((cover, qname, wildcardMatch, wildcard, qtype), static s => $"{s.cover} covers {s.qname} and {s.wildcardMatch} shows that {s.wildcard} has no {Type(s.qtype)}"),
            encloser, wildcard);
    }

    private static DenialResult MatchedNoData(NsecRecord match, DnsName qname, RecordType qtype) =>
        NoDataProblem(match, match.Types, qname, qtype, wildcard: false) is { } problem
            ? NotProven(problem)
            : IsCompactDenial(match.Types)
                ? new DenialResult(DenialStatus.Proven, DeferredReason.Of((match, qname), static s => CompactDenial(s.match, s.qname))) { NameDoesNotExist = true }
                : new DenialResult(DenialStatus.Proven, DeferredReason.Of((match, qname, qtype), static s => $"{s.match} shows that {s.qname} exists without {Type(s.qtype)}"));

    /// <summary>
    /// Whether a record's types are those of a compact denial for a name that does not exist (RFC 9824 §3): NXNAME, and
    /// nothing beside it but the denial record's own type and RRSIG. NXNAME beside data says nothing coherent.
    /// </summary>
    internal static bool IsCompactDenial(TypeBitmap types)
    {
        if (!types.Contains(RecordType.NXNAME))
        {
            return false;
        }

        foreach (RecordType type in types.ToList())
        {
            if (type is not (RecordType.NXNAME or RecordType.NSEC or RecordType.RRSIG))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The reason of a compact denial (RFC 9824 §3): the record at the name lists NXNAME, so the name does not exist.</summary>
    internal static string CompactDenial(object record, DnsName qname) =>
        $"{record} lists NXNAME, the compact denial of RFC 9824, so {qname} does not exist";
}
