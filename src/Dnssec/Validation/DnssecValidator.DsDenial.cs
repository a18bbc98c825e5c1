using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>Decides from the parent's NSEC or NSEC3 records what a name without a DS RRset is (RFC 4035 §5.2, RFC 5155 §8.6).</summary>
    private DelegationStep ExamineDsDenial(ZoneKeys parent, DnsName child, DnsMessage message, ValidationBudget budget)
    {
        DsDenialRecords records = GatherDsDenial(parent, child, message, budget);
        if (records.Ended is { } ended)
        {
            return ended;
        }

        IDenialProver prover = records.Prover!;
        DsAbsenceResult proof = prover.ProveDsAbsence(child, parent.Zone);

        // An opt-out span is an unsigned delegation's place only in a NODATA (RFC 5155 §8.6). An answer that says NXDOMAIN
        // must prove the name error (§8.4), the wildcard's cover included; opt-out then only withholds the AD bit (§9.2).
        if (proof.Kind == DsAbsenceKind.OptOut && message.ResponseCode == DnsResponseCode.NXDomain
            && prover.ProveNameError(child, parent.Zone) is { Status: not (DenialStatus.Proven or DenialStatus.OptOut) } nameError)
        {
            return DelegationStep.Ended(Unresolved(child, ValidationResult.Bogus(nameError.ExtendedError ?? ExtendedDnsErrorCode.NsecMissing,
                $"{parent.Zone} is signed, and the answer to the DS query for {child} says NXDOMAIN, but it does not prove that: {nameError.Reason}")));
        }

        uint ttl = records.Ttl;
        return proof.Kind switch
        {
            DsAbsenceKind.NoZoneCut => DelegationStep.NonCut(ttl),
            DsAbsenceKind.NameDoesNotExist => DelegationStep.Missing(),
            DsAbsenceKind.InsecureDelegation or DsAbsenceKind.OptOut =>
                DelegationStep.Ended(new ZoneKeys(child, ValidationResult.Insecure(proof.Reason, proof.ExtendedError), [], [], Now + TimeSpan.FromSeconds(ttl))
                {
                    RestsOnOptOut = proof.Kind == DsAbsenceKind.OptOut,
                }),

            // RFC 9276 §3.2: the proof's records say nothing about the child, so the reason must name it.
            DsAbsenceKind.IterationsTooHigh =>
                DelegationStep.Ended(new ZoneKeys(child, ValidationResult.Insecure($"{child} is treated as insecure because the proof that it has no DS cannot be checked: {proof.Reason}", proof.ExtendedError), [], [], Now + TimeSpan.FromSeconds(ttl), isCut: false)),
            _ => DelegationStep.Ended(Unresolved(child, ValidationResult.Bogus(proof.ExtendedError ?? ExtendedDnsErrorCode.NsecMissing,
                $"{parent.Zone} is signed, but nothing proves that {child} has no DS: {proof.Reason}{(records.Expanded.Count == 0 ? "" : $" ({string.Join("; ", records.Expanded)})")}"))),
        };
    }

    /// <summary>
    /// Validates the parent's NSEC and NSEC3 RRsets in the answer to a DS query and chooses the prover for its chain,
    /// with the least TTL of the records; or ends the walk when they are missing or fail.
    /// </summary>
    private DsDenialRecords GatherDsDenial(ZoneKeys parent, DnsName child, DnsMessage message, ValidationBudget budget)
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
            if (ValidationRules.IsSignedOnlyByOthers(rrset, parent.Zone))
            {
                continue;
            }

            RRsetValidation validated = ValidateRRset(rrset, parent, budget);
            if (validated.Status != SecurityStatus.Secure)
            {
                return DsDenialRecords.Decided(DelegationStep.Ended(Unresolved(child, validated.Result with { Reason = $"the proof that {child} has no DS is not valid: {validated.Result.Reason}" })));
            }

            if (validated.IsWildcardExpansion)
            {
                expanded.Add(ValidationRules.ExpansionProvesNothing(validated));
                continue;
            }

            // A fact derived from the proof lives no longer than its records may (RFC 4035 §5.3.3).
            ttl = Math.Min(ttl, validated.Ttl);
            (rrset.Type == RecordType.NSEC ? nsecs : nsec3s).Add(rrset);
        }

        if (!anyDenial)
        {
            return DsDenialRecords.Decided(DelegationStep.Ended(Unresolved(child, ValidationResult.Bogus(ExtendedDnsErrorCode.NsecMissing,
                $"{parent.Zone} is signed, but the answer to the DS query for {child} ({Mnemonics(message)}) neither has a DS RRset nor proves there is none"))));
        }

        // Records left out as expansions still say which kind of chain the zone has, for the reason.
        bool nsecChain = DnsRRset.Group(message.Authorities).Any(r => r.Type == RecordType.NSEC);
        return new DsDenialRecords(null, IDenialProver.For(nsecs, nsec3s, nsecChain, Options.Policy, budget), ttl, expanded);
    }

    /// <summary>
    /// The parent's authenticated denial records for a DS question, as the prover for their chain, with the least TTL
    /// and why each wildcard expansion was left out; or the step that ended the walk instead.
    /// </summary>
    private sealed record DsDenialRecords(DelegationStep? Ended, IDenialProver? Prover, uint Ttl, List<string> Expanded)
    {
        public static DsDenialRecords Decided(DelegationStep ended) => new(ended, null, 0, []);
    }
}
