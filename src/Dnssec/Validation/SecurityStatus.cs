namespace Dnssec.Validation;

/// <summary>The four security states of RFC 4035 §4.3; the default value is Indeterminate, so an unset status is never trusted.</summary>
public enum SecurityStatus
{
    /// <summary>No trust anchor covers the data, or the data needed to decide could not be obtained.</summary>
    Indeterminate = 0,
    /// <summary>An unbroken chain of signatures from a trust anchor proves the data.</summary>
    Secure,
    /// <summary>The data lies below a proven unsigned delegation (or a negative trust anchor), so it cannot be proven or disproven.</summary>
    Insecure,
    /// <summary>The data should be signed and its signatures or proofs fail.</summary>
    Bogus,
}
