using System.Collections.Concurrent;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>
/// The trust anchors a validator starts from: the shipped IANA root anchor (only keys valid at validation time), any
/// zones an operator pins with DS or DNSKEY records, and negative trust anchors with expiry. The closest enclosing
/// anchor applies. Safe for concurrent use.
/// </summary>
public sealed class TrustAnchorSet : ITrustAnchorProvider
{
    private readonly ConcurrentDictionary<DnsName, Entry> _anchors = new();
    private readonly ConcurrentDictionary<DnsName, NegativeTrustAnchor> _negative = new();

    /// <summary>The trust anchors shipped with the library: IANA's root-anchors.xml, embedded at build time.</summary>
    public static TrustAnchorSet CreateWithRootAnchor()
    {
        var set = new TrustAnchorSet();
        set.AddRootAnchors(ShippedRootAnchors());
        return set;
    }

    /// <summary>The keys of the shipped root-anchors.xml, valid or not.</summary>
    public static IReadOnlyList<RootAnchorKey> ShippedRootAnchors()
    {
        using Stream stream = typeof(TrustAnchorSet).Assembly.GetManifestResourceStream("Dnssec.TrustAnchors.root-anchors.xml")
            ?? throw new InvalidOperationException("The shipped root-anchors.xml is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return TrustAnchorFile.ParseRootAnchorsXml(reader.ReadToEnd(), "root-anchors.xml (shipped)");
    }

    /// <summary>Adds root-anchors.xml keys; each is used only inside its validFrom–validUntil window.</summary>
    public void AddRootAnchors(IEnumerable<RootAnchorKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        foreach (RootAnchorKey key in keys)
        {
            Entry entry = _anchors.GetOrAdd(key.Ds.Owner, _ => new Entry());
            entry.Add(key.Ds, key.ValidFrom, key.ValidUntil);
        }
    }

    /// <summary>Adds DS or DNSKEY records as anchors for the zones that own them, valid at all times.</summary>
    /// <exception cref="ArgumentException">A record is not DS or DNSKEY.</exception>
    public void Add(IEnumerable<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        foreach (DnsRecord record in records)
        {
            if (record.Type is not (RecordType.DS or RecordType.DNSKEY))
            {
                throw new ArgumentException($"{record} is not a DS or DNSKEY record.", nameof(records));
            }

            Entry entry = _anchors.GetOrAdd(record.Owner, _ => new Entry());
            entry.Add(record, DateTimeOffset.MinValue, null);
        }
    }

    /// <summary>Replaces the anchors of <paramref name="zone"/>, as an RFC 5011 tracker does after a key event.</summary>
    public void Replace(DnsName zone, IEnumerable<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _anchors.TryRemove(zone, out _);
        Add(records);
    }

    /// <summary>Adds a negative trust anchor, or replaces the one for the same domain.</summary>
    public void AddNegative(NegativeTrustAnchor anchor)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        _negative[anchor.Domain] = anchor;
    }

    /// <summary>Removes the negative trust anchor of <paramref name="domain"/>, if any.</summary>
    public bool RemoveNegative(DnsName domain) => _negative.TryRemove(domain, out _);

    /// <summary>The zones that have anchors.</summary>
    public IReadOnlyCollection<DnsName> Zones => [.. _anchors.Keys];

    /// <inheritdoc />
    public TrustAnchor? FindClosest(DnsName name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        for (DnsName candidate = name; ; candidate = candidate.Parent)
        {
            if (_anchors.TryGetValue(candidate, out Entry? entry) && entry.ValidAt(candidate, now) is { } anchor)
            {
                return anchor;
            }

            if (candidate.IsRoot)
            {
                return null;
            }
        }
    }

    /// <inheritdoc />
    public DnsName? FindNegativeAnchor(DnsName name, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_negative.IsEmpty)
        {
            return null;
        }

        for (DnsName candidate = name; ; candidate = candidate.Parent)
        {
            if (_negative.TryGetValue(candidate, out NegativeTrustAnchor? anchor))
            {
                if (anchor.Expires > now)
                {
                    return candidate;
                }

                // RFC 7646 §2: an expired NTA is removed, not kept.
                _negative.TryRemove(new KeyValuePair<DnsName, NegativeTrustAnchor>(candidate, anchor));
            }

            if (candidate.IsRoot)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// A zone's anchor records with their windows, and the anchor they make, kept until the next window opens or closes:
    /// every answer's validation asks for it, and the set of valid keys changes only at those instants.
    /// </summary>
    private sealed class Entry
    {
        private readonly List<(DnsRecord Record, DateTimeOffset ValidFrom, DateTimeOffset? ValidUntil)> _records = [];
        private TrustAnchor? _anchor;
        private DateTimeOffset _keptFrom = DateTimeOffset.MaxValue;
        private DateTimeOffset _keptUntil = DateTimeOffset.MinValue;

        public void Add(DnsRecord record, DateTimeOffset validFrom, DateTimeOffset? validUntil)
        {
            lock (_records)
            {
                _records.Add((record, validFrom, validUntil));
                _keptFrom = DateTimeOffset.MaxValue;
                _keptUntil = DateTimeOffset.MinValue;
            }
        }

        /// <summary>The anchor of <paramref name="zone"/> made of the records valid at <paramref name="now"/>; null when none is.</summary>
        public TrustAnchor? ValidAt(DnsName zone, DateTimeOffset now)
        {
            lock (_records)
            {
                if (now >= _keptFrom && now < _keptUntil)
                {
                    return _anchor;
                }

                var valid = new List<DnsRecord>();
                DateTimeOffset from = DateTimeOffset.MinValue;
                DateTimeOffset until = DateTimeOffset.MaxValue;
                foreach ((DnsRecord record, DateTimeOffset validFrom, DateTimeOffset? validUntil) in _records)
                {
                    DateTimeOffset end = validUntil ?? DateTimeOffset.MaxValue;
                    if (now >= validFrom && now < end)
                    {
                        valid.Add(record);
                    }

                    // The window in which this answer holds: between the last instant at or before now and the first after
                    // it at which any record's validity begins or ends.
                    from = Latest(from, validFrom, now);
                    from = Latest(from, end, now);
                    until = Earliest(until, validFrom, now);
                    until = Earliest(until, end, now);
                }

                _anchor = valid.Count > 0 ? new TrustAnchor(zone, valid) : null;
                (_keptFrom, _keptUntil) = (from, until);
                return _anchor;
            }
        }

        private static DateTimeOffset Latest(DateTimeOffset latest, DateTimeOffset instant, DateTimeOffset now) =>
            instant <= now && instant > latest ? instant : latest;

        private static DateTimeOffset Earliest(DateTimeOffset earliest, DateTimeOffset instant, DateTimeOffset now) =>
            instant > now && instant < earliest ? instant : earliest;
    }
}
