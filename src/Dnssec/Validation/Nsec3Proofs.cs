using System.Diagnostics.CodeAnalysis;
using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// Authenticated denial of existence with NSEC3 records (RFC 5155 §8, RFC 9276): name error, NODATA, DS absence and
/// wildcard proofs, as pure functions with the same shape as <see cref="NsecProofs"/>. The caller passes NSEC3 RRsets
/// that it has already validated as Secure and that all come from the zone whose apex it names; other types, records
/// outside that zone, unknown hash algorithms and flags other than 0 or 1 are ignored (RFC 5155 §8.1, §8.2). Records
/// of differing salts or iteration counts (two chains while a zone changes them) are each judged with the hash their
/// own parameters give, as Unbound does; when any usable record is above <see cref="AlgorithmPolicy.MaxNsec3Iterations"/>
/// the result is <see cref="DenialStatus.IterationsTooHigh"/> and nothing is hashed. Each hash spends one
/// <see cref="ValidationBudget.TrySpendHash"/>, no name is hashed twice in one call, and an empty budget ends the proof
/// with <see cref="DenialStatus.BudgetExceeded"/>.
/// </summary>
public static class Nsec3Proofs
{
    /// <summary>
    /// Proves that <paramref name="qname"/> does not exist (NXDOMAIN): a closest encloser proof and an NSEC3 covering
    /// the wildcard at the closest encloser (RFC 5155 §8.4). When the NSEC3 covering the next closer name has Opt-Out,
    /// the result is <see cref="DenialStatus.OptOut"/>: an unsigned delegation may exist there (§9.2).
    /// </summary>
    public static DenialResult ProveNameError(DnsName qname, DnsName zoneApex, IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget)
    {
        if (!TryStart(qname, zoneApex, nsec3s, policy, budget, out Nsec3Chain? chain, out DenialResult? early))
        {
            return early;
        }

        return NameError(chain, qname);
    }

    /// <summary>
    /// Proves that <paramref name="qname"/> has no <paramref name="qtype"/> RRset (NODATA), in any form a zone can
    /// give: a matching NSEC3 without the type or CNAME (RFC 5155 §8.5; an empty non-terminal has an empty bitmap), a
    /// matching wildcard NSEC3 after a closest encloser proof (§8.7, then <see cref="DenialResult.Wildcard"/> is set),
    /// or a closest encloser proof whose next closer cover has Opt-Out (§8.6 for DS; for other types an unsigned delegation
    /// may hold the name, §9.2, as Unbound judges it), giving <see cref="DenialStatus.OptOut"/>.
    /// </summary>
    public static DenialResult ProveNoData(DnsName qname, RecordType qtype, DnsName zoneApex, IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget)
    {
        if (!TryStart(qname, zoneApex, nsec3s, policy, budget, out Nsec3Chain? chain, out DenialResult? early))
        {
            return early;
        }

        Nsec3Record? match = chain.FindMatch(qname);
        if (chain.Exhausted)
        {
            return BudgetExceeded(chain, "NODATA", qname);
        }

        if (match is not null)
        {
            if (NsecProofs.NoDataProblem(match, match.Types, qname, qtype, wildcard: false) is { } problem)
            {
                return NsecProofs.NotProven(problem);
            }

            // RFC 5155 §8.5 (and B.2.1): an empty non-terminal has a matching NSEC3 with an empty type bitmap.
            return new DenialResult(DenialStatus.Proven, DeferredReason.Of((match, qname, qtype), static s => s.match.Types.RawData.IsEmpty
                ? $"{s.match} matches {s.qname} with an empty type bitmap, so {s.qname} is an empty non-terminal without {NsecProofs.Type(s.qtype)}"
                : $"{s.match} matches {s.qname} and lists neither {NsecProofs.Type(s.qtype)} nor CNAME")) { EmptyNonTerminal = match.Types.RawData.IsEmpty };
        }

        return WildcardNoData(chain, qname, qtype);
    }

    /// <summary>
    /// Proves a wildcard NODATA: a closest encloser proof for <paramref name="qname"/> and an NSEC3 matching the
    /// wildcard at the closest encloser without <paramref name="qtype"/> or CNAME (RFC 5155 §8.7). An Opt-Out next
    /// closer cover gives <see cref="DenialStatus.OptOut"/> (§9.2). <see cref="ProveNoData"/> also accepts this form.
    /// </summary>
    public static DenialResult ProveWildcardNoData(DnsName qname, RecordType qtype, DnsName zoneApex, IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget)
    {
        if (!TryStart(qname, zoneApex, nsec3s, policy, budget, out Nsec3Chain? chain, out DenialResult? early))
        {
            return early;
        }

        return WildcardNoData(chain, qname, qtype);
    }

    /// <summary>
    /// Proves that a positive answer for <paramref name="qname"/> was rightly expanded from a wildcard: the RRSIG's
    /// <paramref name="signatureLabels"/> give the closest encloser (the wildcard's parent), and an NSEC3 must cover the
    /// next closer name (RFC 5155 §8.8). An Opt-Out cover gives <see cref="DenialStatus.OptOut"/> (§9.2).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="signatureLabels"/> is negative.</exception>
    public static DenialResult ProveWildcardAnswer(DnsName qname, int signatureLabels, DnsName zoneApex, IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget)
    {
        NsecProofs.CheckArguments(qname, zoneApex, nsec3s);
        ArgumentOutOfRangeException.ThrowIfNegative(signatureLabels);
        if (NsecProofs.OutsideZone(qname, zoneApex) is { } outside)
        {
            return outside;
        }

        if (!NsecProofs.TryGetWildcardEncloser(qname, signatureLabels, zoneApex, out DnsName? encloser, out DenialResult? shape))
        {
            return shape;
        }

        if (!TryStart(qname, zoneApex, nsec3s, policy, budget, out Nsec3Chain? chain, out DenialResult? early))
        {
            return early;
        }

        DnsName wildcard = encloser.ToWildcard();
        DnsName nextCloser = qname.GetAncestor(encloser.LabelCount + 1);
        Nsec3Record? cover = chain.FindCover(nextCloser);
        if (chain.Exhausted)
        {
            return BudgetExceeded(chain, "the wildcard answer", qname);
        }

        if (cover is null)
        {
            Nsec3Record? match = chain.FindMatch(nextCloser);
            return NsecProofs.NotProven(match is null
                ? $"no NSEC3 covers the next closer name {nextCloser} (hash {chain.HashLabel(nextCloser)}), so nothing proves that {qname} was rightly synthesised from {wildcard}"
                : $"{match} matches the next closer name {nextCloser}, so a closer match than {wildcard} exists");
        }

        if (cover.OptOut)
        {
            return new DenialResult(DenialStatus.OptOut,
                $"{cover} covers the next closer name {nextCloser} of the wildcard {wildcard}, but with opt-out an unsigned delegation may exist there", encloser, wildcard);
        }

        return new DenialResult(DenialStatus.Proven,
            DeferredReason.Of((cover, nextCloser, qname, wildcard), static s => $"{s.cover} covers the next closer name {s.nextCloser}, so {s.qname} was rightly synthesised from {s.wildcard}"),
            encloser, wildcard);
    }

    /// <summary>
    /// Classifies why <paramref name="dsName"/> has no DS RRset, from the NSEC3 records of its parent zone (apex
    /// <paramref name="zoneApex"/>) as the chain of trust needs it (RFC 5155 §8.6, RFC 4035 §5.2): an unsigned
    /// delegation, a name that is no zone cut, an opt-out span, or a name that does not exist. An NSEC3 with SOA set
    /// matching the DS name comes from the child's apex and never proves DS absence.
    /// </summary>
    public static DsAbsenceResult ProveDsAbsence(DnsName dsName, DnsName zoneApex, IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget)
    {
        NsecProofs.CheckArguments(dsName, zoneApex, nsec3s);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budget);
        if (!dsName.IsStrictSubdomainOf(zoneApex))
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"the DS of {dsName} lives in its parent zone, and {dsName} is not below the zone {zoneApex} whose NSEC3 records were given");
        }

        if (!Nsec3Chain.TryCreate(zoneApex, nsec3s, policy, budget, out Nsec3Chain? chain, out DenialStatus status, out string? problem))
        {
            return new DsAbsenceResult(status == DenialStatus.IterationsTooHigh ? DsAbsenceKind.IterationsTooHigh : DsAbsenceKind.NotProven, problem!);
        }

        Nsec3Record? match = chain.FindMatch(dsName);
        if (chain.Exhausted)
        {
            return DsBudgetExceeded(chain, dsName);
        }

        if (match is not null)
        {
            return NsecProofs.ClassifyMatch(match.ToString(), match.Types, dsName);
        }

        ClosestEncloserProof proof = chain.ProveClosestEncloser(dsName);
        if (proof.Outcome == EncloserOutcome.BudgetExceeded)
        {
            return DsBudgetExceeded(chain, dsName);
        }

        if (proof.Outcome != EncloserOutcome.Proven)
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"no NSEC3 matches {dsName}, and {proof.Reason}");
        }

        // RFC 5155 §8.6: the opt-out span may hide an unsigned delegation at the next closer name, so it is insecure.
        if (proof.NextCloserCover!.OptOut)
        {
            return new DsAbsenceResult(DsAbsenceKind.OptOut,
                $"no NSEC3 matches {dsName}; {proof.EncloserRecord} matches the closest provable encloser {proof.Encloser} and {proof.NextCloserCover} covers {proof.NextCloser}, so any delegation there is unsigned",
                proof.Encloser);
        }

        return DsAbsenceBelowEncloser(chain, dsName, proof);
    }

    /// <summary>
    /// With the closest encloser of a DS name proven and no opt-out over it, the wildcard at that encloser decides:
    /// covered, the name does not exist; matched without DS or NS, the name is no zone cut (RFC 5155 §8.6, §8.7).
    /// </summary>
    private static DsAbsenceResult DsAbsenceBelowEncloser(Nsec3Chain chain, DnsName dsName, ClosestEncloserProof proof)
    {
        DnsName wildcard = proof.Encloser!.ToWildcard();
        Nsec3Record? wildcardCover = chain.FindCover(wildcard);
        Nsec3Record? wildcardMatch = wildcardCover is null ? chain.FindMatch(wildcard) : null;
        if (chain.Exhausted)
        {
            return DsBudgetExceeded(chain, dsName);
        }

        if (wildcardCover is not null)
        {
            return new DsAbsenceResult(DsAbsenceKind.NameDoesNotExist, $"{proof.Reason}, and {wildcardCover} covers {wildcard}, so {dsName} does not exist", proof.Encloser);
        }

        if (wildcardMatch is null)
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"{proof.Reason}, but no NSEC3 covers or matches the wildcard {wildcard}");
        }

        if (NsecProofs.NoDataProblem(wildcardMatch, wildcardMatch.Types, wildcard, RecordType.DS, wildcard: true) is { } wildcardProblem)
        {
            return new DsAbsenceResult(DsAbsenceKind.NotProven, $"{dsName} matches the wildcard {wildcard}, but {wildcardProblem}");
        }

        return new DsAbsenceResult(DsAbsenceKind.NoZoneCut, $"{proof.Reason}, and {wildcardMatch} shows that the wildcard {wildcard} has no DS or NS, so {dsName} is no zone cut", proof.Encloser);
    }

    private static DenialResult NameError(Nsec3Chain chain, DnsName qname)
    {
        ClosestEncloserProof proof = chain.ProveClosestEncloser(qname);
        if (proof.Outcome == EncloserOutcome.BudgetExceeded)
        {
            return BudgetExceeded(chain, "the name error", qname);
        }

        if (proof.Outcome != EncloserOutcome.Proven)
        {
            return NsecProofs.NotProven(proof.Reason);
        }

        DnsName wildcard = proof.Encloser!.ToWildcard();
        Nsec3Record? wildcardCover = chain.FindCover(wildcard);
        if (chain.Exhausted)
        {
            return BudgetExceeded(chain, "the name error", qname);
        }

        if (wildcardCover is null)
        {
            Nsec3Record? wildcardMatch = chain.FindMatch(wildcard);
            return NsecProofs.NotProven(wildcardMatch is null
                ? $"{proof.Reason}, but no NSEC3 covers the wildcard {wildcard} (hash {chain.HashLabel(wildcard)})"
                : $"{proof.Reason}, but {wildcardMatch} shows that the wildcard {wildcard} exists, so the answer should have been synthesised from it");
        }

        // RFC 5155 §9.2: with opt-out at the next closer name an unsigned delegation may exist there, so no AD bit.
        if (proof.NextCloserCover!.OptOut)
        {
            return new DenialResult(DenialStatus.OptOut,
                $"{proof.Reason} and {wildcardCover} covers {wildcard}, but with opt-out an unsigned delegation may exist at {proof.NextCloser}",
                proof.Encloser, wildcard);
        }

        return new DenialResult(DenialStatus.Proven,
            DeferredReason.Of((proof, wildcardCover, wildcard, qname), static s => $"{s.proof.Reason} and {s.wildcardCover} covers {s.wildcard}, so {s.qname} does not exist"),
            proof.Encloser, wildcard);
    }

    private static DenialResult WildcardNoData(Nsec3Chain chain, DnsName qname, RecordType qtype)
    {
        ClosestEncloserProof proof = chain.ProveClosestEncloser(qname);
        if (proof.Outcome == EncloserOutcome.BudgetExceeded)
        {
            return BudgetExceeded(chain, "NODATA", qname);
        }

        if (proof.Outcome == EncloserOutcome.NameExists)
        {
            return NsecProofs.NotProven($"{proof.Reason}, so no wildcard applies to it");
        }

        if (proof.Outcome != EncloserOutcome.Proven)
        {
            return NsecProofs.NotProven($"no NSEC3 matches {qname}, and {proof.Reason}");
        }

        DnsName wildcard = proof.Encloser!.ToWildcard();
        Nsec3Record? wildcardMatch = chain.FindMatch(wildcard);
        if (chain.Exhausted)
        {
            return BudgetExceeded(chain, "NODATA", qname);
        }

        Nsec3Record cover = proof.NextCloserCover!;
        if (wildcardMatch is not null)
        {
            if (NsecProofs.NoDataProblem(wildcardMatch, wildcardMatch.Types, wildcard, qtype, wildcard: true) is { } problem)
            {
                return NsecProofs.NotProven($"{proof.Reason}, but {problem}");
            }

            // RFC 5155 §9.2: the closest encloser proof rests on an opt-out span, so the answer gets no AD bit.
            return cover.OptOut
                ? new DenialResult(DenialStatus.OptOut, $"{proof.Reason} and {wildcardMatch} shows that {wildcard} has no {NsecProofs.Type(qtype)}, but with opt-out an unsigned delegation may exist at {proof.NextCloser}", proof.Encloser, wildcard)
                : new DenialResult(DenialStatus.Proven,
                    DeferredReason.Of((proof, wildcardMatch, wildcard, qtype), static s => $"{s.proof.Reason} and {s.wildcardMatch} shows that {s.wildcard} has no {NsecProofs.Type(s.qtype)}"),
                    proof.Encloser, wildcard);
        }

        // RFC 5155 §8.6: without a matching NSEC3, DS absence needs an opt-out NSEC3 over the next closer name. For other
        // types §8.5 wants a matching NSEC3 for a Secure NODATA; an opt-out span over the next closer name means an
        // unsigned delegation may hold the name (§9.2: no AD), and a CNAME target or a forwarder's answer from below one
        // arrives this way. Unbound answers such NODATA Insecure (val_cnametooptout, val_nsec3_b5_wcnodata_nowc), and so
        // does this: no signed name can be denied so, as its own hash is an owner no span covers.
        if (cover.OptOut)
        {
            return new DenialResult(DenialStatus.OptOut, qtype == RecordType.DS
                ? $"no NSEC3 matches {qname}; {proof.Reason}, whose opt-out leaves any delegation there unsigned"
                : $"no NSEC3 matches {qname} or the wildcard {wildcard}; {proof.Reason}, whose opt-out leaves room for an unsigned delegation holding {qname}, so no {NsecProofs.Type(qtype)} there can be proven absent or present",
                proof.Encloser);
        }

        return NsecProofs.NotProven(qtype == RecordType.DS
            ? $"no NSEC3 matches {qname} or the wildcard {wildcard}, and {cover} covering {proof.NextCloser} is not opt-out, so it cannot deny DS"
            : $"no NSEC3 matches {qname} or the wildcard {wildcard} at its closest encloser {proof.Encloser}");
    }

    private static bool TryStart(DnsName qname, DnsName zoneApex, IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget,
        [NotNullWhen(true)] out Nsec3Chain? chain, [NotNullWhen(false)] out DenialResult? early)
    {
        chain = null;
        NsecProofs.CheckArguments(qname, zoneApex, nsec3s);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(budget);
        early = NsecProofs.OutsideZone(qname, zoneApex);
        if (early is not null)
        {
            return false;
        }

        if (!Nsec3Chain.TryCreate(zoneApex, nsec3s, policy, budget, out chain, out DenialStatus status, out string? problem))
        {
            early = new DenialResult(status, problem!);
            return false;
        }

        return true;
    }

    private static DenialResult BudgetExceeded(Nsec3Chain chain, string proof, DnsName qname) =>
        new(DenialStatus.BudgetExceeded, $"the answer's budget of {chain.HashLimit} NSEC3 hashes ran out while proving {proof} for {qname}");

    private static DsAbsenceResult DsBudgetExceeded(Nsec3Chain chain, DnsName dsName) =>
        new(DsAbsenceKind.BudgetExceeded, $"the answer's budget of {chain.HashLimit} NSEC3 hashes ran out while proving DS absence for {dsName}");
}
