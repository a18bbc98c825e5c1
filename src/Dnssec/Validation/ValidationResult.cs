using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>A security status with its RFC 8914 error code and a sentence naming the zone, record and reason.</summary>
/// <param name="Status">The security status.</param>
/// <param name="Error">The Extended DNS Error code; null for Secure and for a plain Insecure.</param>
/// <param name="Reason">What was proven or what failed, e.g. "RRSIG for www.example. A expired 2026-11-01T00:00:00Z".</param>
public sealed record ValidationResult(SecurityStatus Status, ExtendedDnsErrorCode? Error, string Reason)
{
    // For a verdict whose sentence is written only when read; `with { Reason = … }` replaces it.
    private readonly DeferredReason? _deferred;

    private ValidationResult(SecurityStatus status, ExtendedDnsErrorCode? error, DeferredReason deferred)
        : this(status, error, (string)null!)
    {
        _deferred = deferred;
    }

    /// <summary>What was proven or what failed, e.g. "RRSIG for www.example. A expired 2026-11-01T00:00:00Z".</summary>
    public string Reason
    {
        // Two threads reading at once may both write the sentence; they write the same one.
        get => field ??= _deferred!.Write();
        init;
    } = Reason;

    /// <summary>A Secure result.</summary>
    public static ValidationResult Secure(string reason) => new(SecurityStatus.Secure, null, reason);

    /// <summary>A Secure result whose reason is written only if it is read.</summary>
    internal static ValidationResult Secure(DeferredReason reason) => new(SecurityStatus.Secure, null, reason);

    /// <summary>An Insecure result, optionally with the code that explains it (such as 27 for NSEC3 iterations).</summary>
    public static ValidationResult Insecure(string reason, ExtendedDnsErrorCode? error = null) => new(SecurityStatus.Insecure, error, reason);

    /// <summary>A Bogus result.</summary>
    public static ValidationResult Bogus(ExtendedDnsErrorCode error, string reason) => new(SecurityStatus.Bogus, error, reason);

    /// <summary>
    /// Whether the result is Indeterminate only because there was nothing for validation to decide (RFC 4035 §4.3): no
    /// trust anchor covers the name, the question asks for RRSIG records (which carry no signatures of their own), or
    /// the rcode is a YXDOMAIN for a proven DNAME whose substitution overflows (RFC 6672 §2.2).
    /// Nothing failed, so a server hands such data out without AD, as it would Insecure data, rather than failing it.
    /// </summary>
    public bool Unvalidatable { get; init; }

    /// <summary>The Indeterminate result for data there is nothing to validate with; it carries no Extended DNS Error, as nothing failed.</summary>
    public static ValidationResult NotValidatable(string reason) => new(SecurityStatus.Indeterminate, null, reason) { Unvalidatable = true };

    /// <summary>An Indeterminate result.</summary>
    public static ValidationResult Indeterminate(ExtendedDnsErrorCode error, string reason) => new(SecurityStatus.Indeterminate, error, reason);

    /// <summary>Whether both have the same status, error, reason and <see cref="Unvalidatable"/>, whether or not the reasons have been written yet.</summary>
    public bool Equals(ValidationResult? other) =>
        other is not null && Status == other.Status && Error == other.Error && Unvalidatable == other.Unvalidatable && Reason == other.Reason;

    /// <summary>A hash of the status, error, reason and <see cref="Unvalidatable"/>.</summary>
    public override int GetHashCode() => HashCode.Combine(Status, Error, Reason, Unvalidatable);
}
