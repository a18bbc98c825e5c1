namespace Dnssec.TrustAnchors;

/// <summary>How one RFC 5011 step went for a trust point.</summary>
public enum TrustPointOutcome
{
    /// <summary>A trusted key validated the DNSKEY RRset and the key states were updated.</summary>
    Validated,

    /// <summary>An answer came but no trusted key validated the DNSKEY RRset; only self-signed revocations were applied.</summary>
    NotValidated,

    /// <summary>No key is trusted: every key is revoked, removed or was never accepted. Validation below the zone cannot start.</summary>
    NoUsableAnchor,

    /// <summary>The query brought no DNSKEY RRset (no server answered, or not with the keys): nothing was learnt, only a retry is due.</summary>
    NoAnswer,
}
