namespace Dnssec.Crypto;

/// <summary>What a name is within a zone being signed (RFC 4035 §2.2, §2.3).</summary>
internal enum NameKind
{
    /// <summary>Authoritative data, the apex included.</summary>
    Authoritative,
    /// <summary>A delegation point: NS records for a child zone.</summary>
    Delegation,
    /// <summary>Below a delegation point: glue or occluded data.</summary>
    Occluded,
}
