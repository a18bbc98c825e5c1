using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>
/// The anchors a resolver validates with when some zones are tracked by RFC 5011: a tracked zone's anchor is exactly the
/// keys its trust point trusts now, and replaces a configured anchor of the same zone; as everywhere, the anchor closest
/// to a name decides, so a configured island below a tracked zone still anchors its own names. A tracked zone with no
/// trusted key has no anchor, and no configured anchor of that zone stands in for it: names below it are validated from
/// an anchor above the zone if there is one (as Unbound treats a revoked trust point), and are otherwise left without one.
/// </summary>
public sealed class TrackedAnchors : ITrustAnchorProvider
{
    private readonly ITrustAnchorProvider _configured;
    private volatile Dictionary<DnsName, TrustAnchor?> _tracked = [];

    /// <summary>Creates the provider over the anchors configured beside the tracked ones.</summary>
    public TrackedAnchors(ITrustAnchorProvider configured)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _configured = configured;
    }

    /// <summary>Replaces the tracked zones and their keys with those of <paramref name="trustPoints"/>; safe while validations run.</summary>
    public void Apply(IEnumerable<TrustPoint> trustPoints)
    {
        ArgumentNullException.ThrowIfNull(trustPoints);
        _tracked = trustPoints.ToDictionary(p => p.Zone, p => p.ToTrustAnchor());
    }

    /// <inheritdoc />
    public TrustAnchor? FindClosest(DnsName name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        Dictionary<DnsName, TrustAnchor?> tracked = _tracked;
        TrustAnchor? configured = _configured.FindClosest(name, now);
        for (DnsName candidate = name; ; candidate = candidate.Parent)
        {
            if (tracked.TryGetValue(candidate, out TrustAnchor? anchor))
            {
                // The closest tracked zone decides; only anchors above it may take over when it has no usable key.
                return anchor ?? (candidate.IsRoot ? null : FindClosest(candidate.Parent, now));
            }

            if (configured is not null && configured.Zone.Equals(candidate))
            {
                return configured;
            }

            if (candidate.IsRoot)
            {
                return null;
            }
        }
    }

    /// <inheritdoc />
    public DnsName? FindNegativeAnchor(DnsName name, DateTimeOffset now) => _configured.FindNegativeAnchor(name, now);
}
