using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>How an NSEC3 closest encloser proof ended (RFC 5155 §8.3).</summary>
internal enum EncloserOutcome
{
    Proven,
    NameExists,
    NoEncloser,
    Delegation,
    Dname,
    NextCloserNotCovered,
    BudgetExceeded,
}

/// <summary>
/// The result of an NSEC3 closest encloser proof: the encloser and the record that matches it, and the next closer
/// name and the record that covers it, as far as the proof got.
/// </summary>
internal readonly record struct ClosestEncloserProof(
    EncloserOutcome Outcome, DnsName? Encloser, Nsec3Record? EncloserRecord, DnsName? NextCloser, Nsec3Record? NextCloserCover, string Reason)
{
    public static ClosestEncloserProof Fail(EncloserOutcome outcome, string reason) => new(outcome, null, null, null, null, reason);
}
