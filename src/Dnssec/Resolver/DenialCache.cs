using System.Collections.Concurrent;
using Dnssec.Presentation;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Aggressive use of the DNSSEC-validated cache (RFC 8198): the NSEC and NSEC3 RRsets and SOAs of secure answers are
/// kept per signed zone, and a question they already answer (a name that does not exist, a type a name does not have)
/// is answered from them without asking anyone, so that a flood of random names under a signed zone costs no queries.
/// Each proof is made by the validator's own NSEC and NSEC3 provers, with their rules on delegations, DNAMEs,
/// wildcards and iterations; only a proof that is Secure synthesises an answer (never an opt-out span, §6).
/// Safe for concurrent use. <c>configuredZones</c> are the forward and stub zones, answered by their own servers: a
/// denial from a zone above one of them does not speak for its names (a private zone the public DNS denies).
/// </summary>
internal sealed class DenialCache(ValidatorOptions validation, ITrustAnchorProvider anchors, IReadOnlySet<DnsName> configuredZones, int capacity, TimeSpan maximumTtl)
{
    private readonly ConcurrentDictionary<DnsName, DenialCacheZone> _zones = new();
    private readonly Lock _evictionGate = new();
    private int _count;
    private long _stored;

    /// <summary>The NSEC and NSEC3 RRsets kept, in every zone.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>
    /// Keeps the Secure NSEC, NSEC3 and apex SOA RRsets of a Secure answer's authority section and the wildcards its
    /// answer was expanded from, each for its capped TTL (at most <c>maximumTtl</c>), under the zone that signed it;
    /// then evicts when more than the capacity are kept.
    /// </summary>
    public void Store(AnswerValidation answer, DateTimeOffset now)
    {
        if (answer.Status != SecurityStatus.Secure)
        {
            return;
        }

        foreach (RRsetValidation rrset in answer.Authority)
        {
            if (rrset.Status != SecurityStatus.Secure || rrset.Signer is not { } signer || rrset.RRset.Class != RecordClass.IN
                || rrset.RRset.Type is not (RecordType.NSEC or RecordType.NSEC3 or RecordType.SOA)
                || (rrset.RRset.Type == RecordType.SOA && !rrset.RRset.Owner.Equals(signer)))
            {
                continue;
            }

            uint ttl = (uint)Math.Min(rrset.Ttl, maximumTtl.TotalSeconds);
            if (ttl > 0)
            {
                Add(signer, new DenialCacheEntry(AnswerSections.Capped(rrset.RRset, ttl), now + TimeSpan.FromSeconds(ttl), Interlocked.Increment(ref _stored)), answer.Chain);
            }
        }

        foreach (RRsetValidation rrset in answer.RRsets)
        {
            // RFC 8198 §5.3: a Secure expansion shows the wildcard's own RRset, which with the zone's denial records
            // answers every other name the wildcard covers.
            if (rrset.Status != SecurityStatus.Secure || !rrset.IsWildcardExpansion || rrset.Signer is not { } signer
                || rrset.RRset.Class != RecordClass.IN || !rrset.Wildcard!.IsSubdomainOf(signer)
                || rrset.RRset.Type is RecordType.SOA or RecordType.NSEC or RecordType.NSEC3 or RecordType.DS)
            {
                continue;
            }

            uint ttl = (uint)Math.Min(rrset.Ttl, maximumTtl.TotalSeconds);
            if (ttl > 0)
            {
                DnsRRset source = Renamed(AnswerSections.Capped(rrset.RRset, ttl), rrset.Wildcard);
                Add(signer, new DenialCacheEntry(source, now + TimeSpan.FromSeconds(ttl), Interlocked.Increment(ref _stored)), answer.Chain);
            }
        }

        if (Count > capacity)
        {
            Evict(now);
        }
    }

    /// <summary>
    /// The answer the kept records prove for <paramref name="question"/> at <paramref name="now"/>: a wildcard's RRset
    /// expanded to the name (RFC 8198 §5.3), with the records that show no closer match; NXDOMAIN, or NODATA (wildcard
    /// and empty non-terminal NODATA included), with the SOA and the proving records in the authority section and the
    /// least of their TTLs left and the SOA's MINIMUM (§5.4). Secure; null when the records prove nothing.
    /// </summary>
    public DnssecAnswer? TrySynthesize(DnsQuestion question, DateTimeOffset now)
    {
        if (_zones.IsEmpty || !Synthesisable(question) || Closest(question.Name) is not { } zone)
        {
            return null;
        }

        // Below a negative trust anchor, an anchor inside the zone or a configured zone inside it, the zone's records are
        // not what resolution and validation would use.
        if (InsideConfiguredZone(question.Name, zone.Apex) || anchors.FindNegativeAnchor(question.Name, now) is not null
            || anchors.FindClosest(question.Name, now) is not { } anchor || anchor.Zone.IsStrictSubdomainOf(zone.Apex))
        {
            return null;
        }

        List<DenialCacheEntry> records;
        DenialCacheEntry? soa;
        IReadOnlyList<ZoneKeys> chain;
        bool nsec3;
        List<(int Labels, DenialCacheEntry Entry)> wildcards;
        lock (zone.Gate)
        {
            soa = zone.Soa is { } kept && !kept.IsExpired(now) ? kept : null;
            wildcards = zone.HasWildcards ? Wildcards(zone, question, now) : [];
            if (soa is null && wildcards.Count == 0)
            {
                return null;
            }

            chain = zone.Chain;
            nsec3 = zone.UsesNsec3;
            records = nsec3 ? zone.SelectNsec3(question.Name, now, validation.Policy) : zone.SelectNsec(question.Name, now);
        }

        if (records.Count == 0)
        {
            return null;
        }

        List<DnsRRset> rrsets = records.ConvertAll(entry => entry.RRset);
        IDenialProver prover = nsec3 ? new Nsec3Prover(rrsets, validation.Policy, new ValidationBudget(validation.Limits)) : new NsecProver(rrsets);

        // A wildcard that has the type asked rules out both denials, so it is tried first.
        foreach ((int labels, DenialCacheEntry wildcard) in wildcards)
        {
            DenialResult expansion = prover.ProveWildcardAnswer(question.Name, labels, zone.Apex);
            if (expansion.IsProven)
            {
                return Expanded(question, zone.Apex, wildcard, records, expansion, chain, now);
            }
        }

        if (soa is null)
        {
            return null;
        }

        DnsResponseCode code = DnsResponseCode.NXDomain;
        DenialResult proof = prover.ProveNameError(question.Name, zone.Apex);
        if (!proof.IsProven)
        {
            proof = prover.ProveNoData(question.Name, question.Type, zone.Apex);
            if (!proof.IsProven)
            {
                return null;
            }

            code = proof.NameDoesNotExist ? DnsResponseCode.NXDomain : DnsResponseCode.NoError;
        }

        // RFC 8198 §5.4 (with RFC 9077): no longer than the SOA's TTL and MINIMUM and any proving record's TTL left.
        uint ttl = Math.Min(Remaining(records, now), Math.Min(soa.Remaining(now), SoaData.From(soa.RRset.Records[0]).Minimum));
        if (ttl == 0)
        {
            return null;
        }

        List<DnsRRset> authority = [AnswerSections.Capped(soa.RRset, ttl), .. rrsets.Select(rrset => AnswerSections.Capped(rrset, ttl))];
        var result = ValidationResult.Secure(DeferredReason.Of((zone.Apex, proof), static state =>
            $"synthesised from the validated denial records of {state.Apex} kept in the cache (RFC 8198): {state.proof.Reason}"));
        return new DnssecAnswer(question, result, code, new AnswerSections([], authority, []), chain, ResolutionPath.Synthesized, TimeSpan.FromSeconds(ttl));
    }

    /// <summary>
    /// The kept wildcard RRsets of the type asked that could have produced the name, closest first, each with the labels
    /// of its closest encloser (the RRSIG labels field of an expansion); the proof decides which one, if any, applies.
    /// </summary>
    private static List<(int Labels, DenialCacheEntry Entry)> Wildcards(DenialCacheZone zone, DnsQuestion question, DateTimeOffset now)
    {
        List<(int Labels, DenialCacheEntry Entry)> found = [];
        for (int labels = question.Name.LabelCount - 1; labels >= zone.Apex.LabelCount; labels--)
        {
            if (zone.Wildcard(question.Name.GetAncestor(labels).ToWildcard(), question.Type, now) is { } entry)
            {
                found.Add((labels, entry));
            }
        }

        return found;
    }

    /// <summary>
    /// The wildcard's RRset with its RRSIGs renamed to the name asked, as an authority expands it (RFC 4035 §5.3.4), and
    /// the records that show no closer match beside it, for the least of their TTLs left.
    /// </summary>
    private static DnssecAnswer? Expanded(DnsQuestion question, DnsName apex, DenialCacheEntry wildcard, List<DenialCacheEntry> records, DenialResult proof, IReadOnlyList<ZoneKeys> chain, DateTimeOffset now)
    {
        uint ttl = Math.Min(wildcard.Remaining(now), Remaining(records, now));
        if (ttl == 0)
        {
            return null;
        }

        DnsRRset answer = Renamed(AnswerSections.Capped(wildcard.RRset, ttl), question.Name);
        List<DnsRRset> authority = records.ConvertAll(record => AnswerSections.Capped(record.RRset, ttl));
        var result = ValidationResult.Secure(DeferredReason.Of((wildcard.RRset, apex, proof), static state =>
            $"synthesised from the validated wildcard {state.RRset.Owner} {Mnemonics.FormatRecordType(state.RRset.Type)} and denial records of {state.apex} kept in the cache (RFC 8198): {state.proof.Reason}"));
        return new DnssecAnswer(question, result, DnsResponseCode.NoError, new AnswerSections([answer], authority, []), chain, ResolutionPath.Synthesized, TimeSpan.FromSeconds(ttl));
    }

    /// <summary>The least of the whole seconds left to <paramref name="records"/> at <paramref name="now"/>.</summary>
    private static uint Remaining(List<DenialCacheEntry> records, DateTimeOffset now)
    {
        uint ttl = uint.MaxValue;
        foreach (DenialCacheEntry record in records)
        {
            ttl = Math.Min(ttl, record.Remaining(now));
        }

        return ttl;
    }

    /// <summary>The RRset with its records and RRSIGs owned by <paramref name="owner"/>.</summary>
    private static DnsRRset Renamed(DnsRRset rrset, DnsName owner) =>
        new([.. rrset.Records.Select(r => r.WithOwner(owner))], [.. rrset.Signatures.Select(r => r.WithOwner(owner))]);

    /// <summary>Forgets everything, as when the trusted keys change and nothing proven with the old ones may be used.</summary>
    public void Clear()
    {
        foreach (DenialCacheZone zone in _zones.Values)
        {
            Retire(zone);
        }
    }

    /// <summary>
    /// Whether a question may be answered from denial records: not DS, whose records are the parent's side of a cut and
    /// asked by the validator itself, nor the DNSSEC types, ANY or the other meta-types, which a denial does not settle.
    /// </summary>
    private static bool Synthesisable(DnsQuestion question) =>
        question.Class == RecordClass.IN
        && question.Type is not (RecordType.DS or RecordType.RRSIG or RecordType.NSEC or RecordType.NSEC3 or RecordType.ANY)
        && (ushort)question.Type is not (0 or (>= 128 and <= 255));

    /// <summary>Whether <paramref name="name"/> lies in a configured zone below <paramref name="apex"/>.</summary>
    private bool InsideConfiguredZone(DnsName name, DnsName apex)
    {
        for (int labels = name.LabelCount; labels > apex.LabelCount && configuredZones.Count > 0; labels--)
        {
            if (configuredZones.Contains(name.GetAncestor(labels)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The kept zone closest above or at <paramref name="name"/>.</summary>
    private DenialCacheZone? Closest(DnsName name)
    {
        for (int labels = name.LabelCount; labels >= 0; labels--)
        {
            if (_zones.TryGetValue(name.GetAncestor(labels), out DenialCacheZone? zone))
            {
                return zone;
            }
        }

        return null;
    }

    private void Add(DnsName apex, DenialCacheEntry entry, IReadOnlyList<ZoneKeys> chain)
    {
        while (true)
        {
            DenialCacheZone zone = _zones.GetOrAdd(apex, static name => new DenialCacheZone(name));
            lock (zone.Gate)
            {
                if (zone.Retired)
                {
                    continue;
                }

                zone.Chain = chain;
                if (entry.RRset.Type == RecordType.SOA)
                {
                    zone.SetSoa(entry);
                }
                else if (entry.RRset.Type switch
                {
                    RecordType.NSEC => zone.AddNsec(entry),
                    RecordType.NSEC3 => zone.AddNsec3(entry),
                    _ => zone.AddWildcard(entry),
                })
                {
                    Interlocked.Increment(ref _count);
                }

                return;
            }
        }
    }

    /// <summary>
    /// Drops what has expired; when still above the capacity, the soonest to expire until an eighth below it. The rest
    /// stays: a flood of new names must not empty the cache that answers it.
    /// </summary>
    private void Evict(DateTimeOffset now)
    {
        lock (_evictionGate)
        {
            RemoveExpiredAt(now);
            int excess = Count - (capacity - (capacity / 8));
            if (excess <= 0 || Count <= capacity)
            {
                return;
            }

            var orders = new List<(DateTimeOffset Expires, long Stored)>(Count);
            foreach (DenialCacheZone zone in _zones.Values)
            {
                lock (zone.Gate)
                {
                    orders.AddRange(zone.EvictionOrders());
                }
            }

            orders.Sort();
            (DateTimeOffset Expires, long Stored) last = orders[Math.Min(excess, orders.Count) - 1];
            foreach (DenialCacheZone zone in _zones.Values)
            {
                lock (zone.Gate)
                {
                    Interlocked.Add(ref _count, -zone.RemoveUpTo(last));
                }
            }
        }
    }

    /// <summary>Drops from every zone what has expired at <paramref name="moment"/>, and the zones left empty.</summary>
    private void RemoveExpiredAt(DateTimeOffset moment)
    {
        foreach (DenialCacheZone zone in _zones.Values)
        {
            bool empty;
            lock (zone.Gate)
            {
                Interlocked.Add(ref _count, -zone.RemoveExpiredAt(moment));
                empty = zone.Count == 0 && zone.Soa is null;
            }

            if (empty)
            {
                Retire(zone);
            }
        }
    }

    /// <summary>Takes a zone out for good; a writer that still holds it sees <see cref="DenialCacheZone.Retired"/> and adds a new one.</summary>
    private void Retire(DenialCacheZone zone)
    {
        lock (zone.Gate)
        {
            if (zone.Retired)
            {
                return;
            }

            zone.Retired = true;
            Interlocked.Add(ref _count, -zone.Count);
            _zones.TryRemove(new KeyValuePair<DnsName, DenialCacheZone>(zone.Apex, zone));
        }
    }
}
