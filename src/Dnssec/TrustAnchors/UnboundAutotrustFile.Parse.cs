using System.Globalization;
using System.Text.RegularExpressions;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>Reading Unbound's autotrust file into a trust point.</summary>
public static partial class UnboundAutotrustFile
{
    /// <summary>
    /// Reads an autotrust file, or an older one without the ';;id:' header whose key lines carry their states;
    /// <paramref name="source"/> names it in reasons. DS lines (an anchor Unbound has not yet primed) are refused.
    /// </summary>
    public static AnchorStateResult Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        string[] lines = text.Split('\n');
        DnsName? zone = null;
        var header = new Dictionary<string, long>(StringComparer.Ordinal);
        var keys = new List<TrackedKey>();
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            string? error = line.StartsWith(";;", StringComparison.Ordinal)
                ? Header(line, ref zone, header)
                : line.Length == 0 || line[0] == ';' ? null : KeyLine(line, ref zone, keys);
            if (error is not null)
            {
                return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, i + 1, error);
            }
        }

        if (zone is null || keys.Count == 0)
        {
            return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, null, zone is null ? "there are no keys and no ';;id:' line" : $"there are no keys for {zone}");
        }

        var point = new TrustPoint(zone, keys, Time(header, "last_success"), DateTimeOffset.FromUnixTimeSeconds(header.GetValueOrDefault("next_probe_time")))
        {
            LastQueried = Time(header, "last_queried"),
            FailedQueries = (int)Math.Min(header.GetValueOrDefault("query_failed"), int.MaxValue),
            ActiveInterval = Interval(header, "query_interval"),
            RetryInterval = Interval(header, "retry_time"),
        };
        return AnchorStateResult.Success([point]);
    }

    private static DateTimeOffset? Time(Dictionary<string, long> header, string name) =>
        header.GetValueOrDefault(name) is var seconds and > 0 ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static TimeSpan? Interval(Dictionary<string, long> header, string name) =>
        header.GetValueOrDefault(name) is var seconds and > 0 ? TimeSpan.FromSeconds(seconds) : null;

    private static string? Header(string line, ref DnsName? zone, Dictionary<string, long> header)
    {
        string[] parts = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts[0] == ";;id:")
        {
            return parts.Length > 1 && DnsName.TryParse(parts[1], out zone) ? null : "the ';;id:' line does not name a zone";
        }

        string name = parts[0].TrimStart(';').TrimEnd(':');
        if (parts[0].EndsWith(':') && name is "last_queried" or "last_success" or "next_probe_time" or "query_failed" or "query_interval" or "retry_time")
        {
            if (parts.Length < 2 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long value))
            {
                return $"'{parts[0]}' is not a number";
            }

            header[name] = value;
        }

        return null;
    }

    private static string? KeyLine(string line, ref DnsName? zone, List<TrackedKey> keys)
    {
        int comment = line.IndexOf(';', StringComparison.Ordinal);
        string[] fields = (comment < 0 ? line : line[..comment]).Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (zone is null && (fields.Length == 0 || !DnsName.TryParse(fields[0], out zone)))
        {
            // Unbound's older files have no ';;id:' line; the first record names the zone.
            return "the first record does not start with a domain name";
        }

        if (fields.Length < 8 || fields[3] != "DNSKEY" || fields[2] != "IN" || !DnsName.TryParse(fields[0], out DnsName? owner) || !owner.Equals(zone))
        {
            return fields.Length > 3 && fields[3] == "DS"
                ? "DS anchors (not yet primed by Unbound) are not supported; import the DNSKEYs instead"
                : $"expected a DNSKEY record of {zone}";
        }

        Match state = StatePattern().Match(line);
        Match change = ChangePattern().Match(line);
        Match count = CountPattern().Match(line);
        if (!state.Success || !change.Success || !int.TryParse(state.Groups[1].Value, CultureInfo.InvariantCulture, out int number) || number > (int)TrackedKeyState.Removed)
        {
            return "the key has no ';;state=N' (0 to 5) and ';;lastchange=T'";
        }

        string? error = Dnskey(fields, zone, out DnsRecord? dnskey);
        if (dnskey is null)
        {
            return error;
        }

        var keyState = (TrackedKeyState)number;
        DateTimeOffset when = DateTimeOffset.FromUnixTimeSeconds(long.Parse(change.Groups[1].Value, CultureInfo.InvariantCulture));
        // Unbound keeps one time per key: it is the last change, the first sighting we know of, and the hold-down start.
        DateTimeOffset? holdDown = keyState is TrackedKeyState.AddPend or TrackedKeyState.Revoked ? when : null;
        int sightings = count.Success && int.TryParse(count.Groups[1].Value, CultureInfo.InvariantCulture, out int seen) ? seen : 0;
        keys.Add(new TrackedKey(dnskey, keyState, when, when, holdDown) { Sightings = keyState == TrackedKeyState.AddPend ? Math.Max(sightings, 1) : 0 });
        return null;
    }

    private static string? Dnskey(string[] fields, DnsName zone, out DnsRecord? dnskey)
    {
        dnskey = null;
        if (!uint.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out uint ttl) ||
            !ushort.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out ushort flags) ||
            !byte.TryParse(fields[5], NumberStyles.None, CultureInfo.InvariantCulture, out byte protocol) ||
            !byte.TryParse(fields[6], NumberStyles.None, CultureInfo.InvariantCulture, out byte algorithm))
        {
            return "the DNSKEY's TTL, flags, protocol or algorithm is not a number";
        }

        string base64 = string.Concat(fields[7..]);
        byte[] publicKey = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, publicKey, out int length) || length == 0)
        {
            return "the DNSKEY's public key is not base64";
        }

        try
        {
            dnskey = new DnsRecord(zone, RecordType.DNSKEY, RecordClass.IN, ttl, DnskeyData.Encode(flags, protocol, (DnssecAlgorithm)algorithm, publicKey.AsSpan(0, length)));
            return null;
        }
        catch (DnsFormatException exception)
        {
            return $"the DNSKEY is malformed: {exception.Message}";
        }
    }

    [GeneratedRegex(";;state=([0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex StatePattern();

    [GeneratedRegex(";;lastchange=([0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex ChangePattern();

    [GeneratedRegex(";;count=([0-9]+)", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();
}
