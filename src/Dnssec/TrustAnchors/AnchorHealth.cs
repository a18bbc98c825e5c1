namespace Dnssec.TrustAnchors;

/// <summary>The health of a set of tracked trust points at one moment: the worst status and one sentence per finding.</summary>
/// <param name="Status">The worst status of any trust point.</param>
/// <param name="Findings">What is wrong or pending, one sentence each naming the zone; empty when healthy.</param>
public sealed record AnchorHealth(AnchorHealthStatus Status, IReadOnlyList<string> Findings)
{
    /// <summary>
    /// Assesses <paramref name="trustPoints"/> at <paramref name="now"/>. A refresh that has not succeeded for longer than
    /// <paramref name="addHoldDown"/> is a finding, because a key roll can then complete unseen (RFC 5011 §2.4.1, §8.2).
    /// </summary>
    public static AnchorHealth Assess(IReadOnlyList<TrustPoint> trustPoints, DateTimeOffset now, TimeSpan addHoldDown)
    {
        ArgumentNullException.ThrowIfNull(trustPoints);
        var findings = new List<string>();
        AnchorHealthStatus status = trustPoints.Count == 0 ? AnchorHealthStatus.Unusable : AnchorHealthStatus.Healthy;
        if (trustPoints.Count == 0)
        {
            findings.Add("no trust point is tracked");
        }

        foreach (TrustPoint point in trustPoints)
        {
            if (!point.HasUsableAnchor)
            {
                status = AnchorHealthStatus.Unusable;
                findings.Add($"{point.Zone} has no usable trust anchor: every key is revoked, removed or still pending");
                continue;
            }

            AnchorHealthStatus found = Degraded(point, now, addHoldDown, findings);
            status = found > status ? found : status;
        }

        return new AnchorHealth(status, findings);
    }

    private static AnchorHealthStatus Degraded(TrustPoint point, DateTimeOffset now, TimeSpan addHoldDown, List<string> findings)
    {
        int before = findings.Count;
        DateTimeOffset since = point.LastRefresh ?? point.Keys.Min(k => k.FirstSeen);
        if (now - since > addHoldDown)
        {
            string last = point.LastRefresh is { } refreshed ? $"since {refreshed:u}" : $"at all in the {(now - since).TotalDays:0} days since its keys were configured";
            findings.Add($"the DNSKEY RRset of {point.Zone} has not been validated {last}, longer than the {addHoldDown.TotalDays:0}-day add hold-down: a key roll may be missed");
        }

        if (point.Keys.Where(k => k.IsTrusted).All(k => k.State == TrackedKeyState.Missing))
        {
            findings.Add($"every trusted key of {point.Zone} is missing from its DNSKEY RRset");
        }

        AnchorHealthStatus status = findings.Count > before ? AnchorHealthStatus.Degraded : AnchorHealthStatus.Healthy;
        foreach (TrackedKey pending in point.Keys.Where(k => k.State == TrackedKeyState.AddPend))
        {
            // A pending key is a roll under way, reported but not a fault.
            findings.Add($"DNSKEY {pending.KeyTag} of {point.Zone} is pending since {pending.HoldDownStart:u}");
        }

        return status;
    }
}
