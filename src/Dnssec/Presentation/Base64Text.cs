using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>Base64 (RFC 4648 §4) for DNSKEY, RRSIG and similar fields: padded, strict about stray bits, whitespace allowed between characters.</summary>
internal static class Base64Text
{
    private const int StackLimit = 1024;

    private static readonly SearchValues<char> NotPlainDigits = SearchValues.Create(" \t\r\n=");

    /// <summary>Appends the padded base64 form of <paramref name="data"/> on one line.</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<byte> data)
    {
        int length = ((data.Length + 2) / 3) * 4;
        char[]? rented = null;
        Span<char> chars = length <= StackLimit ? stackalloc char[StackLimit] : (rented = ArrayPool<char>.Shared.Rent(length));
        Convert.TryToBase64Chars(data, chars, out int written);
        builder.Append(chars[..written]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }
    }

    /// <summary>Decodes base64 text, skipping whitespace, onto the end of <paramref name="output"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        // Keys and signatures are mostly whole groups of plain digits: those go through the vectorised decoder, and only
        // the last group, where padding and its spare bits need the strict rules, through the loop below.
        if (text.Length > 4 && text.Length % 4 == 0 && !text[..^4].ContainsAny(NotPlainDigits))
        {
            ReadOnlySpan<char> body = text[..^4];
            if (Convert.TryFromBase64Chars(body, output.GetSpan(body.Length / 4 * 3), out int written))
            {
                output.Advance(written);
                text = text[^4..];
            }
        }

        int quantum = 0;
        int digits = 0;
        int padding = 0;
        foreach (char c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            if (c == '=')
            {
                // RFC 4648 §3.2: padding only completes the final group of four, as "xx==" or "xxx=".
                if (digits < 2 || digits + padding >= 4)
                {
                    error = "'=' padding where base64 data should be";
                    return false;
                }

                padding++;
                continue;
            }

            int value = Value(c);
            if (value < 0)
            {
                error = $"invalid base64 character {CharText.Describe(c)}";
                return false;
            }

            if (padding > 0)
            {
                error = "base64 data after '=' padding";
                return false;
            }

            quantum = (quantum << 6) | value;
            digits++;
            if (digits == 4)
            {
                Span<byte> bytes = output.GetSpan(3);
                bytes[0] = (byte)(quantum >> 16);
                bytes[1] = (byte)(quantum >> 8);
                bytes[2] = (byte)quantum;
                output.Advance(3);
                quantum = 0;
                digits = 0;
            }
        }

        return Finish(quantum, digits, padding, output, out error);
    }

    private static bool Finish(int quantum, int digits, int padding, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        if (digits == 0)
        {
            error = null;
            return true;
        }

        if (digits + padding != 4)
        {
            error = "base64 data ends in the middle of a group of four characters";
            return false;
        }

        // RFC 4648 §3.5: the bits the padding stands for must be zero, as BIND also requires.
        int spareBits = digits == 2 ? 4 : 2;
        if ((quantum & ((1 << spareBits) - 1)) != 0)
        {
            error = "base64 data has non-zero bits before the '=' padding";
            return false;
        }

        quantum >>= spareBits;
        int count = digits - 1;
        Span<byte> bytes = output.GetSpan(count);
        for (int i = 0; i < count; i++)
        {
            bytes[i] = (byte)(quantum >> (8 * (count - 1 - i)));
        }

        output.Advance(count);
        error = null;
        return true;
    }

    private static int Value(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
