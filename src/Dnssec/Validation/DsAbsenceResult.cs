using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The outcome of proving that a name has no DS RRset in its parent zone: what kind of absence was proven, a sentence
/// naming the names and records that decided it, and the closest encloser where the proof has one.
/// </summary>
public sealed class DsAbsenceResult
{
    internal DsAbsenceResult(DsAbsenceKind kind, string reason, DnsName? closestEncloser = null)
    {
        Kind = kind;
        Reason = reason;
        ClosestEncloser = closestEncloser;
    }

    /// <summary>What the records prove.</summary>
    public DsAbsenceKind Kind { get; }

    /// <summary>One sentence naming the DS name, the records used or missing and why the proof holds or fails.</summary>
    public string Reason { get; }

    /// <summary>The closest (provable) encloser, for <see cref="DsAbsenceKind.OptOut"/> and <see cref="DsAbsenceKind.NameDoesNotExist"/>; null otherwise.</summary>
    public DnsName? ClosestEncloser { get; }

    /// <summary>
    /// The status that the DS name and the names below it carry on with: Insecure below a proven unsigned delegation,
    /// an opt-out span or too many iterations; Secure when the name is no zone cut or does not exist; Bogus otherwise.
    /// </summary>
    public SecurityStatus SecurityStatus => Kind switch
    {
        DsAbsenceKind.InsecureDelegation or DsAbsenceKind.OptOut or DsAbsenceKind.IterationsTooHigh => SecurityStatus.Insecure,
        DsAbsenceKind.NoZoneCut or DsAbsenceKind.NameDoesNotExist => SecurityStatus.Secure,
        _ => SecurityStatus.Bogus,
    };

    /// <summary>The Extended DNS Error (RFC 8914) that goes with the kind, or null when none is due.</summary>
    public ExtendedDnsErrorCode? ExtendedError => Kind switch
    {
        DsAbsenceKind.NotProven => ExtendedDnsErrorCode.NsecMissing,
        DsAbsenceKind.IterationsTooHigh => ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue,
        DsAbsenceKind.BudgetExceeded => ExtendedDnsErrorCode.DnssecBogus,
        _ => null,
    };

    /// <summary>The kind and the reason.</summary>
    public override string ToString() => $"{Kind}: {Reason}";
}
