using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>Supplies the trust anchors the validator starts from; the TrustAnchors layer implements it.</summary>
public interface ITrustAnchorProvider
{
    /// <summary>The anchor of <paramref name="name"/> or of its closest ancestor that has one, valid at <paramref name="now"/>; null when none applies.</summary>
    TrustAnchor? FindClosest(DnsName name, DateTimeOffset now);

    /// <summary>The negative trust anchor (RFC 7646) covering <paramref name="name"/> at <paramref name="now"/>, or null; below it validation is not attempted.</summary>
    DnsName? FindNegativeAnchor(DnsName name, DateTimeOffset now);
}
