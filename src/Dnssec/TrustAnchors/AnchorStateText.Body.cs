using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>The zone and key lines of the state file, each field checked.</summary>
public static partial class AnchorStateText
{
    private static AnchorStateResult ParseBody(ReadOnlySpan<string> lines, string source, int version)
    {
        var points = new List<TrustPoint>();
        TrustPoint? current = null;
        List<TrackedKey> keys = [];
        for (int i = 0; i < lines.Length; i++)
        {
            int lineNumber = i + 2;
            string[] parts = lines[i].Split(' ');
            string? error;
            if (parts[0] == "zone")
            {
                if (!Close(current, keys, points, out error) || !TryZone(parts, version, points, out current, out error))
                {
                    return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, lineNumber, error);
                }

                keys = [];
            }
            else if (parts[0] == "key" && current is not null)
            {
                if (!TryKey(parts, version, current.Zone, out TrackedKey? key, out error))
                {
                    return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, lineNumber, error);
                }

                keys.Add(key);
            }
            else
            {
                return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, lineNumber, "expected a 'zone' line, or a 'key' line after one");
            }
        }

        return Close(current, keys, points, out string? last)
            ? AnchorStateResult.Success(points)
            : AnchorStateResult.Failure(AnchorStateError.Corrupt, source, lines.Length + 1, last);
    }

    private static bool Close(TrustPoint? current, List<TrackedKey> keys, List<TrustPoint> points, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (current is null)
        {
            return true;
        }

        if (keys.Count == 0)
        {
            error = $"the zone {current.Zone} has no key lines";
            return false;
        }

        points.Add(current with { Keys = keys });
        return true;
    }

    private static bool TryZone(string[] parts, int version, List<TrustPoint> points, out TrustPoint? point, [NotNullWhen(false)] out string? error)
    {
        point = null;
        int fields = version == 1 ? 4 : 8;
        if (parts.Length != fields)
        {
            error = $"a zone line has {parts.Length} fields, not {fields}";
            return false;
        }

        if (!DnsName.TryParse(parts[1], out DnsName? zone))
        {
            error = $"'{parts[1]}' is not a domain name";
            return false;
        }

        if (points.Exists(p => p.Zone.Equals(zone)))
        {
            error = $"the zone {zone} appears twice";
            return false;
        }

        if (!TryTime(parts[2], "last-refresh", optional: true, out DateTimeOffset? lastRefresh, out error) ||
            !TryTime(parts[3], "next-refresh", optional: false, out DateTimeOffset? nextRefresh, out error))
        {
            return false;
        }

        point = new TrustPoint(zone, [], lastRefresh, nextRefresh!.Value);
        if (version == 1)
        {
            return true;
        }

        if (!TryTime(parts[4], "last-query", optional: true, out DateTimeOffset? lastQuery, out error) ||
            !TryCount(parts[5], "failures", out int failures, out error) ||
            !TryInterval(parts[6], "active-interval", out TimeSpan? active, out error) ||
            !TryInterval(parts[7], "retry-interval", out TimeSpan? retry, out error))
        {
            return false;
        }

        point = point with { LastQueried = lastQuery, FailedQueries = failures, ActiveInterval = active, RetryInterval = retry };
        return true;
    }

    private static bool TryCount(string field, string name, out int count, [NotNullWhen(false)] out string? error)
    {
        error = null;
        string prefix = name + "=";
        if (field.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(field.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out count))
        {
            return true;
        }

        count = 0;
        error = $"expected the field '{name}=' with a count but found '{field}'";
        return false;
    }

    private static bool TryInterval(string field, string name, out TimeSpan? interval, [NotNullWhen(false)] out string? error)
    {
        interval = null;
        error = null;
        string prefix = name + "=";
        if (field == prefix + None)
        {
            return true;
        }

        if (field.StartsWith(prefix, StringComparison.Ordinal) && uint.TryParse(field.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out uint seconds))
        {
            interval = TimeSpan.FromSeconds(seconds);
            return true;
        }

        error = $"expected the field '{name}=' with seconds or '{None}' but found '{field}'";
        return false;
    }

    private static bool TryKey(string[] parts, int version, DnsName zone, [NotNullWhen(true)] out TrackedKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        int fields = version == 1 ? 10 : 11;
        if (parts.Length != fields)
        {
            error = $"a key line has {parts.Length} fields, not {fields}";
            return false;
        }

        if (!TryState(parts[1], out TrackedKeyState state))
        {
            error = $"'{parts[1]}' is not a key state";
            return false;
        }

        if (!TryTime(parts[2], "first-seen", false, out DateTimeOffset? firstSeen, out error) ||
            !TryTime(parts[3], "last-change", false, out DateTimeOffset? lastChange, out error) ||
            !TryTime(parts[4], "hold-down-start", true, out DateTimeOffset? holdDownStart, out error))
        {
            return false;
        }

        // Version 1 kept no sightings: a pending key read from it counts as seen once.
        int sightings = state == TrackedKeyState.AddPend ? 1 : 0;
        if ((version > 1 && !TryCount(parts[5], "seen", out sightings, out error)) ||
            !TryDnskey(parts.AsSpan(fields - 5), zone, out DnsRecord? dnskey, out error))
        {
            return false;
        }

        key = new TrackedKey(dnskey, state, firstSeen!.Value, lastChange!.Value, holdDownStart) { Sightings = sightings };
        return true;
    }

    private static bool TryDnskey(ReadOnlySpan<string> parts, DnsName zone, [NotNullWhen(true)] out DnsRecord? dnskey, [NotNullWhen(false)] out string? error)
    {
        dnskey = null;
        error = "the DNSKEY fields (ttl=, flags, protocol, algorithm, base64 key) are malformed";
        if (!parts[0].StartsWith("ttl=", StringComparison.Ordinal) ||
            !uint.TryParse(parts[0].AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out uint ttl) ||
            !ushort.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out ushort flags) ||
            !byte.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out byte protocol) ||
            !byte.TryParse(parts[3], NumberStyles.None, CultureInfo.InvariantCulture, out byte algorithm))
        {
            return false;
        }

        byte[] publicKey = new byte[parts[4].Length];
        if (parts[4].Length == 0 || !Convert.TryFromBase64String(parts[4], publicKey, out int length))
        {
            error = "the DNSKEY public key is not base64";
            return false;
        }

        try
        {
            dnskey = new DnsRecord(zone, RecordType.DNSKEY, RecordClass.IN, ttl, DnskeyData.Encode(flags, protocol, (DnssecAlgorithm)algorithm, publicKey.AsSpan(0, length)));
            error = null;
            return true;
        }
        catch (DnsFormatException exception)
        {
            error = $"the DNSKEY is malformed: {exception.Message}";
            return false;
        }
    }

    private static bool TryTime(string field, string name, bool optional, out DateTimeOffset? time, [NotNullWhen(false)] out string? error)
    {
        time = null;
        error = null;
        string prefix = name + "=";
        if (!field.StartsWith(prefix, StringComparison.Ordinal))
        {
            error = $"expected the field '{name}=' but found '{field}'";
            return false;
        }

        string value = field[prefix.Length..];
        if (optional && value == None)
        {
            return true;
        }

        if (!DateTimeOffset.TryParseExact(value, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset parsed))
        {
            error = $"'{value}' is not a time of the form {TimeFormat.Replace("'", "", StringComparison.Ordinal)}";
            return false;
        }

        time = parsed;
        return true;
    }

    private static bool TryState(string name, out TrackedKeyState state)
    {
        foreach (TrackedKeyState candidate in Enum.GetValues<TrackedKeyState>())
        {
            if (StateName(candidate) == name)
            {
                state = candidate;
                return true;
            }
        }

        state = default;
        return false;
    }
}
