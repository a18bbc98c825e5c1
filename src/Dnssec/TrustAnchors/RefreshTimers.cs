namespace Dnssec.TrustAnchors;

/// <summary>The RFC 5011 §2.3 timers: how long to wait before the next query of a trust point's DNSKEY RRset.</summary>
public static class RefreshTimers
{
    /// <summary>The shortest wait between two queries, after success or failure.</summary>
    public static readonly TimeSpan Floor = TimeSpan.FromHours(1);

    /// <summary>The longest wait after a successful query.</summary>
    public static readonly TimeSpan ActiveRefreshCeiling = TimeSpan.FromDays(15);

    /// <summary>The longest wait after a failed query.</summary>
    public static readonly TimeSpan RetryCeiling = TimeSpan.FromDays(1);

    /// <summary>The active refresh timer: max(1 h, min(15 days, original TTL / 2, signature expiration interval / 2)) (RFC 5011 §2.3).</summary>
    /// <param name="originalTtl">The original TTL of the DNSKEY RRset, from its RRSIG.</param>
    /// <param name="expirationInterval">From now until the RRSIG expires; null when unknown.</param>
    public static TimeSpan ActiveRefresh(TimeSpan originalTtl, TimeSpan? expirationInterval) =>
        Bound(ActiveRefreshCeiling, originalTtl / 2, expirationInterval / 2);

    /// <summary>The retry timer: max(1 h, min(1 day, original TTL / 10, signature expiration interval / 10)) (RFC 5011 §2.3).</summary>
    /// <param name="originalTtl">The original TTL of the DNSKEY RRset; null when unknown.</param>
    /// <param name="expirationInterval">From now until the RRSIG expires; null when unknown.</param>
    public static TimeSpan Retry(TimeSpan? originalTtl, TimeSpan? expirationInterval) =>
        Bound(RetryCeiling, originalTtl / 10, expirationInterval / 10);

    private static TimeSpan Bound(TimeSpan ceiling, TimeSpan? first, TimeSpan? second)
    {
        TimeSpan wait = ceiling;
        if (first is { } a && a < wait)
        {
            wait = a;
        }

        if (second is { } b && b < wait)
        {
            wait = b;
        }

        return wait < Floor ? Floor : wait;
    }
}
