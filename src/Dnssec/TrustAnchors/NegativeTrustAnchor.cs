using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>A negative trust anchor (RFC 7646): a domain below which validation is switched off until it expires.</summary>
/// <param name="Domain">The domain; it and every name below it are treated as insecure.</param>
/// <param name="Expires">When the anchor stops applying; RFC 7646 §2 asks that every NTA expire.</param>
public sealed record NegativeTrustAnchor(DnsName Domain, DateTimeOffset Expires);
