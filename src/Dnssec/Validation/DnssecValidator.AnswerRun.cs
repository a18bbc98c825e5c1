using Dnssec.Wire;

namespace Dnssec.Validation;

public sealed partial class DnssecValidator
{
    /// <summary>The state of validating one answer: its budget, the verdicts so far and the zones of its chain.</summary>
    private sealed class AnswerRun(DnssecValidator validator, ValidationBudget budget, CancellationToken cancellationToken)
    {
        private readonly List<RRsetValidation> _rrsets = [];
        private readonly List<ValidationResult> _proofs = [];
        private readonly List<ZoneKeys> _chain = [];
        private readonly List<RRsetValidation> _checked = [];
        private ValidationResult? _concluded;

        /// <summary>Validates an RRset in the zone its signatures name, or shows why unsigned data is (in)secure.</summary>
        public async ValueTask<RRsetValidation> ValidateAsync(DnsRRset rrset)
        {
            RRsetValidation result = await validator.ValidateInOwnZoneAsync(rrset, budget, new ChainCollector(_chain), cancellationToken).ConfigureAwait(false);
            _rrsets.Add(result);
            return result;
        }

        /// <summary>For a secure wildcard expansion, requires the proof that no closer name exists (RFC 4035 §5.3.4).</summary>
        public async ValueTask CheckWildcardAsync(RRsetValidation validated, DnsName name, RecordType type, IReadOnlyList<DnsRRset> authority)
        {
            if (validated.Status != SecurityStatus.Secure || validated.Wildcard is null)
            {
                return;
            }

            ValidationResult proof = await validator.ProveWildcardAsync(name, type, validated, authority, budget, new ChainCollector(_chain), _checked, cancellationToken).ConfigureAwait(false);
            _proofs.Add(proof);
        }

        /// <summary>Requires the NXDOMAIN or NODATA proof for <paramref name="name"/> and <paramref name="type"/>.</summary>
        public async ValueTask ProveAbsenceAsync(DnsName name, RecordType type, bool nameError, IReadOnlyList<DnsRRset> authority)
        {
            (ValidationResult proof, DnsResponseCode? provenCode) = await validator.ProveAbsenceAsync(name, type, nameError, authority, budget, new ChainCollector(_chain), _checked, cancellationToken).ConfigureAwait(false);
            ProvenResponseCode ??= provenCode;
            _proofs.Add(proof);
        }

        /// <summary>
        /// The rcode the proof showed where it differs from the server's: NOERROR for an NXDOMAIN whose records prove an
        /// empty non-terminal, NXDOMAIN for a compact denial (RFC 9824); null when the server's stands.
        /// </summary>
        public DnsResponseCode? ProvenResponseCode { get; private set; }

        public void Add(RRsetValidation rrset) => _rrsets.Add(rrset);

        /// <summary>Ends the answer with a verdict of its own, such as a broken chain.</summary>
        public void Conclude(ValidationResult result) => _concluded ??= result;

        /// <summary>
        /// Gives the verdict, the RRsets it rests on, and a verdict on every authority and additional RRset: those a
        /// proof checked keep theirs, the rest are judged by <see cref="JudgeSupplemental"/>.
        /// </summary>
        public AnswerValidation Finish(DnsQuestion question, DnsResponseCode responseCode, DnsName finalName, IReadOnlyList<DnsRRset> authority, IReadOnlyList<DnsRRset> additional)
        {
            ValidationResult? worst = _concluded;
            uint ttl = uint.MaxValue;
            foreach (RRsetValidation rrset in _rrsets)
            {
                worst = Weaker(worst, rrset.Result);
                ttl = Math.Min(ttl, rrset.Ttl);
            }

            foreach (ValidationResult proof in _proofs)
            {
                worst = Weaker(worst, proof);
            }

            if (worst is null)
            {
                worst = ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the response to {question} holds neither an answer nor a proof");
            }
            else if (worst.Status == SecurityStatus.Secure)
            {
                worst = ValidationResult.Secure(_proofs.Count == 0 && _rrsets.Count == 1
                    ? _rrsets[0].Result.Reason
                    : $"{_rrsets.Count} RRsets and {_proofs.Count} denial proofs verified for {question.Name} {question.Type}");
            }

            return new AnswerValidation(question, responseCode, worst, _rrsets, _proofs, _chain, ttl == uint.MaxValue ? 0 : ttl, finalName, budget, Judge(authority), Judge(additional), ProofTtl());
        }

        /// <summary>The least TTL of the denial records and SOA the proofs checked, with the SOA's MINIMUM (RFC 9077 §3).</summary>
        private uint? ProofTtl()
        {
            uint? least = null;
            foreach (RRsetValidation rrset in _checked)
            {
                uint ttl = rrset.RRset.Type == RecordType.SOA ? Math.Min(rrset.Ttl, SoaData.From(rrset.RRset.Records[0]).Minimum) : rrset.Ttl;
                least = least is { } known ? Math.Min(known, ttl) : ttl;
            }

            return least;
        }

        private List<RRsetValidation> Judge(IReadOnlyList<DnsRRset> section)
        {
            var verdicts = new List<RRsetValidation>(section.Count);
            foreach (DnsRRset rrset in section)
            {
                RRsetValidation? known = _checked.Find(v => ReferenceEquals(v.RRset, rrset)) ?? _rrsets.Find(v => ReferenceEquals(v.RRset, rrset));
                verdicts.Add(known ?? validator.JudgeSupplemental(rrset, budget));
            }

            return verdicts;
        }

        /// <summary>Bogus beats Indeterminate beats Insecure beats Secure; the first of equals keeps its reason.</summary>
        private static ValidationResult Weaker(ValidationResult? current, ValidationResult candidate) =>
            current is null || Rank(candidate.Status) > Rank(current.Status) ? candidate : current;

        private static int Rank(SecurityStatus status) => status switch
        {
            SecurityStatus.Secure => 0,
            SecurityStatus.Insecure => 1,
            SecurityStatus.Indeterminate => 2,
            _ => 3,
        };
    }

    /// <summary>Adds zone results to an answer's chain once each, in the order met.</summary>
    private sealed class ChainCollector(List<ZoneKeys> chain) : ICollection<ZoneKeys>
    {
        public int Count => chain.Count;

        public bool IsReadOnly => false;

        public void Add(ZoneKeys item)
        {
            if (!chain.Exists(existing => existing.Zone.Equals(item.Zone)))
            {
                chain.Add(item);
            }
        }

        public void Clear() => chain.Clear();

        public bool Contains(ZoneKeys item) => chain.Contains(item);

        public void CopyTo(ZoneKeys[] array, int arrayIndex) => chain.CopyTo(array, arrayIndex);

        public bool Remove(ZoneKeys item) => chain.Remove(item);

        public IEnumerator<ZoneKeys> GetEnumerator() => chain.GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>
    /// Validates an RRset in its own zone: signed data in the zone its RRSIG names (which must be an ancestor of the
    /// owner and a real zone apex); unsigned data is Insecure only if the owner is proven to be below an unsigned
    /// delegation, and Bogus when its zone is signed.
    /// </summary>
    private async ValueTask<RRsetValidation> ValidateInOwnZoneAsync(DnsRRset rrset, ValidationBudget budget, ICollection<ZoneKeys> chain, CancellationToken cancellationToken)
    {
        DnsName? signer = null;
        foreach (DnsRecord rrsig in rrset.Signatures)
        {
            DnsName candidate = RrsigData.From(rrsig).SignerName;
            if (rrset.Owner.IsSubdomainOf(candidate) && (signer is null || candidate.LabelCount > signer.LabelCount))
            {
                signer = candidate;
            }
        }

        if (signer is null && rrset.Signatures.Count > 0)
        {
            return Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"every RRSIG for {rrset.Owner} {rrset.Type} names a signer that is not an ancestor of the owner");
        }

        ZoneKeys keys = await FindKeysAsync(signer ?? rrset.Owner, budget, chain, cancellationToken).ConfigureAwait(false);
        if (keys.Status == SecurityStatus.Secure && signer is not null && !keys.Zone.Equals(signer))
        {
            return Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"{rrset.Owner} {rrset.Type} is signed by {signer}, which is not a zone: it lies inside {keys.Zone}");
        }

        if (keys.Status == SecurityStatus.Secure && signer is not null && KnownZoneBelowSigner(rrset, signer) is { } below)
        {
            return below;
        }

        return ValidateRRset(rrset, keys, budget);
    }

    /// <summary>
    /// RFC 4035 §5.3.1: the signer must be the zone that holds the RRset, so an ancestor zone's key vouches for nothing
    /// below a cut. Cuts already known from the key cache are checked; no queries are made for it, as neither BIND nor
    /// Unbound asks for a DS at every owner name (the zone above a cut controls its DS anyway). An entry for a DS
    /// question that showed no cut (it failed, proved nothing, or could not be checked) is no known cut: the verdict must
    /// not depend on whether that question came first. Null when no known cut lies between; otherwise Bogus below a
    /// signed zone, Insecure below an unsigned delegation.
    /// </summary>
    private RRsetValidation? KnownZoneBelowSigner(DnsRRset rrset, DnsName signer)
    {
        // A DS RRset lives on the parent side of the cut at its owner, so only the names above the owner matter for it.
        DnsName holder = rrset.Type == RecordType.DS && !rrset.Owner.IsRoot ? rrset.Owner.Parent : rrset.Owner;
        DateTimeOffset now = Now;
        for (int labels = signer.LabelCount + 1; labels <= holder.LabelCount; labels++)
        {
            if (Keys.Get(holder.GetAncestor(labels), now) is not { IsCut: true } zone)
            {
                continue;
            }

            string what = $"{rrset.Owner} {rrset.Type} is signed by {signer}";
            return zone.Status switch
            {
                SecurityStatus.Secure => Fail(rrset, ExtendedDnsErrorCode.DnssecBogus, $"{what}, but it lies in the zone {zone.Zone} below it, whose keys alone may sign it"),
                SecurityStatus.Insecure => new RRsetValidation(rrset, zone.Result with { Reason = $"{what}, but it lies below {zone.Zone}: {zone.Result.Reason}" }, rrset.Ttl, null, null),
                _ => new RRsetValidation(rrset, zone.Result with { Reason = $"{what}, but the zone {zone.Zone} below it failed: {zone.Result.Reason}" }, rrset.Ttl, null, null),
            };
        }

        return null;
    }
}
