using System.Text;

namespace Dnssec.Wire;

public sealed partial class DnsName
{
    /// <summary>Parses a name in presentation form with <c>\DDD</c> and <c>\X</c> escapes; a name without a final dot is taken as absolute.</summary>
    /// <exception cref="FormatException">The text is not a valid name; the message says why.</exception>
    public static DnsName Parse(string text) => Parse(text.AsSpan(), Root);

    /// <summary>Parses a name in presentation form; a name without a final dot is relative to <paramref name="origin"/>.</summary>
    /// <exception cref="FormatException">The text is not a valid name; the message says why.</exception>
    public static DnsName Parse(ReadOnlySpan<char> text, DnsName origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        if (!TryParseCore(text, origin, out DnsName? name, out string? error))
        {
            throw new FormatException($"Invalid domain name '{text}': {error}");
        }

        return name;
    }

    /// <summary>Parses a name in presentation form without throwing; a name without a final dot is taken as absolute.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DnsName? name)
    {
        name = null;
        return text is not null && TryParseCore(text, Root, out name, out _);
    }

    /// <summary>Parses a name in presentation form without throwing; a name without a final dot is relative to <paramref name="origin"/>.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, DnsName origin, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DnsName? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(origin);
        return TryParseCore(text, origin, out name, out error);
    }

    private static bool TryParseCore(ReadOnlySpan<char> text, DnsName origin, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DnsName? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        name = null;
        if (text.IsEmpty)
        {
            error = "the name is empty";
            return false;
        }

        if (text is ".")
        {
            name = Root;
            error = null;
            return true;
        }

        Span<byte> buffer = stackalloc byte[MaxLength + 4];
        int labelStart = 0;
        int position = 1;
        int labels = 0;
        bool absolute = false;
        Span<byte> utf8 = stackalloc byte[4];
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
            {
                int labelLength = position - labelStart - 1;
                if (labelLength == 0)
                {
                    error = "empty label";
                    return false;
                }

                buffer[labelStart] = (byte)labelLength;
                labels++;
                if (i == text.Length - 1)
                {
                    // The final dot stands for the root label, which goes where the next length octet would have.
                    absolute = true;
                    break;
                }

                labelStart = position;
                position++;
                continue;
            }

            int value;
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    error = "dangling backslash at the end";
                    return false;
                }

                if (char.IsAsciiDigit(text[i + 1]))
                {
                    if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                    {
                        error = "\\DDD escape needs three digits";
                        return false;
                    }

                    value = ((text[i + 1] - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
                    if (value > 255)
                    {
                        error = $"\\{value} escape is over 255";
                        return false;
                    }

                    i += 3;
                }
                else
                {
                    value = text[++i];
                }
            }
            else
            {
                value = c;
            }

            if (value <= 0xFF)
            {
                if (!Append(buffer, ref position, labelStart, (byte)value, out error))
                {
                    return false;
                }
            }
            else
            {
                // Characters beyond Latin-1 become their UTF-8 octets; Latin-1 maps one to one, so raw octets read as Latin-1 survive.
                // A surrogate pair is one character with one UTF-8 sequence; a lone surrogate decodes as U+FFFD.
                _ = Rune.DecodeFromUtf16(text[i..], out Rune rune, out int charsUsed);
                i += charsUsed - 1;
                int count = rune.EncodeToUtf8(utf8);
                for (int k = 0; k < count; k++)
                {
                    if (!Append(buffer, ref position, labelStart, utf8[k], out error))
                    {
                        return false;
                    }
                }
            }
        }

        if (!absolute)
        {
            int labelLength = position - labelStart - 1;
            buffer[labelStart] = (byte)labelLength;
            labels++;
        }

        buffer[position++] = 0;
        if (position > MaxLength)
        {
            error = $"the name is longer than {MaxLength} octets";
            return false;
        }

        var own = new DnsName(buffer[..position].ToArray(), labels);
        if (absolute || origin.IsRoot)
        {
            name = own;
        }
        else
        {
            if (position - 1 + origin.WireLength > MaxLength)
            {
                error = $"the name with origin {origin} is longer than {MaxLength} octets";
                return false;
            }

            name = own.Concat(origin);
        }

        error = null;
        return true;
    }

    private static bool Append(Span<byte> buffer, ref int position, int labelStart, byte value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
    {
        if (position - labelStart > MaxLabelLength)
        {
            error = $"label longer than {MaxLabelLength} octets";
            return false;
        }

        if (position >= MaxLength)
        {
            error = $"the name is longer than {MaxLength} octets";
            return false;
        }

        buffer[position++] = value;
        error = null;
        return true;
    }

    /// <summary>The presentation form with a final dot, escaping special characters as <c>\X</c> and unprintable octets as <c>\DDD</c>.</summary>
    public override string ToString()
    {
        if (IsRoot)
        {
            return ".";
        }

        // Most names need no escape: then the text is the wire form with each length octet after the first as a dot,
        // written straight into the string instead of through a StringBuilder.
        if (!NeedsEscape(_wire))
        {
            return string.Create(_wire.Length - 1, _wire, static (text, wire) =>
            {
                int position = 0;
                while (wire[position] != 0)
                {
                    int length = wire[position];
                    for (int i = 0; i < length; i++)
                    {
                        text[position + i] = (char)wire[position + 1 + i];
                    }

                    text[position + length] = '.';
                    position += length + 1;
                }
            });
        }

        var builder = new StringBuilder(_wire.Length + 8);
        AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>Whether any label octet of <paramref name="wire"/> is written escaped (see <see cref="AppendLabel"/>).</summary>
    private static bool NeedsEscape(ReadOnlySpan<byte> wire)
    {
        int position = 0;
        while (wire[position] != 0)
        {
            int length = wire[position];
            foreach (byte b in wire.Slice(position + 1, length))
            {
                if (IsSpecial(b) || b is < 0x21 or > 0x7E)
                {
                    return true;
                }
            }

            position += length + 1;
        }

        return false;
    }

    /// <summary>Appends the presentation form with a final dot to <paramref name="builder"/>.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsRoot)
        {
            builder.Append('.');
            return;
        }

        int position = 0;
        while (_wire[position] != 0)
        {
            int length = _wire[position];
            AppendLabel(builder, _wire.AsSpan(position + 1, length));
            builder.Append('.');
            position += length + 1;
        }
    }

    /// <summary>Appends one label in presentation form, escaping as BIND does.</summary>
    internal static void AppendLabel(StringBuilder builder, ReadOnlySpan<byte> label)
    {
        foreach (byte b in label)
        {
            if (IsSpecial(b))
            {
                builder.Append('\\').Append((char)b);
            }
            else if (b is < 0x21 or > 0x7E)
            {
                builder.Append('\\').Append((char)('0' + (b / 100))).Append((char)('0' + (b / 10 % 10))).Append((char)('0' + (b % 10)));
            }
            else
            {
                builder.Append((char)b);
            }
        }
    }

    /// <summary>Whether a printable octet is escaped as <c>\X</c> because zone files give it a meaning.</summary>
    private static bool IsSpecial(byte b) =>
        b is (byte)'.' or (byte)'\\' or (byte)'"' or (byte)'(' or (byte)')' or (byte)';' or (byte)'@' or (byte)'$';
}
