using Dnssec.Crypto;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class AnchorStateTextTests
{
    private static readonly DateTimeOffset Time = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

    [Fact]
    public void Format_ThenParse_RoundTripsEveryStateAndField()
    {
        IReadOnlyList<TrustPoint> points = SampleState();

        AnchorStateResult read = AnchorStateText.Parse(AnchorStateText.Format(points), "state");

        Assert.True(read.IsSuccess, read.Reason);
        Assert.Equal(points.Count, read.TrustPoints.Count);
        for (int p = 0; p < points.Count; p++)
        {
            TrustPoint expected = points[p];
            TrustPoint actual = read.TrustPoints[p];
            Assert.Equal(expected.Zone, actual.Zone);
            Assert.Equal(expected.LastRefresh, actual.LastRefresh);
            Assert.Equal(expected.NextRefresh, actual.NextRefresh);
            Assert.Equal(expected.LastQueried, actual.LastQueried);
            Assert.Equal(expected.FailedQueries, actual.FailedQueries);
            Assert.Equal(expected.ActiveInterval, actual.ActiveInterval);
            Assert.Equal(expected.RetryInterval, actual.RetryInterval);
            Assert.Equal(expected.Keys.Count, actual.Keys.Count);
            for (int k = 0; k < expected.Keys.Count; k++)
            {
                Assert.Equal(expected.Keys[k] with { Dnskey = actual.Keys[k].Dnskey }, actual.Keys[k]);
                Assert.True(expected.Keys[k].Dnskey.SameData(actual.Keys[k].Dnskey));
                Assert.Equal(expected.Keys[k].Dnskey.Ttl, actual.Keys[k].Dnskey.Ttl);
            }
        }
    }

    [Fact]
    public void Format_IsVersionedLinesEndingWithChecksum()
    {
        string[] lines = AnchorStateText.Format(SampleState()).Split('\n');

        Assert.Equal("dnssec-anchor-state 2", lines[0]);
        Assert.StartsWith("zone example. last-refresh=2026-03-04T05:06:07Z next-refresh=", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("key VALID first-seen=2026-03-04T05:06:07Z", lines[2], StringComparison.Ordinal);
        Assert.Matches("^checksum sha256=[0-9a-f]{64}$", lines[^2]);
        Assert.Equal("", lines[^1]);
    }

    [Theory]
    [InlineData("truncated in the middle", AnchorStateError.Corrupt)]
    [InlineData("checksum line cut off", AnchorStateError.Corrupt)]
    [InlineData("one byte changed", AnchorStateError.ChecksumMismatch)]
    [InlineData("unknown version", AnchorStateError.UnsupportedVersion)]
    [InlineData("empty", AnchorStateError.Corrupt)]
    public void Parse_DamagedText_RefusedWithLineAndReason(string damage, AnchorStateError error)
    {
        string text = AnchorStateText.Format(SampleState());
        string damaged = damage switch
        {
            "truncated in the middle" => text[..(text.Length / 2)],
            "checksum line cut off" => text[..text.LastIndexOf("checksum", StringComparison.Ordinal)],
            "one byte changed" => text.Replace("VALID", "VALIE", StringComparison.Ordinal),
            "unknown version" => text.Replace("dnssec-anchor-state 2", "dnssec-anchor-state 3", StringComparison.Ordinal),
            _ => "",
        };

        AnchorStateResult read = AnchorStateText.Parse(damaged, "/var/lib/dnssec/state");

        Assert.Equal(error, read.Error);
        Assert.Empty(read.TrustPoints);
        Assert.StartsWith("/var/lib/dnssec/state line ", read.Reason, StringComparison.Ordinal);
        Assert.NotNull(read.Line);
    }

    [Theory]
    [InlineData("an unknown state", "VALID", "SLEEPY", 3, "'SLEEPY' is not a key state")]
    [InlineData("a bad time", "first-seen=2026-03-04T05:06:07Z", "first-seen=yesterday", 3, "'yesterday' is not a time")]
    [InlineData("a bad zone line", "zone example. ", "zone example. extra ", 2, "a zone line has 9 fields")]
    [InlineData("a bad failure count", "failures=3", "failures=x", 2, "'failures=' with a count")]
    [InlineData("a bad interval", "retry-interval=3600", "retry-interval=soon", 2, "'retry-interval=' with seconds")]
    [InlineData("a bad sighting count", " seen=2 ", " seen=-1 ", 5, "'seen=' with a count")]
    [InlineData("a bad key", "ttl=3600 257", "ttl=3600 25x", 3, "DNSKEY fields")]
    public void Parse_BadFieldWithValidChecksum_RefusedNamingTheLine(string description, string from, string to, int line, string reason)
    {
        string body = AnchorStateText.Format(SampleState());
        body = body[..body.LastIndexOf("checksum", StringComparison.Ordinal)];
        string text = Resign(ReplaceFirst(body, from, to));

        AnchorStateResult read = AnchorStateText.Parse(text, "state");

        Assert.Equal(AnchorStateError.Corrupt, read.Error);
        Assert.True(line == read.Line, $"{description}: {read.Reason}");
        Assert.Contains(reason, read.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_Version1_ReadWithoutTheQueryAndSightingFields()
    {
        string body = "dnssec-anchor-state 1\n" +
            "zone example. last-refresh=2026-03-04T05:06:07Z next-refresh=2026-03-04T17:06:07Z\n" +
            "key ADDPEND first-seen=2026-03-04T05:06:07Z last-change=2026-03-04T05:06:07Z hold-down-start=2026-03-04T05:06:07Z ttl=3600 257 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4=\n";

        AnchorStateResult read = AnchorStateText.Parse(Resign(body), "state");

        Assert.True(read.IsSuccess, read.Reason);
        TrustPoint point = Assert.Single(read.TrustPoints);
        Assert.Null(point.LastQueried);
        Assert.Equal(0, point.FailedQueries);
        Assert.Null(point.ActiveInterval);
        Assert.Equal(1, Assert.Single(point.Keys).Sightings);
    }

    internal static IReadOnlyList<TrustPoint> SampleState()
    {
        DnsName zone = DnsName.Parse("example.");
        SigningKey[] keys = [.. Enumerable.Range(0, 6).Select(_ => SigningKey.Generate(zone, DnssecAlgorithm.ED25519, 257))];
        TrackedKeyState[] states = Enum.GetValues<TrackedKeyState>();
        TrackedKey[] tracked = [.. states.Select((s, i) => new TrackedKey(keys[i].Dnskey, s, Time, Time.AddDays(i), s is TrackedKeyState.AddPend or TrackedKeyState.Revoked ? Time.AddHours(i) : null) { Sightings = s == TrackedKeyState.AddPend ? 2 : 0 })];
        // The Valid key comes first so that the format's example lines are predictable.
        TrackedKey[] ordered = [tracked[2], .. tracked.Where((_, i) => i != 2)];
        DnsName other = DnsName.Parse("example.org.");
        TrustPoint second = TrustPoint.Create(other, [SigningKey.Generate(other, DnssecAlgorithm.ECDSAP256SHA256, 257).Dnskey], Time) with { NextRefresh = Time.AddDays(1) };
        TrustPoint first = new TrustPoint(zone, ordered, Time, Time.AddHours(12))
        {
            LastQueried = Time.AddHours(1),
            FailedQueries = 3,
            ActiveInterval = TimeSpan.FromHours(12),
            RetryInterval = TimeSpan.FromHours(1),
        };
        return [first, second];
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        int at = text.IndexOf(from, StringComparison.Ordinal);
        return text[..at] + to + text[(at + from.Length)..];
    }

    private static string Resign(string body) =>
        body + "checksum sha256=" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(body))) + "\n";
}
