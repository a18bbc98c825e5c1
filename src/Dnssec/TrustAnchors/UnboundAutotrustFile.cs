using System.Globalization;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.TrustAnchors;

/// <summary>
/// Unbound's autotrust file (auto-trust-anchor-file): one trust point with its keys and their RFC 5011 states, for
/// moving a resolver's state between Unbound and this library. The README says what is carried over and what is not.
/// </summary>
public static partial class UnboundAutotrustFile
{
    private static readonly string[] StateNames = ["  START  ", " ADDPEND ", "  VALID  ", " MISSING ", " REVOKED ", " REMOVED "];

    /// <summary>The file Unbound would write for <paramref name="trustPoint"/>.</summary>
    public static string Format(TrustPoint trustPoint)
    {
        ArgumentNullException.ThrowIfNull(trustPoint);
        var text = new StringBuilder("; autotrust trust anchor file\n");
        if (!trustPoint.HasUsableAnchor)
        {
            // Unbound marks a trust point whose keys are all revoked so that it is treated as having no anchor.
            text.Append(";;REVOKED\n; The zone has all keys revoked, and is\n; considered as if it has no trust anchors.\n");
        }

        long lastQueried = (trustPoint.LastQueried ?? trustPoint.LastRefresh)?.ToUnixTimeSeconds() ?? 0;
        long lastSuccess = trustPoint.LastRefresh?.ToUnixTimeSeconds() ?? 0;
        // Unbound stops probing a trust point without usable keys and writes 0 as its next probe.
        long next = trustPoint.HasUsableAnchor ? trustPoint.NextRefresh.ToUnixTimeSeconds() : 0;
        long interval = Seconds(trustPoint.ActiveInterval) ?? (trustPoint.LastRefresh is { } last ? Math.Max(next - last.ToUnixTimeSeconds(), 0) : (long)RefreshTimers.Floor.TotalSeconds);
        long retry = Seconds(trustPoint.RetryInterval) ?? (long)RefreshTimers.Floor.TotalSeconds;
        text.Append(CultureInfo.InvariantCulture, $";;id: {trustPoint.Zone} 1\n");
        text.Append(CultureInfo.InvariantCulture, $";;last_queried: {lastQueried} ;;{CTime(lastQueried)}\n");
        text.Append(CultureInfo.InvariantCulture, $";;last_success: {lastSuccess} ;;{CTime(lastSuccess)}\n");
        text.Append(CultureInfo.InvariantCulture, $";;next_probe_time: {next} ;;{CTime(next)}\n");
        text.Append(CultureInfo.InvariantCulture, $";;query_failed: {trustPoint.FailedQueries}\n;;query_interval: {interval}\n;;retry_time: {retry}\n");
        // Unbound forgets Start and Removed keys, so its file never lists them.
        foreach (TrackedKey key in trustPoint.Keys.Where(k => k.State is not (TrackedKeyState.Start or TrackedKeyState.Removed)))
        {
            AppendKey(text, trustPoint.Zone, key);
        }

        return text.ToString();
    }

    private static void AppendKey(StringBuilder text, DnsName zone, TrackedKey key)
    {
        DnskeyData data = DnskeyData.From(key.Dnskey);
        long change = key.LastChange.ToUnixTimeSeconds();
        text.Append(CultureInfo.InvariantCulture, $"{zone}\t{key.Dnskey.Ttl}\tIN\tDNSKEY\t{data.Flags} {data.Protocol} {(byte)data.Algorithm} {Convert.ToBase64String(data.PublicKey.Span)}");
        text.Append(CultureInfo.InvariantCulture, $" ;{{id = {key.KeyTag} ({(data.IsSecureEntryPoint ? "ksk" : "zsk")}), size = {KeySize(data)}b}}");
        text.Append(CultureInfo.InvariantCulture, $" ;;state={(int)key.State} [{StateNames[(int)key.State]}] ;;count={key.Sightings} ;;lastchange={change} ;;{CTime(change)}\n");
    }

    private static long? Seconds(TimeSpan? interval) => interval is { } value ? (long)value.TotalSeconds : null;

    private static int KeySize(DnskeyData data)
    {
        ReadOnlySpan<byte> key = data.PublicKey.Span;
        switch (data.Algorithm)
        {
            case DnssecAlgorithm.RSASHA1 or DnssecAlgorithm.RSASHA1NSEC3SHA1 or DnssecAlgorithm.RSASHA256 or DnssecAlgorithm.RSASHA512 when key.Length > 3:
                // RFC 3110 §2: a zero first octet means a two-octet exponent length follows; what is after the exponent is the modulus.
                int exponent = key[0] == 0 ? (key[1] << 8) | key[2] : key[0];
                int offset = (key[0] == 0 ? 3 : 1) + exponent;
                return offset < key.Length ? (key.Length - offset) * 8 : 0;
            case DnssecAlgorithm.ECDSAP256SHA256 or DnssecAlgorithm.ED25519:
                return 256;
            case DnssecAlgorithm.ECDSAP384SHA384:
                return 384;
            case DnssecAlgorithm.ED448:
                return 456;
            default:
                return key.Length * 8;
        }
    }

    private static string CTime(long seconds)
    {
        // C's ctime(): "Mon Aug 24 07:46:40 2009", the day of the month padded with a space; Unbound's tests run in UTC.
        DateTime time = DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime;
        return string.Create(CultureInfo.InvariantCulture, $"{time:ddd MMM} {time.Day,2} {time:HH:mm:ss yyyy}");
    }
}
