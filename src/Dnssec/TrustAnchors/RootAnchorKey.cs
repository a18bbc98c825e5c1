using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>One key of a root-anchors.xml file (RFC 9718): its DS, its DNSKEY when published, and when it is valid.</summary>
/// <param name="Ds">The DS record the KeyDigest element describes.</param>
/// <param name="Dnskey">The DNSKEY record built from PublicKey and Flags, or null when the file has no key.</param>
/// <param name="ValidFrom">The start of validity.</param>
/// <param name="ValidUntil">The end of validity, or null when open-ended.</param>
public sealed record RootAnchorKey(DnsRecord Ds, DnsRecord? Dnskey, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil)
{
    /// <summary>Whether the key is valid at <paramref name="time"/> (RFC 9718 §2.3: validFrom inclusive, validUntil exclusive).</summary>
    public bool IsValidAt(DateTimeOffset time) => time >= ValidFrom && (ValidUntil is null || time < ValidUntil);
}
