using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>The denial proofs of a zone with an NSEC3 chain, over <see cref="Nsec3Proofs"/>, spending the answer's hash budget.</summary>
internal sealed class Nsec3Prover(IReadOnlyList<DnsRRset> nsec3s, AlgorithmPolicy policy, ValidationBudget budget) : IDenialProver
{
    /// <inheritdoc/>
    public DenialResult ProveNameError(DnsName name, DnsName zone) => Nsec3Proofs.ProveNameError(name, zone, nsec3s, policy, budget);

    /// <inheritdoc/>
    public DenialResult ProveNoData(DnsName name, RecordType type, DnsName zone) => Nsec3Proofs.ProveNoData(name, type, zone, nsec3s, policy, budget);

    /// <inheritdoc/>
    public DenialResult ProveWildcardAnswer(DnsName name, int signatureLabels, DnsName zone) => Nsec3Proofs.ProveWildcardAnswer(name, signatureLabels, zone, nsec3s, policy, budget);

    /// <inheritdoc/>
    public DsAbsenceResult ProveDsAbsence(DnsName name, DnsName zone) => Nsec3Proofs.ProveDsAbsence(name, zone, nsec3s, policy, budget);
}
