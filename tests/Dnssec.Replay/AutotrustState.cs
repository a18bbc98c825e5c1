using Dnssec.Presentation;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Replay;

/// <summary>
/// The RFC 5011 side of a replay: the state file made from a scenario's AUTOTRUST_FILE blocks, and the comparison of a
/// CHECK_AUTOTRUST block with what the resolver wrote. The comparison reads both through <see cref="UnboundAutotrustFile"/>
/// (ours exported in Unbound's format first) and compares field by field, so whitespace, key order and the ctime
/// comments do not matter; everything else does, with one exception: Unbound's query_failed counts every retry its
/// validator makes within one probe (6 for one failed probe), where this library counts probes, so only whether the
/// count is zero is compared.
/// </summary>
public static class AutotrustState
{
    private const string FileName = "anchors.state";

    /// <summary>The state file in <paramref name="folder"/>.</summary>
    public static string PathIn(string folder) => Path.Combine(folder, FileName);

    /// <summary>
    /// Writes the trust points of <paramref name="files"/> (Unbound's autotrust format, or plain DNSKEY lines) to a new
    /// temporary folder and returns it, with the zone each file holds: CHECK_AUTOTRUST names the file, not the zone.
    /// </summary>
    /// <exception cref="FormatException">A block cannot be read as a trust point.</exception>
    public static (string Folder, IReadOnlyDictionary<string, DnsName> Zones) Write(IReadOnlyDictionary<string, string> files, DateTimeOffset now)
    {
        var points = new List<TrustPoint>();
        var zones = new Dictionary<string, DnsName>(StringComparer.Ordinal);
        foreach ((string name, string content) in files)
        {
            TrustPoint point = Read(name, content, now);
            points.Add(point);
            zones[name] = point.Zone;
        }

        string folder = Directory.CreateTempSubdirectory("dnssec-replay-").FullName;
        AnchorStateResult saved = new AnchorStateStore(PathIn(folder)).SaveAsync(points).AsTask().GetAwaiter().GetResult();
        return saved.IsSuccess ? (folder, zones) : throw new FormatException($"AUTOTRUST_FILE: the state cannot be written: {saved.Reason}");
    }

    /// <summary>Compares the CHECK_AUTOTRUST block <paramref name="expected"/> (macros expanded) with the trust point of <paramref name="zone"/> in the state file; null when they agree, otherwise the difference.</summary>
    public static string? Compare(DnsName zone, IReadOnlyList<string> expected, string stateFolder)
    {
        AnchorStateResult loaded = new AnchorStateStore(PathIn(stateFolder)).LoadAsync().AsTask().GetAwaiter().GetResult();
        if (!loaded.IsSuccess)
        {
            return $"the state file cannot be read: {loaded.Reason}";
        }

        DnsName name = zone;
        if (loaded.TrustPoints.FirstOrDefault(p => p.Zone.Equals(name)) is not { } actual)
        {
            return $"the state holds no trust point for {name}";
        }

        string text = string.Join('\n', expected) + "\n";
        return expected.Any(l => l.StartsWith(";;id:", StringComparison.Ordinal))
            ? CompareTracked(text, actual)
            : CompareUnprimed(name, text, actual);
    }

    /// <summary>The trust point's state in Unbound's format, for failure reports.</summary>
    public static string Describe(DnsName zone, string stateFolder)
    {
        AnchorStateResult loaded = new AnchorStateStore(PathIn(stateFolder)).LoadAsync().AsTask().GetAwaiter().GetResult();
        return loaded.TrustPoints.FirstOrDefault(p => p.Zone.Equals(zone)) is { } point ? UnboundAutotrustFile.Format(point) : loaded.Reason ?? "(none)";
    }

    private static TrustPoint Read(string name, string content, DateTimeOffset now)
    {
        // Unbound reads a macro left in the file, such as ${0}, as the number it would expand to.
        string text = new ReplayMacros(new Dictionary<string, long>(), () => now.ToUnixTimeSeconds()).Expand(content);
        if (text.Contains(";;id:", StringComparison.Ordinal) || text.Contains(";;state=", StringComparison.Ordinal))
        {
            AnchorStateResult parsed = UnboundAutotrustFile.Parse(text, $"AUTOTRUST_FILE {name}");
            return parsed.IsSuccess ? parsed.TrustPoints[0] : throw new FormatException(parsed.Reason);
        }

        // Plain records, as from dig: the keys an operator trusts, due for their first refresh at once.
        List<DnsRecord> keys = [.. ZoneFileReader.Parse(text, $"AUTOTRUST_FILE {name}", new ZoneFileReaderOptions { Origin = DnsName.Root, DefaultTtl = 3600 }).Where(r => r.Type == RecordType.DNSKEY)];
        if (keys.Count == 0)
        {
            throw new FormatException($"AUTOTRUST_FILE {name}: no DNSKEY records (DS anchors are not tracked)");
        }

        // Unbound records no time for keys read from plain records (0); the first validated refresh sets it.
        TrustPoint point = TrustPoint.Create(keys[0].Owner, keys, now);
        return point with { Keys = [.. point.Keys.Select(k => k with { LastChange = DateTimeOffset.UnixEpoch })] };
    }

    private static string? CompareTracked(string text, TrustPoint actual)
    {
        AnchorStateResult parsed = UnboundAutotrustFile.Parse(text, "CHECK_AUTOTRUST");
        if (!parsed.IsSuccess)
        {
            return $"the expected file cannot be read: {parsed.Reason}";
        }

        TrustPoint wanted = parsed.TrustPoints[0];
        // Ours goes through the exporter, so the comparison covers what a user moving to Unbound would get.
        TrustPoint ours = UnboundAutotrustFile.Parse(UnboundAutotrustFile.Format(actual), "state").TrustPoints[0];
        var differences = new List<string>();
        Check(differences, "revoked trust point", text.Contains(";;REVOKED", StringComparison.Ordinal), !actual.HasUsableAnchor);
        Check(differences, "last_queried", wanted.LastQueried, ours.LastQueried);
        Check(differences, "last_success", wanted.LastRefresh, ours.LastRefresh);
        Check(differences, "next_probe_time", wanted.NextRefresh, ours.NextRefresh);
        Check(differences, "query_failed is zero", wanted.FailedQueries == 0, ours.FailedQueries == 0);
        Check(differences, "query_interval", wanted.ActiveInterval, ours.ActiveInterval);
        Check(differences, "retry_time", wanted.RetryInterval, ours.RetryInterval);
        Check(differences, "number of keys", wanted.Keys.Count, ours.Keys.Count);
        foreach (TrackedKey key in wanted.Keys)
        {
            if (ours.Keys.FirstOrDefault(k => k.Dnskey.SameData(key.Dnskey)) is not { } found)
            {
                differences.Add($"key {key.KeyTag}: expected {key.State}, not in the state");
                continue;
            }

            Check(differences, $"key {key.KeyTag} state", key.State, found.State);
            Check(differences, $"key {key.KeyTag} lastchange", key.LastChange, found.LastChange);
            Check(differences, $"key {key.KeyTag} count", key.Sightings, found.Sightings);
            Check(differences, $"key {key.KeyTag} TTL", key.Dnskey.Ttl, found.Dnskey.Ttl);
        }

        return differences.Count == 0 ? null : string.Join("; ", differences);
    }

    private static string? CompareUnprimed(DnsName zone, string text, TrustPoint actual)
    {
        // Unbound leaves a file it could never validate as the operator wrote it: never refreshed, the same keys.
        List<DnsRecord> keys = [.. ZoneFileReader.Parse(text, "CHECK_AUTOTRUST", new ZoneFileReaderOptions { Origin = DnsName.Root, DefaultTtl = 3600 }).Where(r => r.Type == RecordType.DNSKEY && r.Owner.Equals(zone))];
        if (actual.LastRefresh is { } refreshed)
        {
            return $"expected a trust point never validated, but it was at {refreshed:u}";
        }

        bool same = keys.Count == actual.Keys.Count && keys.All(k => actual.Keys.Any(a => a.Dnskey.SameData(k)));
        return same ? null : $"expected the keys as configured ({keys.Count}), found {actual.Keys.Count} tracked";
    }

    private static void Check<T>(List<string> differences, string what, T expected, T actual)
    {
        if (!EqualityComparer<T>.Default.Equals(expected, actual))
        {
            differences.Add($"{what}: expected {expected}, found {actual}");
        }
    }
}
