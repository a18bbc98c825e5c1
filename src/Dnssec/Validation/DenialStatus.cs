namespace Dnssec.Validation;

/// <summary>
/// How far an NSEC or NSEC3 proof of non-existence went (RFC 4035 §5.4, RFC 5155 §8). The default value is
/// <see cref="NotProven"/>, so an unset status is never trusted.
/// </summary>
public enum DenialStatus
{
    /// <summary>The records do not prove the claim: the answer is Bogus (RFC 4035 §5.4).</summary>
    NotProven = 0,

    /// <summary>The records prove the claim: the denial is Secure.</summary>
    Proven,

    /// <summary>
    /// The proof holds only because the NSEC3 covering the next closer name has the Opt-Out flag, so an unsigned
    /// delegation may exist there: the answer is Insecure and must not get the AD bit (RFC 5155 §9.2).
    /// </summary>
    OptOut,

    /// <summary>
    /// The NSEC3 iteration count is above the policy's limit, so no hash was computed: treat the answer as Insecure
    /// with Extended DNS Error 27 (RFC 9276 §3.2).
    /// </summary>
    IterationsTooHigh,

    /// <summary>The answer's NSEC3 hash budget ran out before the proof was complete: the answer is Bogus (CVE-2023-50868).</summary>
    BudgetExceeded,
}
