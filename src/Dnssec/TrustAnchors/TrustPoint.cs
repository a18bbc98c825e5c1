using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>The RFC 5011 state of one zone whose keys are tracked: every key seen, when it was last refreshed and when to refresh next.</summary>
/// <param name="Zone">The zone whose DNSKEY RRset is tracked.</param>
/// <param name="Keys">Every key known for the zone, in any state.</param>
/// <param name="LastRefresh">When a trusted key last validated the DNSKEY RRset; null before the first success.</param>
/// <param name="NextRefresh">When to query the DNSKEY RRset next (RFC 5011 §2.3).</param>
public sealed record TrustPoint(DnsName Zone, IReadOnlyList<TrackedKey> Keys, DateTimeOffset? LastRefresh, DateTimeOffset NextRefresh)
{
    /// <summary>Starts tracking <paramref name="zone"/> from DNSKEY records an operator trusts, all Valid from <paramref name="now"/>.</summary>
    /// <exception cref="ArgumentException">No record was given, or one is not a DNSKEY of the zone.</exception>
    public static TrustPoint Create(DnsName zone, IEnumerable<DnsRecord> dnskeys, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(dnskeys);
        var keys = new List<TrackedKey>();
        foreach (DnsRecord dnskey in dnskeys)
        {
            if (dnskey.Type != RecordType.DNSKEY || !dnskey.Owner.Equals(zone))
            {
                throw new ArgumentException($"{dnskey} is not a DNSKEY record of {zone}.", nameof(dnskeys));
            }

            if (TrackedKey.IsRevoked(dnskey))
            {
                throw new ArgumentException($"DNSKEY {TrackedKey.TagOf(dnskey)} of {zone} is revoked and cannot be an anchor.", nameof(dnskeys));
            }

            if (!keys.Exists(k => k.IsSameKey(dnskey)))
            {
                keys.Add(new TrackedKey(dnskey, TrackedKeyState.Valid, now, now, null));
            }
        }

        if (keys.Count == 0)
        {
            throw new ArgumentException($"The trust point {zone} has no keys.", nameof(dnskeys));
        }

        return new TrustPoint(zone, keys, null, now);
    }

    /// <summary>When the DNSKEY RRset was last asked for and an answer came, validated or not; null before the first.</summary>
    public DateTimeOffset? LastQueried { get; init; }

    /// <summary>How many answers since the last validated one no trusted key validated (Unbound's query_failed).</summary>
    public int FailedQueries { get; init; }

    /// <summary>The active refresh interval set by the last validated DNSKEY RRset (RFC 5011 §2.3); null before the first.</summary>
    public TimeSpan? ActiveInterval { get; init; }

    /// <summary>The retry interval set by the last validated DNSKEY RRset (RFC 5011 §2.3); null before the first.</summary>
    public TimeSpan? RetryInterval { get; init; }

    /// <summary>The DNSKEY records trusted now: the Valid and Missing keys (RFC 5011 §4).</summary>
    public IReadOnlyList<DnsRecord> TrustedKeys => [.. Keys.Where(k => k.IsTrusted).Select(k => k.Dnskey)];

    /// <summary>Whether any key is trusted; when not, the zone has no usable anchor and must not fall back to anything else.</summary>
    public bool HasUsableAnchor => Keys.Any(k => k.IsTrusted);

    /// <summary>The trusted keys as an anchor for the validator, or null when none is usable.</summary>
    public TrustAnchor? ToTrustAnchor() => HasUsableAnchor ? new TrustAnchor(Zone, TrustedKeys) : null;

    /// <summary>Makes <paramref name="anchors"/> use exactly the keys trusted now for this zone; with none, the zone has no anchor there.</summary>
    public void ApplyTo(TrustAnchorSet anchors)
    {
        ArgumentNullException.ThrowIfNull(anchors);
        anchors.Replace(Zone, TrustedKeys);
    }
}
