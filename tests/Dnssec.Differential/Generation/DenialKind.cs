namespace Dnssec.Differential.Generation;

/// <summary>How a signed zone proves that names and types do not exist.</summary>
public enum DenialKind
{
    /// <summary>NSEC (RFC 4034 §4).</summary>
    Nsec,

    /// <summary>NSEC3 (RFC 5155), with the salt, iterations and opt-out of <see cref="DenialSpec"/>.</summary>
    Nsec3,
}
