namespace Dnssec.TrustAnchors;

/// <summary>The state of one key of a trust point under RFC 5011 §4.</summary>
public enum TrackedKeyState
{
    /// <summary>Known but not pending: a new key that vanished during its add hold-down (RFC 5011 §4, AddPend → Start).</summary>
    Start,

    /// <summary>Seen in a validated DNSKEY RRset and waiting out the add hold-down; not trusted yet.</summary>
    AddPend,

    /// <summary>A trust anchor.</summary>
    Valid,

    /// <summary>A trust anchor that was absent from the last validated DNSKEY RRset; still trusted (RFC 5011 §4).</summary>
    Missing,

    /// <summary>Revoked by its own signature; never trusted again, kept until the remove hold-down ends.</summary>
    Revoked,

    /// <summary>Revoked and past the remove hold-down; kept only so that it is never added again.</summary>
    Removed,
}
