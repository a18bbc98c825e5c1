using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The outcome of one proof of non-existence by <see cref="NsecProofs"/> or <see cref="Nsec3Proofs"/>: a status, a
/// sentence naming the names and records that decided it, and the closest encloser and wildcard where the proof has them.
/// </summary>
public sealed class DenialResult
{
    private readonly DeferredReason? _deferred;

    internal DenialResult(DenialStatus status, string reason, DnsName? closestEncloser = null, DnsName? wildcard = null)
    {
        Status = status;
        Reason = reason;
        ClosestEncloser = closestEncloser;
        Wildcard = wildcard;
    }

    /// <summary>A result whose reason is written only if it is read: a proof that holds is rarely asked why.</summary>
    internal DenialResult(DenialStatus status, DeferredReason reason, DnsName? closestEncloser = null, DnsName? wildcard = null)
        : this(status, (string)null!, closestEncloser, wildcard)
    {
        _deferred = reason;
    }

    /// <summary>How far the proof went.</summary>
    public DenialStatus Status { get; }

    /// <summary>One sentence naming the query name, the records used or missing and why the proof holds or fails.</summary>
    public string Reason
    {
        // Two threads reading at once may both write the sentence; they write the same one.
        get => field ??= _deferred!.Write();
    }

    /// <summary>
    /// The closest encloser the proof established (RFC 5155 §1.3): the longest existing ancestor of the query name, or
    /// the wildcard's parent for a wildcard answer; null when the proof did not get that far or needs none.
    /// </summary>
    public DnsName? ClosestEncloser { get; }

    /// <summary>
    /// The wildcard the proof is about: the one proven absent for a name error, or the one that matched for a wildcard
    /// answer or wildcard NODATA; null otherwise.
    /// </summary>
    public DnsName? Wildcard { get; }

    /// <summary>Whether the proof shows the name is an empty non-terminal: it exists, with no records of its own (RFC 4035 §3.1.3.2, RFC 5155 §8.5).</summary>
    public bool EmptyNonTerminal { get; init; }

    /// <summary>
    /// Whether a NODATA proof also shows that the name does not exist: the matching record lists the NXNAME meta-type of
    /// compact denial (RFC 9824 §3), so a validated answer may be reported as NXDOMAIN.
    /// </summary>
    public bool NameDoesNotExist { get; init; }

    /// <summary>Whether the claim is proven Secure.</summary>
    public bool IsProven => Status == DenialStatus.Proven;

    /// <summary>
    /// The security status the denial gives the answer (RFC 4035 §4.3): Secure when proven, Insecure for an opt-out
    /// span or too many iterations, Bogus otherwise.
    /// </summary>
    public SecurityStatus SecurityStatus => Status switch
    {
        DenialStatus.Proven => SecurityStatus.Secure,
        DenialStatus.OptOut or DenialStatus.IterationsTooHigh => SecurityStatus.Insecure,
        _ => SecurityStatus.Bogus,
    };

    /// <summary>The Extended DNS Error (RFC 8914) that goes with the status, or null when none is due.</summary>
    public ExtendedDnsErrorCode? ExtendedError => Status switch
    {
        DenialStatus.NotProven => ExtendedDnsErrorCode.NsecMissing,
        DenialStatus.IterationsTooHigh => ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue,
        DenialStatus.BudgetExceeded => ExtendedDnsErrorCode.DnssecBogus,
        _ => null,
    };

    /// <summary>The status and the reason.</summary>
    public override string ToString() => $"{Status}: {Reason}";
}
