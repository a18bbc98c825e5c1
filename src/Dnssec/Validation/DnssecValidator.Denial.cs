using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>
    /// Proves that <paramref name="name"/> does not exist (NXDOMAIN) or has no <paramref name="type"/> (NODATA) with the
    /// response's NSEC or NSEC3 records. An NXDOMAIN whose records show instead that the name is an empty non-terminal
    /// (Unbound's val_nodata_entnx) is answered as the NODATA they prove, with <c>ProvenCode</c> NOERROR; a compact
    /// denial (RFC 9824) proven as NODATA gets NXDOMAIN; a name error for a name with records of its own stays Bogus.
    /// </summary>
    private async ValueTask<(ValidationResult Result, DnsResponseCode? ProvenCode)> ProveAbsenceAsync(DnsName name, RecordType type, bool nameError, IReadOnlyList<DnsRRset> authority, ValidationBudget budget, ICollection<ZoneKeys> chain, ICollection<RRsetValidation> checkedRRsets, CancellationToken cancellationToken)
    {
        DenialEvidence evidence = await GatherDenialAsync(name, type, authority, budget, chain, checkedRRsets, cancellationToken).ConfigureAwait(false);
        if (evidence.Verdict is { } verdict)
        {
            return (verdict, null);
        }

        DnsName zone = evidence.Keys!.Zone;
        bool nsec = evidence.Nsecs.Count > 0 || evidence.Nsec3s.Count == 0;
        DenialResult proof = nsec
            ? (nameError ? NsecProofs.ProveNameError(name, zone, evidence.Nsecs) : NsecProofs.ProveNoData(name, type, zone, evidence.Nsecs))
            : (nameError ? Nsec3Proofs.ProveNameError(name, zone, evidence.Nsec3s, Options.Policy, budget) : Nsec3Proofs.ProveNoData(name, type, zone, evidence.Nsec3s, Options.Policy, budget));
        if (nameError && proof.Status == DenialStatus.NotProven)
        {
            DenialResult noData = nsec ? NsecProofs.ProveNoData(name, type, zone, evidence.Nsecs) : Nsec3Proofs.ProveNoData(name, type, zone, evidence.Nsec3s, Options.Policy, budget);
            if (noData.Status == DenialStatus.Proven && noData.EmptyNonTerminal)
            {
                return (ToResult(noData, $"NODATA for {name} {type} (the server said NXDOMAIN)"), DnsResponseCode.NoError);
            }
        }

        ValidationResult result = evidence.Explain(ToResult(proof, nameError ? $"NXDOMAIN for {name}" : $"NODATA for {name} {type}"));
        if (result.Status == SecurityStatus.Bogus && await ZoneBelowAsync(name, evidence.Keys!, budget, chain, cancellationToken).ConfigureAwait(false) is { } below)
        {
            return (below, null);
        }

        // RFC 9824 §3: a validated compact denial (NODATA whose record lists NXNAME) is reported as the NXDOMAIN it is.
        return (result, !nameError && proof.Status == DenialStatus.Proven && proof.NameDoesNotExist ? DnsResponseCode.NXDomain : null);
    }

    /// <summary>
    /// When a zone's records cannot deny <paramref name="name"/>, whether that is because the name is not in that zone:
    /// a CNAME into an unsigned child of the same zone brings the parent's records (the alias, the referral and its
    /// no-DS proof) beside the child's unsigned answer, and the parent's delegation record rightly denies nothing below
    /// it. Each link is judged in its own zone, so the name's own zone is established (RFC 4035 §5.2) and, when it lies
    /// below and is proven unsigned, it is Insecure. Null otherwise: the name is in that zone, its zone is signed, or the
    /// walk failed, and the failed proof stands. Asked only on this failure path, so a proof that holds costs no query.
    /// </summary>
    private async ValueTask<ValidationResult?> ZoneBelowAsync(DnsName name, ZoneKeys proving, ValidationBudget budget, ICollection<ZoneKeys> chain, CancellationToken cancellationToken)
    {
        ZoneKeys holder = await FindKeysAsync(name, budget, chain, cancellationToken).ConfigureAwait(false);
        if (!holder.Zone.IsStrictSubdomainOf(proving.Zone) || holder.Status != SecurityStatus.Insecure)
        {
            return null;
        }

        return holder.Result with { Reason = $"{name} is not in {proving.Zone}, whose records cannot deny it, but below {holder.Zone}: {holder.Result.Reason}" };
    }

    /// <summary>For an answer expanded from a wildcard, proves that no closer name exists (RFC 4035 §5.3.4, RFC 5155 §8.8).</summary>
    private async ValueTask<ValidationResult> ProveWildcardAsync(DnsName name, RecordType type, RRsetValidation validated, IReadOnlyList<DnsRRset> authority, ValidationBudget budget, ICollection<ZoneKeys> chain, ICollection<RRsetValidation> checkedRRsets, CancellationToken cancellationToken)
    {
        DenialEvidence evidence = await GatherDenialAsync(name, type, authority, budget, chain, checkedRRsets, cancellationToken, validated.Signer).ConfigureAwait(false);
        if (evidence.Verdict is { } verdict)
        {
            return verdict.Status == SecurityStatus.Bogus
                ? verdict with { Reason = $"{name} {type} was expanded from {validated.Wildcard}, but {verdict.Reason}" }
                : verdict;
        }

        int labels = validated.Wildcard!.LabelCount - 1;
        DnsName zone = evidence.Keys!.Zone;
        DenialResult proof = evidence.Nsecs.Count > 0 || evidence.Nsec3s.Count == 0
            ? NsecProofs.ProveWildcardAnswer(name, labels, zone, evidence.Nsecs)
            : Nsec3Proofs.ProveWildcardAnswer(name, labels, zone, evidence.Nsec3s, Options.Policy, budget);
        return evidence.Explain(ToResult(proof, $"the wildcard expansion of {validated.Wildcard} for {name}"));
    }

    /// <summary>Decides from the parent's NSEC or NSEC3 records what a name without a DS RRset is (RFC 4035 §5.2, RFC 5155 §8.6).</summary>
    private DelegationStep ExamineDsDenial(ZoneKeys parent, DnsName child, DnsMessage message, ValidationBudget budget)
    {
        var nsecs = new List<DnsRRset>();
        var nsec3s = new List<DnsRRset>();
        var expanded = new List<string>();
        uint ttl = (uint)Options.MaximumKeyTtl.TotalSeconds;
        bool anyDenial = false;
        foreach (DnsRRset rrset in DnsRRset.Group(message.Authorities))
        {
            if (rrset.Type is not (RecordType.NSEC or RecordType.NSEC3))
            {
                continue;
            }

            anyDenial = true;

            // The child's own apex NSEC may come along (RFC 4035 §5.3.2 keeps it apart); only the parent's records speak.
            if (rrset.Signatures.Count > 0 && !rrset.Signatures.Any(s => IsSignedBy(RrsigData.From(s), parent.Zone)))
            {
                continue;
            }

            RRsetValidation validated = ValidateRRset(rrset, parent, budget);
            if (validated.Status != SecurityStatus.Secure)
            {
                return DelegationStep.Ended(Unresolved(child, validated.Result with { Reason = $"the proof that {child} has no DS is not valid: {validated.Result.Reason}" }));
            }

            if (validated.IsWildcardExpansion)
            {
                expanded.Add(ExpansionProvesNothing(validated));
                continue;
            }

            // A fact derived from the proof lives no longer than its records may (RFC 4035 §5.3.3).
            ttl = Math.Min(ttl, validated.Ttl);
            (rrset.Type == RecordType.NSEC ? nsecs : nsec3s).Add(rrset);
        }

        if (!anyDenial)
        {
            return DelegationStep.Ended(Unresolved(child, ValidationResult.Bogus(ExtendedDnsErrorCode.NsecMissing,
                $"{parent.Zone} is signed, but the answer to the DS query for {child} ({Mnemonics(message)}) neither has a DS RRset nor proves there is none")));
        }

        // Records left out as expansions still say which kind of chain the zone has, for the reason.
        bool nsecChain = nsecs.Count > 0 || (nsec3s.Count == 0 && DnsRRset.Group(message.Authorities).Any(r => r.Type == RecordType.NSEC));
        DsAbsenceResult proof = nsecChain
            ? NsecProofs.ProveDsAbsence(child, parent.Zone, nsecs)
            : Nsec3Proofs.ProveDsAbsence(child, parent.Zone, nsec3s, Options.Policy, budget);

        // An opt-out span is an unsigned delegation's place only in a NODATA (RFC 5155 §8.6). An answer that says NXDOMAIN
        // must prove the name error (§8.4), the wildcard's cover included; opt-out then only withholds the AD bit (§9.2).
        if (proof.Kind == DsAbsenceKind.OptOut && message.ResponseCode == DnsResponseCode.NXDomain
            && Nsec3Proofs.ProveNameError(child, parent.Zone, nsec3s, Options.Policy, budget) is { Status: not (DenialStatus.Proven or DenialStatus.OptOut) } nameError)
        {
            return DelegationStep.Ended(Unresolved(child, ValidationResult.Bogus(nameError.ExtendedError ?? ExtendedDnsErrorCode.NsecMissing,
                $"{parent.Zone} is signed, and the answer to the DS query for {child} says NXDOMAIN, but it does not prove that: {nameError.Reason}")));
        }
        return proof.Kind switch
        {
            DsAbsenceKind.NoZoneCut => DelegationStep.NonCut(ttl),
            DsAbsenceKind.NameDoesNotExist => DelegationStep.Missing(),
            DsAbsenceKind.InsecureDelegation or DsAbsenceKind.OptOut =>
                DelegationStep.Ended(new ZoneKeys(child, ValidationResult.Insecure(proof.Reason, proof.ExtendedError), [], [], Now + TimeSpan.FromSeconds(ttl))),

            // RFC 9276 §3.2: the proof's records say nothing about the child, so the reason must name it.
            DsAbsenceKind.IterationsTooHigh =>
                DelegationStep.Ended(new ZoneKeys(child, ValidationResult.Insecure($"{child} is treated as insecure because the proof that it has no DS cannot be checked: {proof.Reason}", proof.ExtendedError), [], [], Now + TimeSpan.FromSeconds(ttl), isCut: false)),
            _ => DelegationStep.Ended(Unresolved(child, ValidationResult.Bogus(proof.ExtendedError ?? ExtendedDnsErrorCode.NsecMissing,
                $"{parent.Zone} is signed, but nothing proves that {child} has no DS: {proof.Reason}{(expanded.Count == 0 ? "" : $" ({string.Join("; ", expanded)})")}"))),
        };
    }

    /// <summary>
    /// Finds the zone that signed a response's denial records, authenticates its keys and every NSEC, NSEC3 and SOA
    /// RRset it signed; or, when nothing is signed, shows whether that is allowed (the name is in an unsigned zone).
    /// Each RRset checked is added to <paramref name="checkedRRsets"/> with its verdict.
    /// </summary>
    private async ValueTask<DenialEvidence> GatherDenialAsync(DnsName name, RecordType type, IReadOnlyList<DnsRRset> authority, ValidationBudget budget, ICollection<ZoneKeys> chain, ICollection<RRsetValidation> checkedRRsets, CancellationToken cancellationToken, DnsName? expectedSigner = null)
    {
        DnsName? signer = expectedSigner;
        bool anyDenial = false;
        foreach (DnsRRset rrset in authority)
        {
            if (rrset.Type is not (RecordType.NSEC or RecordType.NSEC3))
            {
                continue;
            }

            anyDenial = true;
            foreach (DnsRecord rrsig in rrset.Signatures)
            {
                DnsName candidate = RrsigData.From(rrsig).SignerName;
                if (expectedSigner is null && name.IsSubdomainOf(candidate) && (signer is null || candidate.LabelCount > signer.LabelCount))
                {
                    signer = candidate;
                }
            }
        }

        if (signer is null)
        {
            ZoneKeys holder = await FindKeysAsync(name, budget, chain, cancellationToken).ConfigureAwait(false);
            if (holder.Status != SecurityStatus.Secure)
            {
                return DenialEvidence.Decided(holder.Result);
            }

            // Unsigned denial records, or an unsigned SOA of the zone, mean the signatures were stripped: EDE 10, as
            // Unbound reports it (val_cnametonodata_nonsec); nothing at all to prove the absence with is EDE 12.
            bool stripped = anyDenial || authority.Any(rrset => rrset.Type == RecordType.SOA && rrset.Signatures.Count == 0 && rrset.Owner.Equals(holder.Zone));
            return DenialEvidence.Decided(ValidationResult.Bogus(
                stripped ? ExtendedDnsErrorCode.RrsigsMissing : ExtendedDnsErrorCode.NsecMissing,
                $"{name} is in the signed zone {holder.Zone}, but the response has no {(anyDenial ? "signed " : "")}NSEC or NSEC3 record proving that {name} {type} does not exist{(stripped && !anyDenial ? ", and its SOA is unsigned" : "")}"));
        }

        ZoneKeys keys = await FindKeysAsync(signer, budget, chain, cancellationToken).ConfigureAwait(false);
        if (keys.Status != SecurityStatus.Secure)
        {
            return DenialEvidence.Decided(keys.Result);
        }

        if (!keys.Zone.Equals(signer))
        {
            return DenialEvidence.Decided(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the denial records for {name} are signed by {signer}, which is not a zone: it lies inside {keys.Zone}"));
        }

        var nsecs = new List<DnsRRset>();
        var nsec3s = new List<DnsRRset>();
        var expanded = new List<string>();
        foreach (DnsRRset rrset in authority)
        {
            // Only this zone's denial records and its own SOA are held to its keys (RFC 4035 §5.3.1): the SOA of a
            // CNAME target's zone, signed or not, answers to that zone's keys, never to these.
            bool denial = rrset.Type is RecordType.NSEC or RecordType.NSEC3;
            if (denial ? !rrset.Owner.IsSubdomainOf(keys.Zone) : rrset.Type != RecordType.SOA || !rrset.Owner.Equals(keys.Zone))
            {
                continue;
            }

            // Records signed only by another zone (a parent's, passing through) play no part in this zone's proof.
            if (rrset.Signatures.Count > 0 && !rrset.Signatures.Any(s => IsSignedBy(RrsigData.From(s), keys.Zone)))
            {
                continue;
            }

            RRsetValidation validated = ValidateRRset(rrset, keys, budget);
            checkedRRsets.Add(validated);
            if (validated.Status != SecurityStatus.Secure)
            {
                return DenialEvidence.Decided(validated.Result with { Reason = $"the proof for {name} {type} uses {rrset.Owner} {rrset.Type}: {validated.Result.Reason}" });
            }

            if (denial && validated.IsWildcardExpansion)
            {
                expanded.Add(ExpansionProvesNothing(validated));
                continue;
            }

            if (denial)
            {
                (rrset.Type == RecordType.NSEC ? nsecs : nsec3s).Add(rrset);
            }
        }

        return new DenialEvidence(null, keys, nsecs, nsec3s, expanded);
    }

    /// <summary>
    /// Why a denial record synthesised from a wildcard is left out of every proof (CVE-2017-15105): its signature is the
    /// wildcard's, so it verifies under any owner the wildcard covers, and an owner chosen by an attacker can be made to
    /// span a name that exists (RFC 4035 §5.4, RFC 4592 §4).
    /// </summary>
    private static string ExpansionProvesNothing(RRsetValidation validated) =>
        $"{validated.RRset.Owner} {Presentation.Mnemonics.FormatRecordType(validated.RRset.Type)} was expanded from the wildcard {validated.Wildcard}, so it proves nothing";

    /// <summary>
    /// The verdict of a proof made with authenticated NSEC or NSEC3 records. When they were there but prove nothing,
    /// the error is EDE 6 (DNSSEC Bogus), as Unbound reports it; EDE 12 (NSEC Missing) is kept for responses that
    /// carry no denial records at all (<see cref="GatherDenialAsync"/>), so that the two cases can be told apart.
    /// </summary>
    private static ValidationResult ToResult(DenialResult proof, string what) => proof.SecurityStatus switch
    {
        SecurityStatus.Secure => ValidationResult.Secure($"{what} is proven: {proof.Reason}"),
        SecurityStatus.Insecure => ValidationResult.Insecure($"{what} is insecure: {proof.Reason}", proof.ExtendedError),
        _ => ValidationResult.Bogus(proof.Status == DenialStatus.NotProven ? ExtendedDnsErrorCode.DnssecBogus : proof.ExtendedError ?? ExtendedDnsErrorCode.DnssecBogus, $"{what} is not proven: {proof.Reason}"),
    };

    /// <summary>
    /// The authenticated denial records of a response, or the verdict that made them unnecessary or unusable; with why
    /// each record synthesised from a wildcard was left out, for the reason of a failed proof.
    /// </summary>
    private sealed record DenialEvidence(ValidationResult? Verdict, ZoneKeys? Keys, List<DnsRRset> Nsecs, List<DnsRRset> Nsec3s, List<string> Expanded)
    {
        public static DenialEvidence Decided(ValidationResult verdict) => new(verdict, null, [], [], []);

        /// <summary>The reason of a failed proof with the wildcard expansions that were left out of it.</summary>
        public ValidationResult Explain(ValidationResult result) =>
            result.Status == SecurityStatus.Secure || Expanded.Count == 0 ? result : result with { Reason = $"{result.Reason} ({string.Join("; ", Expanded)})" };
    }
}
