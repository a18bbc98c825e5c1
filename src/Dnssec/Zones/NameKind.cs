namespace Dnssec.Zones;

/// <summary>What a name is within a zone (RFC 4035 §2.2, §2.3).</summary>
public enum NameKind
{
    /// <summary>Authoritative data, the apex included.</summary>
    Authoritative,
    /// <summary>A delegation point: NS records for a child zone.</summary>
    Delegation,
    /// <summary>Below a delegation point: glue or occluded data.</summary>
    Occluded,
}
