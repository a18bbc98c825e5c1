using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>RRSIG inception and expiration times as YYYYMMDDHHmmSS in UTC or as plain seconds (RFC 4034 §3.2).</summary>
internal static class TimeText
{
    private const long SecondsPerDay = 86400;

    /// <summary>
    /// Appends a 32-bit time as YYYYMMDDHHmmSS, read as seconds since 1970 so that every value prints the same way
    /// whatever the clock says (BIND instead picks the 2^32-second window nearest to now; the two agree until 2038).
    /// </summary>
    public static void Append(StringBuilder builder, uint seconds)
    {
        DateTime time = DateTime.UnixEpoch.AddSeconds(seconds);
        AppendDigits(builder, time.Year, 4);
        AppendDigits(builder, time.Month, 2);
        AppendDigits(builder, time.Day, 2);
        AppendDigits(builder, time.Hour, 2);
        AppendDigits(builder, time.Minute, 2);
        AppendDigits(builder, time.Second, 2);
    }

    /// <summary>
    /// Parses YYYYMMDDHHmmSS (years 1970 to 9999, second 60 allowed for a leap second) or a decimal number of up to
    /// ten digits that fits 32 bits. Dates past 2106 wrap modulo 2^32, as the serial arithmetic of RFC 4034 §3.1.5 reads them.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out uint seconds, [NotNullWhen(false)] out string? error)
    {
        seconds = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                error = "a signature time is YYYYMMDDHHmmSS or a number of seconds";
                return false;
            }
        }

        if (text.Length is > 0 and <= 10)
        {
            ulong value = ulong.Parse(text, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (value > uint.MaxValue)
            {
                error = "a signature time in seconds must fit in 32 bits";
                return false;
            }

            seconds = (uint)value;
            error = null;
            return true;
        }

        if (text.Length != 14)
        {
            error = "a signature time is YYYYMMDDHHmmSS or a number of seconds";
            return false;
        }

        int year = Number(text[..4]);
        int month = Number(text.Slice(4, 2));
        int day = Number(text.Slice(6, 2));
        int hour = Number(text.Slice(8, 2));
        int minute = Number(text.Slice(10, 2));
        int second = Number(text.Slice(12, 2));
        if (year < 1970 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 60)
        {
            error = "the signature time is not a valid date and time";
            return false;
        }

        long days = (long)(new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Utc) - DateTime.UnixEpoch).TotalDays;
        long total = (days * SecondsPerDay) + (hour * 3600) + (minute * 60) + second;
        seconds = (uint)(total & uint.MaxValue);
        error = null;
        return true;
    }

    private static int Number(ReadOnlySpan<char> digits)
    {
        int value = 0;
        foreach (char c in digits)
        {
            value = (value * 10) + (c - '0');
        }

        return value;
    }

    private static void AppendDigits(StringBuilder builder, int value, int width)
    {
        Span<char> digits = stackalloc char[4];
        for (int i = width - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + (value % 10));
            value /= 10;
        }

        builder.Append(digits[..width]);
    }
}
