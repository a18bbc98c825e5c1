using System.Diagnostics.CodeAnalysis;

namespace Dnssec.Presentation;

/// <summary>TTLs and SOA timers as BIND accepts them: plain seconds, or numbers with units such as <c>1h30m</c> or <c>1W</c>.</summary>
internal static class TtlText
{
    /// <summary>The largest TTL a record may carry (RFC 2181 §8).</summary>
    public const uint MaxTtl = int.MaxValue;

    /// <summary>
    /// Parses a plain decimal number, or one or more groups of digits each followed by a unit (w, d, h, m or s, in
    /// either case) that are added up; the result must fit in 32 bits.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out uint value, [NotNullWhen(false)] out string? error)
    {
        value = 0;
        ulong total = 0;
        int position = 0;
        bool units = false;
        while (position < text.Length)
        {
            int start = position;
            ulong number = 0;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                number = (number * 10) + (ulong)(text[position] - '0');
                if (number > uint.MaxValue)
                {
                    error = "the number is larger than 4294967295";
                    return false;
                }

                position++;
            }

            if (position == start)
            {
                error = "each unit needs a number before it";
                return false;
            }

            if (position == text.Length)
            {
                if (units)
                {
                    error = "the last number has no unit (w, d, h, m or s)";
                    return false;
                }

                total = number;
                break;
            }

            ulong scale = char.ToLowerInvariant(text[position]) switch
            {
                'w' => 7 * 86400,
                'd' => 86400,
                'h' => 3600,
                'm' => 60,
                's' => 1,
                _ => 0,
            };
            if (scale == 0)
            {
                error = $"unknown unit {CharText.Describe(text[position])}; units are w, d, h, m and s";
                return false;
            }

            units = true;
            total += number * scale;
            if (total > uint.MaxValue)
            {
                error = "the value is larger than 4294967295 seconds";
                return false;
            }

            position++;
        }

        if (position == 0)
        {
            error = "the value is empty";
            return false;
        }

        value = (uint)total;
        error = null;
        return true;
    }
}
