using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>The escapes of RFC 1035 §5.1 in character strings: <c>\X</c> for a literal X and <c>\DDD</c> for the octet DDD.</summary>
internal static class CharacterStringText
{
    /// <summary>
    /// Appends octets in double quotes as BIND prints them: <c>"</c> and <c>\</c> escaped with a backslash, octets
    /// outside printable ASCII as <c>\DDD</c>, everything else (space included) as it is.
    /// </summary>
    public static void AppendQuoted(StringBuilder builder, ReadOnlySpan<byte> value)
    {
        builder.Append('"');
        AppendEscaped(builder, value);
        builder.Append('"');
    }

    /// <summary>Appends octets with the escaping of <see cref="AppendQuoted"/> but without the quotes.</summary>
    public static void AppendEscaped(StringBuilder builder, ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
        {
            switch (b)
            {
                case (byte)'"' or (byte)'\\':
                    builder.Append('\\').Append((char)b);
                    break;
                case < 0x20 or >= 0x7F:
                    AppendDecimalEscape(builder, b);
                    break;
                default:
                    builder.Append((char)b);
                    break;
            }
        }
    }

    /// <summary>
    /// Decodes the escapes of raw token text onto the end of <paramref name="output"/>. Characters up to U+00FF are
    /// one octet each, so text read as Latin-1 keeps its bytes; characters beyond become their UTF-8 octets.
    /// </summary>
    public static bool TryDecode(ReadOnlySpan<char> text, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\\')
            {
                if (i + 1 >= text.Length)
                {
                    error = "backslash at the end of the text";
                    return false;
                }

                if (char.IsAsciiDigit(text[i + 1]))
                {
                    if (i + 3 >= text.Length || !char.IsAsciiDigit(text[i + 2]) || !char.IsAsciiDigit(text[i + 3]))
                    {
                        error = "a \\DDD escape needs three decimal digits";
                        return false;
                    }

                    int value = ((text[i + 1] - '0') * 100) + ((text[i + 2] - '0') * 10) + (text[i + 3] - '0');
                    if (value > 255)
                    {
                        error = $"escape \\{value} is over 255";
                        return false;
                    }

                    Write(output, (byte)value);
                    i += 3;
                    continue;
                }

                c = text[++i];
            }

            if (c <= 0xFF)
            {
                Write(output, (byte)c);
                continue;
            }

            Rune rune;
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                rune = new Rune(c, text[++i]);
            }
            else
            {
                rune = char.IsSurrogate(c) ? Rune.ReplacementChar : new Rune(c);
            }

            int written = rune.EncodeToUtf8(output.GetSpan(4));
            output.Advance(written);
        }

        error = null;
        return true;
    }

    private static void Write(IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Appends <c>\DDD</c> for one octet.</summary>
    private static void AppendDecimalEscape(StringBuilder builder, byte value) =>
        builder.Append('\\').Append((char)('0' + (value / 100))).Append((char)('0' + (value / 10 % 10))).Append((char)('0' + (value % 10)));
}
