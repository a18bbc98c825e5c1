using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Dnssec.Presentation;

/// <summary>Base32 with the extended hex alphabet and no padding (RFC 4648 §7), as NSEC3 uses for hashed owner names (RFC 5155 §3.3).</summary>
internal static class Base32HexText
{
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

    /// <summary>Appends <paramref name="data"/> in upper-case base32hex without padding, as BIND prints it.</summary>
    public static void Append(StringBuilder builder, ReadOnlySpan<byte> data)
    {
        int buffer = 0;
        int bits = 0;
        foreach (byte b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                builder.Append(Alphabet[(buffer >> bits) & 0x1F]);
            }
        }

        if (bits > 0)
        {
            builder.Append(Alphabet[(buffer << (5 - bits)) & 0x1F]);
        }
    }

    /// <summary>Decodes unpadded base32hex in either case onto the end of <paramref name="output"/>.</summary>
    public static bool TryDecode(ReadOnlySpan<char> text, IBufferWriter<byte> output, [NotNullWhen(false)] out string? error)
    {
        int buffer = 0;
        int bits = 0;
        foreach (char c in text)
        {
            int value = Value(c);
            if (value < 0)
            {
                error = c == '='
                    ? "base32hex here takes no '=' padding (RFC 5155 §3.3)"
                    : $"invalid base32hex character {CharText.Describe(c)}";
                return false;
            }

            buffer = ((buffer << 5) | value) & 0xFFF;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                output.GetSpan(1)[0] = (byte)(buffer >> bits);
                output.Advance(1);
            }
        }

        // RFC 4648 §6: a final partial group leaves 2, 4, 1 or 3 spare bits, which must be zero; 5 or more means a character too many.
        if (bits >= 5 || (buffer & ((1 << bits) - 1)) != 0)
        {
            error = "base32hex text has a length or final character that no octet string encodes to";
            return false;
        }

        error = null;
        return true;
    }

    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'V' => c - 'A' + 10,
        >= 'a' and <= 'v' => c - 'a' + 10,
        _ => -1,
    };
}
