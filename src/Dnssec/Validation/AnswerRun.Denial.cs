using Dnssec.Wire;

namespace Dnssec.Validation;

internal sealed partial class AnswerRun
{
    /// <summary>
    /// Requires the proof that <paramref name="name"/> does not exist (NXDOMAIN) or has no <paramref name="type"/>
    /// (NODATA) from the response's NSEC or NSEC3 records. An NXDOMAIN whose records show instead that the name is an
    /// empty non-terminal (Unbound's val_nodata_entnx) is answered as the NODATA they prove, with rcode NOERROR; a
    /// compact denial (RFC 9824) proven as NODATA gets NXDOMAIN; a name error for a name with records of its own stays Bogus.
    /// </summary>
    private async ValueTask ProveAbsenceAsync(DnsName name, RecordType type, bool nameError)
    {
        (ValidationResult proof, DnsResponseCode? provenCode) = await AbsenceAsync(name, type, nameError).ConfigureAwait(false);
        _provenResponseCode ??= provenCode;
        _proofs.Add(proof);
    }

    private async ValueTask<(ValidationResult Result, DnsResponseCode? ProvenCode)> AbsenceAsync(DnsName name, RecordType type, bool nameError)
    {
        DenialEvidence evidence = await GatherDenialAsync(name, type).ConfigureAwait(false);
        if (evidence.Verdict is { } verdict)
        {
            return (verdict, null);
        }

        ZoneKeys keys = evidence.Keys!;
        DnsName zone = keys.Zone;
        IDenialProver prover = evidence.Prover!;
        DenialResult proof = nameError ? prover.ProveNameError(name, zone) : prover.ProveNoData(name, type, zone);
        if (nameError && proof.Status == DenialStatus.NotProven
            && prover.ProveNoData(name, type, zone) is { Status: DenialStatus.Proven, EmptyNonTerminal: true } noData)
        {
            return (ToResult(noData, new ProofSubject("NODATA", name, type, " (the server said NXDOMAIN)")), DnsResponseCode.NoError);
        }

        ValidationResult result = evidence.Explain(ToResult(proof, nameError ? new ProofSubject("NXDOMAIN", name) : new ProofSubject("NODATA", name, type)));
        // A DS RRset lives on the parent side of its delegation (RFC 4035 §5.2): the zone that holds it is the parent's.
        DnsName holderName = type == RecordType.DS && !name.IsRoot ? name.Parent : name;
        if (result.Status == SecurityStatus.Bogus && await ZoneBelowAsync(holderName, keys).ConfigureAwait(false) is { } below)
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
    private async ValueTask<ValidationResult?> ZoneBelowAsync(DnsName name, ZoneKeys proving)
    {
        ZoneKeys holder = await FindKeysAsync(name).ConfigureAwait(false);
        if (!holder.Zone.IsStrictSubdomainOf(proving.Zone) || holder.Status != SecurityStatus.Insecure
            || (holder.RestsOnOptOut && !ShowsZoneAt(holder.Zone, name)))
        {
            return null;
        }

        return holder.Result with { Reason = $"{name} is not in {proving.Zone}, whose records cannot deny it, but below {holder.Zone}: {holder.Result.Reason}" };
    }

    /// <summary>
    /// Whether the response shows a zone between <paramref name="zone"/> and <paramref name="name"/>: the unsigned child's
    /// SOA beside its denial, or the parent's referral to it. Asked when the walk found the zone only because an opt-out
    /// span covers it, which it says of any name in the span: without such a record the name's records are the signed
    /// zone's, and a signed answer moved out of the answer section stays a failed proof, as Unbound and delv judge it
    /// (differential campaign seed 13579, hierarchy 9), rather than becoming an insecure delegation.
    /// </summary>
    private bool ShowsZoneAt(DnsName zone, DnsName name)
    {
        foreach (DnsRRset rrset in _authority)
        {
            if (rrset.Type is RecordType.SOA or RecordType.NS && rrset.Owner.IsSubdomainOf(zone) && name.IsSubdomainOf(rrset.Owner))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>For an answer expanded from a wildcard, proves that no closer name exists (RFC 4035 §5.3.4, RFC 5155 §8.8).</summary>
    private async ValueTask<ValidationResult> ProveWildcardAsync(DnsName name, RecordType type, RRsetValidation validated)
    {
        DenialEvidence evidence = await GatherDenialAsync(name, type, validated.Signer).ConfigureAwait(false);
        if (evidence.Verdict is { } verdict)
        {
            return verdict.Status == SecurityStatus.Bogus
                ? verdict with { Reason = $"{name} {type} was expanded from {validated.Wildcard}, but {verdict.Reason}" }
                : verdict;
        }

        int labels = validated.Wildcard!.LabelCount - 1;
        DenialResult proof = evidence.Prover!.ProveWildcardAnswer(name, labels, evidence.Keys!.Zone);
        return evidence.Explain(ToResult(proof, new ProofSubject("the wildcard expansion", name, Wildcard: validated.Wildcard)));
    }

    /// <summary>
    /// Finds the zone that signed the response's denial records, authenticates its keys and every NSEC, NSEC3 and SOA
    /// RRset it signed; or, when nothing is signed, shows whether that is allowed (the name is in an unsigned zone).
    /// Each RRset checked is kept with its verdict.
    /// </summary>
    private async ValueTask<DenialEvidence> GatherDenialAsync(DnsName name, RecordType type, DnsName? expectedSigner = null)
    {
        DnsName? signer = expectedSigner;
        bool anyDenial = false;
        foreach (DnsRRset rrset in _authority)
        {
            if (rrset.Type is RecordType.NSEC or RecordType.NSEC3)
            {
                anyDenial = true;
                signer = expectedSigner ?? ValidationRules.DeepestSigner(name, rrset.Signatures, signer);
            }
        }

        if (signer is null)
        {
            return await UnsignedDenialAsync(name, type, anyDenial).ConfigureAwait(false);
        }

        ZoneKeys keys = await FindKeysAsync(signer).ConfigureAwait(false);
        if (keys.Status != SecurityStatus.Secure)
        {
            return DenialEvidence.Decided(keys.Result);
        }

        if (ValidationRules.SignerIsNotTheZone(signer, keys))
        {
            return DenialEvidence.Decided(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, ValidationRules.NotTheZone(signer, keys, $"the denial records for {name} are signed")));
        }

        return CheckDenialRecords(name, type, keys);
    }

    /// <summary>A response without signed denial records: fine only when the name's zone is not Secure.</summary>
    private async ValueTask<DenialEvidence> UnsignedDenialAsync(DnsName name, RecordType type, bool anyDenial)
    {
        ZoneKeys holder = await FindKeysAsync(name).ConfigureAwait(false);
        if (holder.Status != SecurityStatus.Secure)
        {
            return DenialEvidence.Decided(holder.Result);
        }

        // Unsigned denial records, or an unsigned SOA of the zone, mean the signatures were stripped: EDE 10, as
        // Unbound reports it (val_cnametonodata_nonsec); nothing at all to prove the absence with is EDE 12.
        bool stripped = anyDenial || _authority.Any(rrset => rrset.Type == RecordType.SOA && rrset.Signatures.Count == 0 && rrset.Owner.Equals(holder.Zone));
        return DenialEvidence.Decided(ValidationResult.Bogus(
            stripped ? ExtendedDnsErrorCode.RrsigsMissing : ExtendedDnsErrorCode.NsecMissing,
            $"{name} is in the signed zone {holder.Zone}, but the response has no {(anyDenial ? "signed " : "")}NSEC or NSEC3 record proving that {name} {type} does not exist{(stripped && !anyDenial ? ", and its SOA is unsigned" : "")}"));
    }

    /// <summary>
    /// Validates the zone's NSEC and NSEC3 RRsets and its SOA with its keys, and chooses the prover for its chain; the
    /// first that fails decides.
    /// </summary>
    private DenialEvidence CheckDenialRecords(DnsName name, RecordType type, ZoneKeys keys)
    {
        var nsecs = new List<DnsRRset>();
        var nsec3s = new List<DnsRRset>();
        var expanded = new List<string>();
        foreach (DnsRRset rrset in _authority)
        {
            // Only this zone's denial records and its own SOA are held to its keys (RFC 4035 §5.3.1): the SOA of a
            // CNAME target's zone, signed or not, answers to that zone's keys, never to these.
            bool denial = rrset.Type is RecordType.NSEC or RecordType.NSEC3;
            if (denial ? !rrset.Owner.IsSubdomainOf(keys.Zone) : rrset.Type != RecordType.SOA || !rrset.Owner.Equals(keys.Zone))
            {
                continue;
            }

            // Records signed only by another zone (a parent's, passing through) play no part in this zone's proof.
            if (ValidationRules.IsSignedOnlyByOthers(rrset, keys.Zone))
            {
                continue;
            }

            RRsetValidation validated = _validator.ValidateRRset(rrset, keys, _budget);
            _checked.Add(validated);
            if (validated.Status != SecurityStatus.Secure)
            {
                return DenialEvidence.Decided(validated.Result with { Reason = $"the proof for {name} {type} uses {rrset.Owner} {rrset.Type}: {validated.Result.Reason}" });
            }

            if (denial && validated.IsWildcardExpansion)
            {
                expanded.Add(ValidationRules.ExpansionProvesNothing(validated));
            }
            else if (denial)
            {
                (rrset.Type == RecordType.NSEC ? nsecs : nsec3s).Add(rrset);
            }
        }

        return new DenialEvidence(null, keys, IDenialProver.For(nsecs, nsec3s, nsecWhenNeither: true, Options.Policy, _budget), expanded);
    }

    /// <summary>
    /// The verdict of a proof made with authenticated NSEC or NSEC3 records. When they were there but prove nothing,
    /// the error is EDE 6 (DNSSEC Bogus), as Unbound reports it; EDE 12 (NSEC Missing) is kept for responses that
    /// carry no denial records at all (<see cref="UnsignedDenialAsync"/>), so that the two cases can be told apart.
    /// </summary>
    private static ValidationResult ToResult(DenialResult proof, ProofSubject what) => proof.SecurityStatus switch
    {
        SecurityStatus.Secure => ValidationResult.Secure(DeferredReason.Of((what, proof), static s => $"{s.what} is proven: {s.proof.Reason}")),
        SecurityStatus.Insecure => ValidationResult.Insecure($"{what} is insecure: {proof.Reason}", proof.ExtendedError),
        _ => ValidationResult.Bogus(proof.Status == DenialStatus.NotProven ? ExtendedDnsErrorCode.DnssecBogus : proof.ExtendedError ?? ExtendedDnsErrorCode.DnssecBogus, $"{what} is not proven: {proof.Reason}"),
    };

    /// <summary>
    /// What a proof is about, as the reason names it: "NXDOMAIN for a.example.", "NODATA for a.example. MX", "the
    /// wildcard expansion of *.example. for a.example."; kept in parts so that nothing is written for a proof that holds
    /// until its reason is read.
    /// </summary>
    private readonly record struct ProofSubject(string Kind, DnsName Name, RecordType? Type = null, string Suffix = "", DnsName? Wildcard = null)
    {
        public override string ToString() =>
            Wildcard is not null ? $"{Kind} of {Wildcard} for {Name}{Suffix}"
            : Type is { } type ? $"{Kind} for {Name} {type}{Suffix}"
            : $"{Kind} for {Name}{Suffix}";
    }

    /// <summary>
    /// The authenticated denial records of a response, as the prover for their kind of chain, or the verdict that made
    /// them unnecessary or unusable; with why each record synthesised from a wildcard was left out, for the reason of a
    /// failed proof.
    /// </summary>
    private sealed record DenialEvidence(ValidationResult? Verdict, ZoneKeys? Keys, IDenialProver? Prover, List<string> Expanded)
    {
        public static DenialEvidence Decided(ValidationResult verdict) => new(verdict, null, null, []);

        /// <summary>The reason of a failed proof with the wildcard expansions that were left out of it.</summary>
        public ValidationResult Explain(ValidationResult result) =>
            result.Status == SecurityStatus.Secure || Expanded.Count == 0 ? result : result with { Reason = $"{result.Reason} ({string.Join("; ", Expanded)})" };
    }
}
