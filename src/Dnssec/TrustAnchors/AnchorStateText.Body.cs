using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>The zone and key lines of the state file, each field checked.</summary>
public static partial class AnchorStateText
{
    private static AnchorStateResult ParseBody(ReadOnlySpan<string> lines, string source)
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
                if (!Close(current, keys, points, out error) || !TryZone(parts, points, out current, out error))
                {
                    return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, lineNumber, error);
                }

                keys = [];
            }
            else if (parts[0] == "key" && current is not null)
            {
                if (!TryKey(parts, current.Zone, out TrackedKey? key, out error))
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

    private static bool TryZone(string[] parts, List<TrustPoint> points, out TrustPoint? point, [NotNullWhen(false)] out string? error)
    {
        point = null;
        if (parts.Length != 4)
        {
            error = $"a zone line has {parts.Length} fields, not 4";
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
        return true;
    }

    private static bool TryKey(string[] parts, DnsName zone, [NotNullWhen(true)] out TrackedKey? key, [NotNullWhen(false)] out string? error)
    {
        key = null;
        if (parts.Length != 10)
        {
            error = $"a key line has {parts.Length} fields, not 10";
            return false;
        }

        if (!TryState(parts[1], out TrackedKeyState state))
        {
            error = $"'{parts[1]}' is not a key state";
            return false;
        }

        if (!TryTime(parts[2], "first-seen", false, out DateTimeOffset? firstSeen, out error) ||
            !TryTime(parts[3], "last-change", false, out DateTimeOffset? lastChange, out error) ||
            !TryTime(parts[4], "hold-down-start", true, out DateTimeOffset? holdDownStart, out error) ||
            !TryDnskey(parts, zone, out DnsRecord? dnskey, out error))
        {
            return false;
        }

        key = new TrackedKey(dnskey, state, firstSeen!.Value, lastChange!.Value, holdDownStart);
        return true;
    }

    private static bool TryDnskey(string[] parts, DnsName zone, [NotNullWhen(true)] out DnsRecord? dnskey, [NotNullWhen(false)] out string? error)
    {
        dnskey = null;
        error = "the DNSKEY fields (ttl=, flags, protocol, algorithm, base64 key) are malformed";
        if (!parts[5].StartsWith("ttl=", StringComparison.Ordinal) ||
            !uint.TryParse(parts[5].AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out uint ttl) ||
            !ushort.TryParse(parts[6], NumberStyles.None, CultureInfo.InvariantCulture, out ushort flags) ||
            !byte.TryParse(parts[7], NumberStyles.None, CultureInfo.InvariantCulture, out byte protocol) ||
            !byte.TryParse(parts[8], NumberStyles.None, CultureInfo.InvariantCulture, out byte algorithm))
        {
            return false;
        }

        byte[] publicKey = new byte[parts[9].Length];
        if (parts[9].Length == 0 || !Convert.TryFromBase64String(parts[9], publicKey, out int length))
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
