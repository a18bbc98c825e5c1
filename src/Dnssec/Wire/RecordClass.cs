namespace Dnssec.Wire;

/// <summary>DNS CLASS codes; any 16-bit value is valid so that unknown classes survive.</summary>
public enum RecordClass : ushort
{
    /// <summary>The Internet (RFC 1035).</summary>
    IN = 1,
    /// <summary>Chaos (RFC 1035).</summary>
    CH = 3,
    /// <summary>Hesiod (RFC 1035).</summary>
    HS = 4,
    /// <summary>The NONE class of dynamic update (RFC 2136).</summary>
    NONE = 254,
    /// <summary>Any class, in queries only (RFC 1035).</summary>
    ANY = 255,
}
