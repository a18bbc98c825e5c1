using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>A security status with its RFC 8914 error code and a sentence naming the zone, record and reason.</summary>
/// <param name="Status">The security status.</param>
/// <param name="Error">The Extended DNS Error code; null for Secure and for a plain Insecure.</param>
/// <param name="Reason">What was proven or what failed, e.g. "RRSIG for www.example. A expired 2026-11-01T00:00:00Z".</param>
public sealed record ValidationResult(SecurityStatus Status, ExtendedDnsErrorCode? Error, string Reason)
{
    /// <summary>A Secure result.</summary>
    public static ValidationResult Secure(string reason) => new(SecurityStatus.Secure, null, reason);

    /// <summary>An Insecure result, optionally with the code that explains it (such as 27 for NSEC3 iterations).</summary>
    public static ValidationResult Insecure(string reason, ExtendedDnsErrorCode? error = null) => new(SecurityStatus.Insecure, error, reason);

    /// <summary>A Bogus result.</summary>
    public static ValidationResult Bogus(ExtendedDnsErrorCode error, string reason) => new(SecurityStatus.Bogus, error, reason);

    /// <summary>An Indeterminate result.</summary>
    public static ValidationResult Indeterminate(ExtendedDnsErrorCode error, string reason) => new(SecurityStatus.Indeterminate, error, reason);
}
