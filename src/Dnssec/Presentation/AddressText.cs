using System.Buffers.Binary;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>
/// IPv4 and IPv6 addresses in text. Parsing is as strict as <c>inet_pton</c> (no octal, no short IPv4 forms, no zone
/// index), and IPv6 prints as BIND prints it, which differs from <see cref="System.Net.IPAddress"/> for some embedded IPv4 forms.
/// </summary>
internal static class AddressText
{
    /// <summary>Appends a dotted-quad IPv4 address.</summary>
    public static void AppendIPv4(StringBuilder builder, ReadOnlySpan<byte> address)
    {
        builder.Append(address[0]).Append('.').Append(address[1]).Append('.').Append(address[2]).Append('.').Append(address[3]);
    }

    /// <summary>
    /// Appends an IPv6 address in RFC 5952 form: lower case, the first longest run of two or more zero groups as "::",
    /// and dotted IPv4 for the last 32 bits only after ::ffff: or when the first 96 bits alone are zero.
    /// </summary>
    public static void AppendIPv6(StringBuilder builder, ReadOnlySpan<byte> address)
    {
        Span<ushort> words = stackalloc ushort[8];
        for (int i = 0; i < 8; i++)
        {
            words[i] = BinaryPrimitives.ReadUInt16BigEndian(address[(2 * i)..]);
        }

        int bestStart = -1;
        int bestLength = 0;
        int runStart = -1;
        for (int i = 0; i <= 8; i++)
        {
            if (i < 8 && words[i] == 0)
            {
                if (runStart < 0)
                {
                    runStart = i;
                }

                continue;
            }

            if (runStart >= 0 && i - runStart > bestLength)
            {
                bestStart = runStart;
                bestLength = i - runStart;
            }

            runStart = -1;
        }

        // RFC 5952 §4.2.2: a single zero group is not shortened.
        if (bestLength < 2)
        {
            bestStart = -1;
        }

        for (int i = 0; i < 8; i++)
        {
            if (bestStart >= 0 && i >= bestStart && i < bestStart + bestLength)
            {
                if (i == bestStart)
                {
                    builder.Append(':');
                }

                continue;
            }

            if (i != 0)
            {
                builder.Append(':');
            }

            if (i == 6 && bestStart == 0 && (bestLength == 6 || (bestLength == 5 && words[5] == 0xFFFF)))
            {
                AppendIPv4(builder, address[12..]);
                return;
            }

            AppendHex(builder, words[i]);
        }

        if (bestStart >= 0 && bestStart + bestLength == 8)
        {
            builder.Append(':');
        }
    }

    /// <summary>Parses a dotted-quad IPv4 address: exactly four decimal octets, no leading zeros.</summary>
    public static bool TryParseIPv4(ReadOnlySpan<char> text, Span<byte> address)
    {
        int octet = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '.')
            {
                if (digits == 0 || octet == 4)
                {
                    return false;
                }

                address[octet++] = (byte)value;
                value = 0;
                digits = 0;
                continue;
            }

            char c = text[i];
            if (!char.IsAsciiDigit(c) || (digits == 1 && value == 0))
            {
                // A leading zero would be octal to some parsers, so inet_pton refuses it.
                return false;
            }

            value = (value * 10) + (c - '0');
            digits++;
            if (value > 255)
            {
                return false;
            }
        }

        return octet == 4;
    }

    /// <summary>Parses an IPv6 address in RFC 4291 §2.2 text form, with an optional trailing dotted IPv4 part.</summary>
    public static bool TryParseIPv6(ReadOnlySpan<char> text, Span<byte> address)
    {
        Span<ushort> words = stackalloc ushort[8];
        words.Clear();
        int count = 0;
        int gap = -1;
        int position = 0;
        if (text.StartsWith("::"))
        {
            gap = 0;
            position = 2;
            if (text.Length == 2)
            {
                address.Clear();
                return true;
            }
        }
        else if (text.IsEmpty || text[0] == ':')
        {
            return false;
        }

        while (position < text.Length)
        {
            int end = position;
            while (end < text.Length && text[end] != ':')
            {
                end++;
            }

            ReadOnlySpan<char> group = text[position..end];
            if (end == text.Length && group.Contains('.'))
            {
                if (count > 6)
                {
                    return false;
                }

                Span<byte> ipv4 = stackalloc byte[4];
                if (!TryParseIPv4(group, ipv4))
                {
                    return false;
                }

                words[count++] = BinaryPrimitives.ReadUInt16BigEndian(ipv4);
                words[count++] = BinaryPrimitives.ReadUInt16BigEndian(ipv4[2..]);
                position = end;
                break;
            }

            if (group.IsEmpty || group.Length > 4 || count == 8)
            {
                return false;
            }

            int value = 0;
            foreach (char c in group)
            {
                int digit = HexText.Value(c);
                if (digit < 0)
                {
                    return false;
                }

                value = (value << 4) | digit;
            }

            words[count++] = (ushort)value;
            position = end;
            if (position == text.Length)
            {
                break;
            }

            // Past a ':' there must be another group, or a second ':' that marks the one gap.
            position++;
            if (position < text.Length && text[position] == ':')
            {
                if (gap >= 0)
                {
                    return false;
                }

                gap = count;
                position++;
            }
            else if (position == text.Length)
            {
                return false;
            }
        }

        if (gap < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        Span<ushort> full = stackalloc ushort[8];
        full.Clear();
        int tail = count - Math.Max(gap, 0);
        if (gap < 0)
        {
            words.CopyTo(full);
        }
        else
        {
            words[..gap].CopyTo(full);
            words.Slice(gap, tail).CopyTo(full[(8 - tail)..]);
        }

        for (int i = 0; i < 8; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(address[(2 * i)..], full[i]);
        }

        return true;
    }

    private static void AppendHex(StringBuilder builder, ushort value)
    {
        const string HexDigits = "0123456789abcdef";
        bool started = false;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            int digit = (value >> shift) & 0xF;
            if (digit != 0 || started || shift == 0)
            {
                builder.Append(HexDigits[digit]);
                started = true;
            }
        }
    }
}
