namespace Dnssec.TrustAnchors;

/// <summary>What happened to a trust point in one step of the RFC 5011 state machine.</summary>
public enum TrustPointEventKind
{
    /// <summary>A new key appeared in a validated DNSKEY RRset and its add hold-down began (Start → AddPend).</summary>
    NewKeyPending,

    /// <summary>A pending key vanished before its add hold-down ended and is no longer pending (AddPend → Start).</summary>
    PendingKeyGone,

    /// <summary>A pending key outlasted its add hold-down and is now a trust anchor (AddPend → Valid).</summary>
    KeyAdded,

    /// <summary>A trust anchor was absent from a validated DNSKEY RRset (Valid → Missing); it stays trusted.</summary>
    KeyMissing,

    /// <summary>A missing trust anchor was seen again (Missing → Valid).</summary>
    KeyReturned,

    /// <summary>A trust anchor revoked itself (Valid or Missing → Revoked) and is no longer trusted.</summary>
    KeyRevoked,

    /// <summary>A revoked key outlasted its remove hold-down (Revoked → Removed).</summary>
    KeyRemoved,

    /// <summary>Every remaining trust anchor is Missing: one more loss leaves the zone without an anchor.</summary>
    AnchorsAtRisk,

    /// <summary>No key is trusted any more: the zone has no usable anchor until an operator supplies one.</summary>
    AnchorsExhausted,
}
