using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>One key of a trust point with its RFC 5011 state and the times the state machine needs.</summary>
/// <param name="Dnskey">The DNSKEY as last seen (with the REVOKE flag once revoked); its TTL is the original TTL when first seen.</param>
/// <param name="State">The RFC 5011 §4 state.</param>
/// <param name="FirstSeen">When the key was first seen or configured.</param>
/// <param name="LastChange">When the state last changed; for a Revoked key still published, when it was last seen (its remove hold-down counts from then).</param>
/// <param name="HoldDownStart">When the add hold-down (AddPend) or remove hold-down (Revoked) began; null in other states.</param>
public sealed record TrackedKey(DnsRecord Dnskey, TrackedKeyState State, DateTimeOffset FirstSeen, DateTimeOffset LastChange, DateTimeOffset? HoldDownStart)
{
    /// <summary>
    /// How many validated refreshes have seen the key while it is pending; it must be seen at least twice, the last time
    /// after its add hold-down (RFC 5011 §2.4.1), as Unbound's pending count. Zero in other states.
    /// </summary>
    public int Sightings { get; init; }

    /// <summary>The key tag of <see cref="Dnskey"/> as it is now; revoking a key changes its tag (RFC 5011 §7).</summary>
    public ushort KeyTag => Crypto.KeyTag.Compute(Dnskey);

    /// <summary>Whether the key is a trust anchor now: Valid or Missing (RFC 5011 §4).</summary>
    public bool IsTrusted => State is TrackedKeyState.Valid or TrackedKeyState.Missing;

    /// <summary>Whether <paramref name="dnskey"/> is this key, with or without the REVOKE flag.</summary>
    public bool IsSameKey(DnsRecord dnskey)
    {
        ArgumentNullException.ThrowIfNull(dnskey);
        return IsSameKey(Dnskey.Data.Span, dnskey.Data.Span);
    }

    /// <summary>Whether two DNSKEY RDATA are the same key once the REVOKE flag is cleared, as RFC 5011 §7 matches a revoked key.</summary>
    public static bool IsSameKey(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length < 4 || left.Length != right.Length)
        {
            return false;
        }

        const int RevokeBitInSecondOctet = DnskeyData.RevokeFlag;
        return left[0] == right[0] && (left[1] | RevokeBitInSecondOctet) == (right[1] | RevokeBitInSecondOctet) && left[2..].SequenceEqual(right[2..]);
    }

    /// <summary>Whether the DNSKEY RDATA carries the REVOKE flag.</summary>
    internal static bool IsRevoked(DnsRecord dnskey) => DnskeyData.From(dnskey).IsRevoked;

    /// <summary>Whether the DNSKEY RDATA carries the Secure Entry Point flag.</summary>
    internal static bool IsSecureEntryPoint(DnsRecord dnskey) => DnskeyData.From(dnskey).IsSecureEntryPoint;

    /// <summary>The key tag a DNSKEY would have, used in event sentences.</summary>
    internal static ushort TagOf(DnsRecord dnskey) => Crypto.KeyTag.Compute(dnskey);
}
