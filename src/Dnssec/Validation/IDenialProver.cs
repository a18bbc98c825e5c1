using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The denial proofs of one zone's authenticated NSEC or NSEC3 records, so that the validator chooses the kind of chain
/// once, where it gathers the records, and asks every proof of it alike (Unbound's val_nsec and val_nsec3).
/// </summary>
internal interface IDenialProver
{
    /// <summary>The proof that <paramref name="name"/> does not exist (RFC 4035 §5.4, RFC 5155 §8.4).</summary>
    DenialResult ProveNameError(DnsName name, DnsName zone);

    /// <summary>The proof that <paramref name="name"/> has no <paramref name="type"/> (RFC 4035 §5.4, RFC 5155 §8.5–8.7).</summary>
    DenialResult ProveNoData(DnsName name, RecordType type, DnsName zone);

    /// <summary>The proof that no closer name than the wildcard's exists (RFC 4035 §5.3.4, RFC 5155 §8.8).</summary>
    DenialResult ProveWildcardAnswer(DnsName name, int signatureLabels, DnsName zone);

    /// <summary>What the records say of a name without a DS RRset (RFC 4035 §5.2, RFC 5155 §8.6).</summary>
    DsAbsenceResult ProveDsAbsence(DnsName name, DnsName zone);

    /// <summary>
    /// The prover for a zone's records: NSEC when there are NSEC records, or when there are neither and
    /// <paramref name="nsecWhenNeither"/> says the zone's chain is NSEC; NSEC3 otherwise.
    /// </summary>
    static IDenialProver For(List<DnsRRset> nsecs, List<DnsRRset> nsec3s, bool nsecWhenNeither, AlgorithmPolicy policy, ValidationBudget budget) =>
        nsecs.Count > 0 || (nsec3s.Count == 0 && nsecWhenNeither) ? new NsecProver(nsecs) : new Nsec3Prover(nsec3s, policy, budget);
}
