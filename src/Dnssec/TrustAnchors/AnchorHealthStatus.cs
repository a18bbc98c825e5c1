namespace Dnssec.TrustAnchors;

/// <summary>How fit the tracked trust anchors are to validate with, worst first when several trust points differ.</summary>
public enum AnchorHealthStatus
{
    /// <summary>Every trust point has a trusted key present in its DNSKEY RRset and a recent refresh; a pending key is reported but is no fault.</summary>
    Healthy,

    /// <summary>Validation works, but something needs attention: every trusted key is missing, or refresh has failed for longer than the add hold-down.</summary>
    Degraded,

    /// <summary>A trust point has no trusted key: nothing below it can be validated until an operator supplies an anchor.</summary>
    Unusable,
}
