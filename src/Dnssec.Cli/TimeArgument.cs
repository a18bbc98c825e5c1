using System.Globalization;

namespace Dnssec.Cli;

/// <summary>Parses the --time forms users of dig, delv and ldns know: ISO 8601, YYYYMMDDHHmmSS (as in RRSIG), or Unix seconds.</summary>
internal static class TimeArgument
{
    public static bool TryParse(string text, out DateTimeOffset time)
    {
        if (text.Length == 14 && DateTimeOffset.TryParseExact(text, "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time))
        {
            return true;
        }

        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds) && seconds <= 253402300799)
        {
            time = DateTimeOffset.FromUnixTimeSeconds(seconds);
            return true;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
