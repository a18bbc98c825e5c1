using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>
/// The text of the RFC 5011 state file, version 2 (version 1, without the query and sighting fields, is still read): a header line, one <c>zone</c> line per trust point followed by its
/// <c>key</c> lines, and a last line with the SHA-256 of everything before it. The README gives the grammar.
/// </summary>
public static partial class AnchorStateText
{
    /// <summary>The format version this library writes and reads.</summary>
    public const int Version = 2;

    /// <summary>The oldest format version this library still reads.</summary>
    public const int OldestReadableVersion = 1;

    private const string Header = "dnssec-anchor-state";
    private const string ChecksumPrefix = "checksum sha256=";
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";
    private const string None = "-";

    /// <summary>The file's text for <paramref name="trustPoints"/>; times are kept to the second.</summary>
    public static string Format(IReadOnlyList<TrustPoint> trustPoints)
    {
        ArgumentNullException.ThrowIfNull(trustPoints);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{Header} {Version}\n");
        foreach (TrustPoint point in trustPoints)
        {
            text.Append(CultureInfo.InvariantCulture, $"zone {point.Zone} last-refresh={Time(point.LastRefresh)} next-refresh={Time(point.NextRefresh)} ");
            text.Append(CultureInfo.InvariantCulture, $"last-query={Time(point.LastQueried)} failures={point.FailedQueries} active-interval={Seconds(point.ActiveInterval)} retry-interval={Seconds(point.RetryInterval)}\n");
            foreach (TrackedKey key in point.Keys)
            {
                DnskeyData data = DnskeyData.From(key.Dnskey);
                text.Append(CultureInfo.InvariantCulture, $"key {StateName(key.State)} first-seen={Time(key.FirstSeen)} last-change={Time(key.LastChange)} hold-down-start={Time(key.HoldDownStart)} seen={key.Sightings} ttl={key.Dnskey.Ttl} ");
                text.Append(CultureInfo.InvariantCulture, $"{data.Flags} {data.Protocol} {(byte)data.Algorithm} {Convert.ToBase64String(data.PublicKey.Span)}\n");
            }
        }

        string checksum = Checksum(Encoding.UTF8.GetBytes(text.ToString()));
        text.Append(ChecksumPrefix).Append(checksum).Append('\n');
        return text.ToString();
    }

    /// <summary>Reads the file's text; <paramref name="source"/> names the file in reasons. Nothing is repaired or guessed.</summary>
    public static AnchorStateResult Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        string[] lines = text.Split('\n');
        // A complete file ends with a newline, so the last element is empty; anything else was cut short.
        if (lines.Length < 3 || lines[^1].Length != 0)
        {
            return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, lines.Length, "the file is truncated: it does not end with a complete line");
        }

        AnchorStateResult? header = CheckHeader(lines[0], source, out int version);
        if (header is not null)
        {
            return header;
        }

        string last = lines[^2];
        int checksumLine = lines.Length - 1;
        if (!last.StartsWith(ChecksumPrefix, StringComparison.Ordinal))
        {
            return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, checksumLine, "the file is truncated: the last line is not the checksum line");
        }

        int bodyLength = text.Length - last.Length - 1;
        string expected = Checksum(Encoding.UTF8.GetBytes(text[..bodyLength]));
        if (!string.Equals(last[ChecksumPrefix.Length..], expected, StringComparison.Ordinal))
        {
            return AnchorStateResult.Failure(AnchorStateError.ChecksumMismatch, source, checksumLine, "the checksum does not match the content: the file was changed or damaged");
        }

        return ParseBody(lines.AsSpan(1, lines.Length - 3), source, version);
    }

    private static AnchorStateResult? CheckHeader(string line, string source, out int version)
    {
        string[] parts = line.Split(' ');
        if (parts.Length != 2 || parts[0] != Header || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out version))
        {
            version = 0;
            return AnchorStateResult.Failure(AnchorStateError.Corrupt, source, 1, $"the first line is not '{Header} VERSION'");
        }

        return version is >= OldestReadableVersion and <= Version
            ? null
            : AnchorStateResult.Failure(AnchorStateError.UnsupportedVersion, source, 1, $"format version {version} is not supported (this library reads versions {OldestReadableVersion} to {Version})");
    }

    private static string Seconds(TimeSpan? interval) =>
        interval is { } value ? ((long)value.TotalSeconds).ToString(CultureInfo.InvariantCulture) : None;

    private static string Checksum(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static string Time(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture) : None;

    private static string StateName(TrackedKeyState state) => state switch
    {
        TrackedKeyState.Start => "START",
        TrackedKeyState.AddPend => "ADDPEND",
        TrackedKeyState.Valid => "VALID",
        TrackedKeyState.Missing => "MISSING",
        TrackedKeyState.Revoked => "REVOKED",
        TrackedKeyState.Removed => "REMOVED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Not an RFC 5011 state."),
    };
}
