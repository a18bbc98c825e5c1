namespace Dnssec.Differential.Comparison;

/// <summary>How our resolver was asked.</summary>
public enum Mode
{
    /// <summary>Stub mode behind the mutating proxy and the non-validating Unbound, no iterative fallback.</summary>
    Stub,

    /// <summary>Iterative mode from the hierarchy's root, authority port 53.</summary>
    Iterative,
}
