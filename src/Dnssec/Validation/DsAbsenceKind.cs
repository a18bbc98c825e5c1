namespace Dnssec.Validation;

/// <summary>
/// What the parent zone's NSEC or NSEC3 records say about a name that has no DS RRset, as the chain of trust needs
/// it (RFC 4035 §5.2, RFC 5155 §8.6). The default value is <see cref="NotProven"/>, so an unset kind is never trusted.
/// </summary>
public enum DsAbsenceKind
{
    /// <summary>Nothing was proven (or a DS RRset exists): Bogus.</summary>
    NotProven = 0,

    /// <summary>The name is a delegation (NS set, SOA clear) without DS: the child zone is Insecure (RFC 4035 §5.2).</summary>
    InsecureDelegation,

    /// <summary>The name exists in the parent zone but is not a zone cut (NS and SOA clear): walk on to the next label.</summary>
    NoZoneCut,

    /// <summary>
    /// No NSEC3 matches the name, but the one covering the next closer name has Opt-Out, so any delegation there is
    /// unsigned: Insecure (RFC 5155 §8.6, §6).
    /// </summary>
    OptOut,

    /// <summary>The name does not exist in the parent zone, and so nothing below it exists either (RFC 8020).</summary>
    NameDoesNotExist,

    /// <summary>The NSEC3 iteration count is above the policy's limit: Insecure with Extended DNS Error 27 (RFC 9276 §3.2).</summary>
    IterationsTooHigh,

    /// <summary>The answer's NSEC3 hash budget ran out before the proof was complete: Bogus.</summary>
    BudgetExceeded,
}
