namespace Dnssec.Zones;

/// <summary>How a signed zone proves that names and types do not exist.</summary>
public enum DenialOfExistence
{
    /// <summary>An NSEC chain (RFC 4034 §4).</summary>
    Nsec,
    /// <summary>An NSEC3 chain of hashed names (RFC 5155).</summary>
    Nsec3,
    /// <summary>No chain, for zones that tests want without denial records.</summary>
    None,
}
