using System.Buffers.Binary;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>
/// Prints records in zone-file presentation form the way BIND 9.18 prints them, field by field from the type's RDATA
/// layout, on one line. RDATA that its type's syntax cannot show faithfully (an unknown layout, or bytes that would
/// not read back the same) is printed in the generic form of RFC 3597 §5 instead.
/// </summary>
public static class RecordTextFormatter
{
    /// <summary>The record as one zone-file line: absolute owner, TTL, class, type and RDATA separated by single spaces.</summary>
    public static string Format(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var builder = new StringBuilder(64 + (record.Data.Length * 2));
        AppendRecord(builder, record);
        return builder.ToString();
    }

    /// <summary>Appends the record as one zone-file line, without a line break.</summary>
    public static void AppendRecord(StringBuilder builder, DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(record);
        record.Owner.AppendTo(builder);
        builder.Append(' ').Append(record.Ttl)
            .Append(' ').Append(Mnemonics.FormatClass(record.Class))
            .Append(' ').Append(Mnemonics.FormatRecordType(record.Type))
            .Append(' ');
        AppendData(builder, record.Type, record.Data.Span);
    }

    /// <summary>The RDATA of the record in presentation form.</summary>
    public static string FormatData(DnsRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return FormatData(record.Type, record.Data.Span);
    }

    /// <summary>RDATA of <paramref name="type"/> in presentation form.</summary>
    public static string FormatData(RecordType type, ReadOnlySpan<byte> data)
    {
        var builder = new StringBuilder(16 + (data.Length * 2));
        AppendData(builder, type, data);
        return builder.ToString();
    }

    /// <summary>Appends RDATA of <paramref name="type"/> in presentation form.</summary>
    public static void AppendData(StringBuilder builder, RecordType type, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(builder);
        int mark = builder.Length;
        if (!TryAppendFields(builder, type, data))
        {
            builder.Length = mark;
            AppendGenericData(builder, data);
        }
    }

    /// <summary>Appends RDATA in the generic form of RFC 3597 §5: <c>\# length hex</c>, or <c>\# 0</c> when empty.</summary>
    public static void AppendGenericData(StringBuilder builder, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Append(@"\# ").Append(data.Length);
        if (!data.IsEmpty)
        {
            builder.Append(' ');
            HexText.Append(builder, data);
        }
    }

    private static bool TryAppendFields(StringBuilder builder, RecordType type, ReadOnlySpan<byte> data)
    {
        RecordSchema schema = RecordSchema.Get(type);
        if (schema.IsOpaque)
        {
            return false;
        }

        FieldKind[] fields = schema.Fields;
        int position = 0;
        for (int i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            if (!TryAppendField(builder, fields[i], data, ref position))
            {
                return false;
            }
        }

        return position == data.Length;
    }

    private static bool TryAppendField(StringBuilder builder, FieldKind field, ReadOnlySpan<byte> data, ref int position)
    {
        ReadOnlySpan<byte> rest = data[position..];
        switch (field)
        {
            case FieldKind.Name:
                return TryAppendName(builder, data, ref position);
            case FieldKind.UInt8:
                if (rest.IsEmpty)
                {
                    return false;
                }

                builder.Append(rest[0]);
                position += 1;
                return true;
            case FieldKind.UInt16 or FieldKind.TypeCode:
                if (rest.Length < 2)
                {
                    return false;
                }

                ushort value16 = BinaryPrimitives.ReadUInt16BigEndian(rest);
                if (field == FieldKind.TypeCode)
                {
                    builder.Append(Mnemonics.FormatRecordType((RecordType)value16));
                }
                else
                {
                    builder.Append(value16);
                }

                position += 2;
                return true;
            case FieldKind.UInt32 or FieldKind.Time:
                if (rest.Length < 4)
                {
                    return false;
                }

                uint value32 = BinaryPrimitives.ReadUInt32BigEndian(rest);
                if (field == FieldKind.Time)
                {
                    TimeText.Append(builder, value32);
                }
                else
                {
                    builder.Append(value32);
                }

                position += 4;
                return true;
            case FieldKind.Ipv4:
                if (rest.Length < 4)
                {
                    return false;
                }

                AddressText.AppendIPv4(builder, rest);
                position += 4;
                return true;
            case FieldKind.Ipv6:
                if (rest.Length < 16)
                {
                    return false;
                }

                AddressText.AppendIPv6(builder, rest);
                position += 16;
                return true;
            case FieldKind.CharacterString:
                return TryAppendCharacterString(builder, data, ref position);
            case FieldKind.CharacterStrings:
                if (rest.IsEmpty)
                {
                    return false;
                }

                while (position < data.Length)
                {
                    if (!TryAppendCharacterString(builder, data, ref position))
                    {
                        return false;
                    }

                    if (position < data.Length)
                    {
                        builder.Append(' ');
                    }
                }

                return true;
            case FieldKind.Base64 or FieldKind.Hex:
                // Empty data has no text form that BIND reads back; the generic form shows it instead.
                if (rest.IsEmpty)
                {
                    return false;
                }

                if (field == FieldKind.Base64)
                {
                    Base64Text.Append(builder, rest);
                }
                else
                {
                    HexText.Append(builder, rest);
                }

                position = data.Length;
                return true;
            case FieldKind.SaltHex or FieldKind.HashBase32:
                if (rest.IsEmpty || rest.Length < 1 + rest[0])
                {
                    return false;
                }

                ReadOnlySpan<byte> octets = rest.Slice(1, rest[0]);
                if (field == FieldKind.HashBase32)
                {
                    if (octets.IsEmpty)
                    {
                        return false;
                    }

                    Base32HexText.Append(builder, octets);
                }
                else if (octets.IsEmpty)
                {
                    // RFC 5155 §3.3: an empty salt is shown as "-".
                    builder.Append('-');
                }
                else
                {
                    HexText.Append(builder, octets);
                }

                position += 1 + octets.Length;
                return true;
            case FieldKind.TypeBitmap:
                if (!TryAppendTypeBitmap(builder, rest))
                {
                    return false;
                }

                position = data.Length;
                return true;
            case FieldKind.ServiceParameters:
                // The parameters bring their own leading spaces, so the separator before them goes.
                builder.Length--;
                position = data.Length;
                return ServiceParameterText.TryAppend(builder, rest);
            case FieldKind.CaaTag:
                if (rest.IsEmpty || rest[0] == 0 || rest.Length < 1 + rest[0])
                {
                    return false;
                }

                ReadOnlySpan<byte> tag = rest.Slice(1, rest[0]);
                foreach (byte b in tag)
                {
                    if (!char.IsAsciiLetterOrDigit((char)b))
                    {
                        return false;
                    }

                    builder.Append((char)b);
                }

                position += 1 + tag.Length;
                return true;
            case FieldKind.QuotedRest:
                CharacterStringText.AppendQuoted(builder, rest);
                position = data.Length;
                return true;
            case FieldKind.Eui48 or FieldKind.Eui64:
                int size = field == FieldKind.Eui48 ? 6 : 8;
                if (rest.Length < size)
                {
                    return false;
                }

                AppendEui(builder, rest[..size]);
                position += size;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Appends an uncompressed name from RDATA, checking it as it goes since the RDATA may not have been validated.</summary>
    private static bool TryAppendName(StringBuilder builder, ReadOnlySpan<byte> data, ref int position)
    {
        int cursor = position;
        int length = 1;
        while (true)
        {
            if (cursor >= data.Length)
            {
                return false;
            }

            int labelLength = data[cursor];
            if (labelLength == 0)
            {
                break;
            }

            length += 1 + labelLength;
            if (labelLength > DnsName.MaxLabelLength || cursor + 1 + labelLength > data.Length || length > DnsName.MaxLength)
            {
                return false;
            }

            DnsName.AppendLabel(builder, data.Slice(cursor + 1, labelLength));
            builder.Append('.');
            cursor += 1 + labelLength;
        }

        if (cursor == position)
        {
            builder.Append('.');
        }

        position = cursor + 1;
        return true;
    }

    private static bool TryAppendCharacterString(StringBuilder builder, ReadOnlySpan<byte> data, ref int position)
    {
        if (position >= data.Length || position + 1 + data[position] > data.Length)
        {
            return false;
        }

        CharacterStringText.AppendQuoted(builder, data.Slice(position + 1, data[position]));
        position += 1 + data[position];
        return true;
    }

    /// <summary>
    /// Appends the types of an NSEC-style bitmap in increasing order (RFC 4034 §4.1.2). A bitmap with windows out of
    /// order, empty windows or trailing zero octets is refused, since its types would read back to other bytes.
    /// </summary>
    private static bool TryAppendTypeBitmap(StringBuilder builder, ReadOnlySpan<byte> bitmap)
    {
        if (bitmap.IsEmpty)
        {
            // No types at all: the separator before the bitmap goes too.
            builder.Length--;
            return true;
        }

        int position = 0;
        int previousWindow = -1;
        bool first = true;
        while (position < bitmap.Length)
        {
            if (position + 2 > bitmap.Length)
            {
                return false;
            }

            int window = bitmap[position];
            int length = bitmap[position + 1];
            if (window <= previousWindow || length is 0 or > 32 || position + 2 + length > bitmap.Length || bitmap[position + 1 + length] == 0)
            {
                return false;
            }

            for (int i = 0; i < length; i++)
            {
                byte bits = bitmap[position + 2 + i];
                for (int bit = 0; bit < 8; bit++)
                {
                    if ((bits & (0x80 >> bit)) == 0)
                    {
                        continue;
                    }

                    if (!first)
                    {
                        builder.Append(' ');
                    }

                    builder.Append(Mnemonics.FormatRecordType((RecordType)((window << 8) | (i << 3) | bit)));
                    first = false;
                }
            }

            previousWindow = window;
            position += 2 + length;
        }

        return true;
    }

    /// <summary>Appends an EUI-48 or EUI-64 as lower-case hexadecimal pairs joined by hyphens, as RFC 7043 §3.2 shows them.</summary>
    private static void AppendEui(StringBuilder builder, ReadOnlySpan<byte> address)
    {
        const string HexDigits = "0123456789abcdef";
        for (int i = 0; i < address.Length; i++)
        {
            if (i > 0)
            {
                builder.Append('-');
            }

            builder.Append(HexDigits[address[i] >> 4]).Append(HexDigits[address[i] & 0xF]);
        }
    }
}
