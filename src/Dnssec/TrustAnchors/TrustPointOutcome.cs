namespace Dnssec.TrustAnchors;

/// <summary>How one RFC 5011 step went for a trust point.</summary>
public enum TrustPointOutcome
{
    /// <summary>A trusted key validated the DNSKEY RRset and the key states were updated.</summary>
    Validated,

    /// <summary>No trusted key validated the DNSKEY RRset (or the query failed); only self-signed revocations were applied.</summary>
    NotValidated,

    /// <summary>No key is trusted: every key is revoked, removed or was never accepted. Validation below the zone cannot start.</summary>
    NoUsableAnchor,
}
