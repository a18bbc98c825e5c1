using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>The denial proofs of a zone with an NSEC chain, over <see cref="NsecProofs"/>.</summary>
internal sealed class NsecProver(IReadOnlyList<DnsRRset> nsecs) : IDenialProver
{
    /// <inheritdoc/>
    public DenialResult ProveNameError(DnsName name, DnsName zone) => NsecProofs.ProveNameError(name, zone, nsecs);

    /// <inheritdoc/>
    public DenialResult ProveNoData(DnsName name, RecordType type, DnsName zone) => NsecProofs.ProveNoData(name, type, zone, nsecs);

    /// <inheritdoc/>
    public DenialResult ProveWildcardAnswer(DnsName name, int signatureLabels, DnsName zone) => NsecProofs.ProveWildcardAnswer(name, signatureLabels, zone, nsecs);

    /// <inheritdoc/>
    public DsAbsenceResult ProveDsAbsence(DnsName name, DnsName zone) => NsecProofs.ProveDsAbsence(name, zone, nsecs);
}
