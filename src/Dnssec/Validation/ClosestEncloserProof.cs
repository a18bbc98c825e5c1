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
/// name and the record that covers it, as far as the proof got; <paramref name="Detail"/> says why it ended short, and is
/// null for a proof that holds, whose sentence is written from the records only when <see cref="Reason"/> is read.
/// </summary>
internal readonly record struct ClosestEncloserProof(
    EncloserOutcome Outcome, DnsName? Encloser, Nsec3Record? EncloserRecord, DnsName? NextCloser, Nsec3Record? NextCloserCover, string? Detail)
{
    /// <summary>What the proof showed, or why it ended short.</summary>
    public string Reason => Detail ?? $"{EncloserRecord} matches the closest encloser {Encloser} and {NextCloserCover} covers the next closer name {NextCloser}";

    public static ClosestEncloserProof Fail(EncloserOutcome outcome, string reason) => new(outcome, null, null, null, null, reason);
}
