using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>Hexadecimal for digests, salts and generic RDATA: printed in upper case as BIND does, read in either case with whitespace allowed.</summary>
internal static class HexText
{
    private const string Digits = "0123456789ABCDEF";

    /// <summary>Appends <paramref name="data"/> as upper-case hexadecimal without separators.</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            builder.Append(Digits[b >> 4]).Append(Digits[b & 0xF]);
        }
    }

    /// <summary>Decodes hexadecimal text, skipping whitespace, onto the end of <paramref name="output"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        int high = -1;
        foreach (char c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n')
            {
                continue;
            }

            int value = Value(c);
            if (value < 0)
            {
                error = $"invalid hexadecimal digit {CharText.Describe(c)}";
                return false;
            }

            if (high < 0)
            {
                high = value;
                continue;
            }

            output.GetSpan(1)[0] = (byte)((high << 4) | value);
            output.Advance(1);
            high = -1;
        }

        if (high >= 0)
        {
            error = "odd number of hexadecimal digits";
            return false;
        }

        error = null;
        return true;
    }

    /// <summary>The value of one hexadecimal digit, or -1.</summary>
    public static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
