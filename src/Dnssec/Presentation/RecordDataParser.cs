using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>Builds RDATA from the presentation-form fields of an entry by walking its type's <see cref="RecordSchema"/>.</summary>
internal static class RecordDataParser
{
    /// <summary>The token that introduces the generic RDATA form of RFC 3597 §5.</summary>
    public const string GenericMarker = @"\#";

    /// <summary>
    /// Parses the rest of the entry as RDATA of <paramref name="type"/>, in the type's own syntax or in the generic
    /// <c>\# length hex</c> form, and checks that nothing is left over.
    /// </summary>
    /// <exception cref="ZoneFileException">A field is missing, malformed or out of range, or extra text follows.</exception>
    public static byte[] Parse(EntryCursor cursor, RecordType type, ArrayBufferWriter<byte> output)
    {
        output.Clear();
        string typeName = Mnemonics.FormatRecordType(type);
        if (!cursor.AtEnd && cursor.Peek().Is(GenericMarker))
        {
            ParseGeneric(cursor, output);
        }
        else
        {
            RecordSchema schema = RecordSchema.Get(type);
            if (schema.IsOpaque)
            {
                ZoneToken at = cursor.AtEnd ? default : cursor.Peek();
                string reason = $"{typeName} RDATA can only be given in the generic form '\\# length hex' (RFC 3597 §5)";
                throw cursor.AtEnd ? cursor.ErrorAtEnd(reason) : cursor.Error(at, reason);
            }

            FieldKind[] fields = schema.Fields;
            for (int i = 0; i < fields.Length; i++)
            {
                ParseField(cursor, fields[i], type, typeName, i, output);
            }
        }

        if (!cursor.AtEnd)
        {
            ZoneToken extra = cursor.Peek();
            throw cursor.Error(extra, $"unexpected '{extra.Text}' after the end of the {typeName} RDATA");
        }

        return output.WrittenSpan.ToArray();
    }

    private static void ParseGeneric(EntryCursor cursor, ArrayBufferWriter<byte> output)
    {
        cursor.Next(GenericMarker);
        ZoneToken lengthToken = cursor.NextWord("RDATA length after \\#");
        if (!TryParseNumber(lengthToken.Span, ushort.MaxValue, out uint length))
        {
            throw cursor.Error(lengthToken, $"invalid RDATA length '{lengthToken.Text}' after \\# (0 to 65535)");
        }

        if (length == 0 && cursor.AtEnd)
        {
            return;
        }

        DecodeRest(cursor, output, "hexadecimal RDATA", base64: false);
        if (output.WrittenCount != length)
        {
            throw cursor.Error(lengthToken, $"\\# says {length} octets but {output.WrittenCount} follow");
        }
    }

    private static void ParseField(EntryCursor cursor, FieldKind field, RecordType type, string typeName, int index, ArrayBufferWriter<byte> output)
    {
        switch (field)
        {
            case FieldKind.Name:
                // Every RRSIG of a zone names the same signer: parse it once.
                ZoneToken nameToken = cursor.Next("domain name");
                DnsName name = type is RecordType.RRSIG or RecordType.SIG ? cursor.ParseRepeatedName(nameToken, "domain name") : cursor.ParseName(nameToken, "domain name");
                output.Write(name.WireForm);
                break;
            case FieldKind.UInt8:
                WriteUInt8(output, ParseUInt8(cursor, type, typeName, index));
                break;
            case FieldKind.UInt16:
                WriteUInt16(output, (ushort)ParseNumber(cursor, ushort.MaxValue, "16-bit number", typeName));
                break;
            case FieldKind.UInt32:
                WriteUInt32(output, IsTimerField(type, index) ? ParseTimer(cursor, typeName) : ParseNumber(cursor, uint.MaxValue, "32-bit number", typeName));
                break;
            case FieldKind.Time:
                ZoneToken timeToken = cursor.NextWord("signature time");
                if (!TimeText.TryParse(timeToken.Span, out uint seconds, out string? timeError))
                {
                    throw cursor.Error(timeToken, $"invalid signature time '{timeToken.Text}' in {typeName} record: {timeError}");
                }

                WriteUInt32(output, seconds);
                break;
            case FieldKind.TypeCode:
                WriteUInt16(output, (ushort)ParseType(cursor, cursor.NextWord("record type"), typeName));
                break;
            case FieldKind.Ipv4 or FieldKind.Ipv6:
                ParseAddress(cursor, field == FieldKind.Ipv4, typeName, output);
                break;
            case FieldKind.CharacterString:
                ParseCharacterString(cursor, cursor.Next("character string"), typeName, output);
                break;
            case FieldKind.CharacterStrings:
                do
                {
                    ParseCharacterString(cursor, cursor.Next("character string"), typeName, output);
                }
                while (!cursor.AtEnd);
                break;
            case FieldKind.Base64:
                // RFC 4034 §2.2 and §3.2: base64 at the end of RDATA may be split by whitespace. Empty data has no text
                // at all (BIND prints an empty RRSIG signature as nothing, and Unbound reads a missing last field as
                // empty), so an entry that ends before it gives empty data rather than an error.
                if (!cursor.AtEnd)
                {
                    DecodeRest(cursor, output, "base64 data", base64: true);
                }

                break;
            case FieldKind.Hex:
                DecodeRest(cursor, output, "hexadecimal data", base64: false);
                break;
            case FieldKind.SaltHex:
                ParseSalt(cursor, typeName, output);
                break;
            case FieldKind.HashBase32:
                ParseHashedOwner(cursor, typeName, output);
                break;
            case FieldKind.TypeBitmap:
                var types = new List<RecordType>();
                while (!cursor.AtEnd)
                {
                    types.Add(ParseType(cursor, cursor.NextWord("record type"), typeName));
                }

                output.Write(TypeBitmap.Encode(types));
                break;
            case FieldKind.ServiceParameters:
                ServiceParameterText.Parse(cursor, output);
                break;
            case FieldKind.CaaTag:
                ParseCaaTag(cursor, output);
                break;
            case FieldKind.QuotedRest:
                ZoneToken restToken = cursor.Next("quoted string");
                Decode(cursor, restToken, output, typeName);
                break;
            case FieldKind.Eui48 or FieldKind.Eui64:
                ParseEui(cursor, field == FieldKind.Eui48 ? 6 : 8, typeName, output);
                break;
            default:
                throw new InvalidOperationException($"Field kind {field} has no text form.");
        }
    }

    /// <summary>Whether the field takes TTL syntax such as <c>1h</c>: BIND allows it for the four SOA timers.</summary>
    private static bool IsTimerField(RecordType type, int index) => type == RecordType.SOA && index >= 3;

    /// <summary>Whether the field is a DNSSEC algorithm, which BIND also accepts as a mnemonic.</summary>
    private static bool IsAlgorithmField(RecordType type, int index) => type switch
    {
        RecordType.DNSKEY or RecordType.CDNSKEY or RecordType.KEY => index == 2,
        RecordType.RRSIG or RecordType.SIG or RecordType.DS or RecordType.CDS or RecordType.TA or RecordType.DLV => index == 1,
        _ => false,
    };

    private static byte ParseUInt8(EntryCursor cursor, RecordType type, string typeName, int index)
    {
        if (!IsAlgorithmField(type, index))
        {
            return (byte)ParseNumber(cursor, byte.MaxValue, "8-bit number", typeName);
        }

        ZoneToken token = cursor.NextWord("algorithm");
        return Mnemonics.TryParseAlgorithm(token.Span, out DnssecAlgorithm algorithm)
            ? (byte)algorithm
            : throw cursor.Error(token, $"invalid algorithm '{token.Text}' in {typeName} record");
    }

    private static uint ParseNumber(EntryCursor cursor, uint max, string what, string typeName)
    {
        ZoneToken token = cursor.NextWord(what);
        return TryParseNumber(token.Span, max, out uint value)
            ? value
            : throw cursor.Error(token, $"invalid {what} '{token.Text}' in {typeName} record (0 to {max})");
    }

    private static uint ParseTimer(EntryCursor cursor, string typeName)
    {
        ZoneToken token = cursor.NextWord("time value");
        return TtlText.TryParse(token.Span, out uint value, out string? error)
            ? value
            : throw cursor.Error(token, $"invalid time value '{token.Text}' in {typeName} record: {error}");
    }

    /// <summary>Parses up to ten decimal digits, leading zeros allowed, no sign.</summary>
    private static bool TryParseNumber(ReadOnlySpan<char> text, uint max, out uint value)
    {
        value = 0;
        if (text.Length is 0 or > 10)
        {
            return false;
        }

        ulong result = 0;
        foreach (char c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            result = (result * 10) + (ulong)(c - '0');
        }

        if (result > max)
        {
            return false;
        }

        value = (uint)result;
        return true;
    }

    private static RecordType ParseType(EntryCursor cursor, ZoneToken token, string typeName) =>
        Mnemonics.TryParseRecordType(token.Span, out RecordType type)
            ? type
            : throw cursor.Error(token, $"unknown record type '{token.Text}' in {typeName} record");

    private static void ParseAddress(EntryCursor cursor, bool ipv4, string typeName, ArrayBufferWriter<byte> output)
    {
        string what = ipv4 ? "IPv4 address" : "IPv6 address";
        ZoneToken token = cursor.NextWord(what);
        int size = ipv4 ? 4 : 16;
        Span<byte> address = output.GetSpan(size)[..size];
        bool valid = ipv4 ? AddressText.TryParseIPv4(token.Span, address) : AddressText.TryParseIPv6(token.Span, address);
        if (!valid)
        {
            throw cursor.Error(token, $"invalid {what} '{token.Text}' in {typeName} record");
        }

        output.Advance(size);
    }

    private static void ParseCharacterString(EntryCursor cursor, ZoneToken token, string typeName, ArrayBufferWriter<byte> output)
    {
        var text = new ArrayBufferWriter<byte>();
        Decode(cursor, token, text, typeName);
        if (text.WrittenCount > byte.MaxValue)
        {
            throw cursor.Error(token, $"character string is {text.WrittenCount} octets long; the most is 255 (RFC 1035 §3.3)");
        }

        WriteUInt8(output, (byte)text.WrittenCount);
        output.Write(text.WrittenSpan);
    }

    private static void Decode(EntryCursor cursor, ZoneToken token, ArrayBufferWriter<byte> output, string typeName)
    {
        if (!CharacterStringText.TryDecode(token.Span, output, out string? error))
        {
            throw cursor.Error(token, $"invalid string in {typeName} record: {error}");
        }
    }

    /// <summary>Decodes the rest of the entry as one base64 or hex field that whitespace may split (RFC 4034 §2.2, RFC 3597 §5).</summary>
    private static void DecodeRest(EntryCursor cursor, ArrayBufferWriter<byte> output, string what, bool base64)
    {
        if (cursor.AtEnd)
        {
            throw cursor.ErrorAtEnd($"missing {what}");
        }

        ZoneToken first = cursor.NextWord(what);
        bool valid;
        string? error;
        if (cursor.AtEnd)
        {
            valid = Decode(first.Span, output, base64, out error);
        }
        else
        {
            // Split fields are joined in a pooled buffer rather than a new string per record.
            char[] joined = ArrayPool<char>.Shared.Rent(Math.Max(1024, first.Span.Length * 2));
            first.Span.CopyTo(joined);
            int length = first.Span.Length;
            while (!cursor.AtEnd)
            {
                ReadOnlySpan<char> part = cursor.NextWord(what).Span;
                if (part.Length > joined.Length - length)
                {
                    char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(joined.Length * 2, length + part.Length));
                    joined.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<char>.Shared.Return(joined);
                    joined = larger;
                }

                part.CopyTo(joined.AsSpan(length));
                length += part.Length;
            }

            valid = Decode(joined.AsSpan(0, length), output, base64, out error);
            ArrayPool<char>.Shared.Return(joined);
        }

        if (!valid)
        {
            throw cursor.Error(first, $"invalid {what}: {error}");
        }

        static bool Decode(ReadOnlySpan<char> text, ArrayBufferWriter<byte> output, bool base64, out string? error) =>
            base64 ? Base64Text.TryDecode(text, output, out error) : HexText.TryDecode(text, output, out error);
    }

    private static void ParseSalt(EntryCursor cursor, string typeName, ArrayBufferWriter<byte> output)
    {
        ZoneToken token = cursor.NextWord("salt");
        var salt = new ArrayBufferWriter<byte>();

        // RFC 5155 §3.3: "-" stands for an empty salt.
        if (!token.Span.SequenceEqual("-") && !HexText.TryDecode(token.Span, salt, out string? error))
        {
            throw cursor.Error(token, $"invalid salt '{token.Text}' in {typeName} record: {error}");
        }

        if (salt.WrittenCount > byte.MaxValue)
        {
            throw cursor.Error(token, $"salt is {salt.WrittenCount} octets long; the most is 255");
        }

        WriteUInt8(output, (byte)salt.WrittenCount);
        output.Write(salt.WrittenSpan);
    }

    private static void ParseHashedOwner(EntryCursor cursor, string typeName, ArrayBufferWriter<byte> output)
    {
        ZoneToken token = cursor.NextWord("next hashed owner name");
        var hash = new ArrayBufferWriter<byte>();
        if (!Base32HexText.TryDecode(token.Span, hash, out string? error))
        {
            throw cursor.Error(token, $"invalid next hashed owner name '{token.Text}' in {typeName} record: {error}");
        }

        if (hash.WrittenCount is 0 or > byte.MaxValue)
        {
            throw cursor.Error(token, $"next hashed owner name is {hash.WrittenCount} octets long; it must be 1 to 255");
        }

        WriteUInt8(output, (byte)hash.WrittenCount);
        output.Write(hash.WrittenSpan);
    }

    private static void ParseCaaTag(EntryCursor cursor, ArrayBufferWriter<byte> output)
    {
        ZoneToken token = cursor.NextWord("CAA tag");
        string tag = token.Text;

        // RFC 8659 §4.1: the tag is 1 to 255 ASCII letters and digits.
        if (tag.Length is 0 or > byte.MaxValue || !IsAsciiLettersOrDigits(tag))
        {
            throw cursor.Error(token, $"invalid CAA tag '{tag}': a tag is 1 to 255 ASCII letters and digits");
        }

        WriteUInt8(output, (byte)tag.Length);
        Encoding.ASCII.GetBytes(tag, output.GetSpan(tag.Length));
        output.Advance(tag.Length);
    }

    private static void ParseEui(EntryCursor cursor, int size, string typeName, ArrayBufferWriter<byte> output)
    {
        ZoneToken token = cursor.NextWord("EUI address");
        string text = token.Text;

        // RFC 7043 §3.2 and §4.2: pairs of hexadecimal digits joined by hyphens.
        Span<byte> address = output.GetSpan(size)[..size];
        bool valid = text.Length == (size * 3) - 1;
        for (int i = 0; valid && i < size; i++)
        {
            int high = HexText.Value(text[i * 3]);
            int low = HexText.Value(text[(i * 3) + 1]);
            valid = high >= 0 && low >= 0 && (i == size - 1 || text[(i * 3) + 2] == '-');
            address[i] = (byte)((high << 4) | low);
        }

        if (!valid)
        {
            throw cursor.Error(token, $"invalid address '{text}' in {typeName} record: expected {size} hexadecimal pairs joined by '-'");
        }

        output.Advance(size);
    }

    private static void WriteUInt8(ArrayBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    private static void WriteUInt16(ArrayBufferWriter<byte> output, ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(output.GetSpan(2), value);
        output.Advance(2);
    }

    private static void WriteUInt32(ArrayBufferWriter<byte> output, uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(output.GetSpan(4), value);
        output.Advance(4);
    }

    /// <summary>Whether every character is an ASCII letter or digit.</summary>
    private static bool IsAsciiLettersOrDigits(ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
