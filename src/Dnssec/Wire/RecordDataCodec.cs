using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Dnssec.Wire;

/// <summary>Checks, decompresses and canonicalises RDATA by walking its type's <see cref="RecordSchema"/>.</summary>
internal static class RecordDataCodec
{
    /// <summary>
    /// Checks the RDATA at <paramref name="start"/> of <paramref name="length"/> octets against the layout of
    /// <paramref name="type"/> and returns its length once names are decompressed. Offsets in errors are relative to
    /// <paramref name="data"/>, which is the whole message when names may point into it.
    /// </summary>
    public static int Validate(ReadOnlySpan<byte> data, int start, int length, RecordType type, bool messageContext) =>
        Validate(data, start, length, type, messageContext, out _);

    /// <summary>
    /// Checks RDATA as <see cref="Validate(ReadOnlySpan{byte}, int, int, RecordType, bool)"/> does, and also tells whether
    /// any name in it is compressed. The lengths alone cannot tell: a pointer to the root is one octet longer than the
    /// name it stands for and a pointer to a one-label name one octet shorter, so the two can cancel out.
    /// </summary>
    public static int Validate(ReadOnlySpan<byte> data, int start, int length, RecordType type, bool messageContext, out bool compressed)
    {
        compressed = false;
        RecordSchema schema = RecordSchema.Get(type);
        if (schema.IsOpaque)
        {
            return length;
        }

        bool allowCompression = messageContext && schema.AcceptsCompression;
        int end = start + length;
        int position = start;
        int uncompressed = 0;
        foreach (SchemaStep step in schema.Steps)
        {
            if (step.FixedSize > 0)
            {
                // A run of fixed-size fields (the 18 octets before the RRSIG signer, an address) is checked at once.
                if (position + step.FixedSize > end)
                {
                    ShortInRun(schema.Fields, step, position, end, type);
                }

                position += step.FixedSize;
                uncompressed += step.FixedSize;
            }
            else if (step.IsRest)
            {
                uncompressed += end - position;
                position = end;
            }
            else
            {
                int size = FieldSize(data, position, end, step.Kind, type, allowCompression, out int expanded);
                position += size;
                uncompressed += expanded;

                // Only a name can differ in size once expanded, and it does exactly when it holds a pointer.
                compressed |= size != expanded;
            }
        }

        if (position != end)
        {
            ThrowLeftOver(position, end - position, type);
        }

        if (uncompressed > ushort.MaxValue)
        {
            ThrowInvalid(DnsFormatError.TooLarge, start, type, "RDATA is over 65535 octets once decompressed");
        }

        return uncompressed;
    }

    /// <summary>Copies checked RDATA to <paramref name="destination"/>, expanding compressed names; returns the length written.</summary>
    public static int Decompress(ReadOnlySpan<byte> message, int start, int length, RecordType type, Span<byte> destination)
    {
        RecordSchema schema = RecordSchema.Get(type);
        if (!schema.HasNames)
        {
            message.Slice(start, length).CopyTo(destination);
            return length;
        }

        int end = start + length;
        int position = start;
        int written = 0;
        foreach (SchemaStep step in schema.Steps)
        {
            int size;
            if (step.FixedSize > 0)
            {
                size = step.FixedSize;
            }
            else if (step.IsRest)
            {
                size = end - position;
            }
            else if (step.Kind == FieldKind.Name)
            {
                // The name was checked when the RDATA was; expanding it also tells how much of the RDATA it took.
                written += NameCodec.Decompress(message, position, destination[written..], out size, out _);
                position += size;
                continue;
            }
            else
            {
                size = FieldSize(message, position, end, step.Kind, type, allowCompression: true, out _);
            }

            message.Slice(position, size).CopyTo(destination[written..]);
            written += size;
            position += size;
        }

        return written;
    }

    /// <summary>Whether canonical form of this RDATA differs from the RDATA itself (RFC 4034 §6.2).</summary>
    public static bool NeedsCanonicalization(ReadOnlySpan<byte> rdata, RecordType type)
    {
        RecordSchema schema = RecordSchema.Get(type);
        return schema.LowercaseNames && AsciiCase.HasUpper(rdata);
    }

    /// <summary>Writes the canonical form of checked, uncompressed RDATA: names lower-cased where the type requires it.</summary>
    public static void Canonicalize(ReadOnlySpan<byte> rdata, RecordType type, Span<byte> destination)
    {
        rdata.CopyTo(destination);
        RecordSchema schema = RecordSchema.Get(type);
        if (!schema.LowercaseNames)
        {
            return;
        }

        int position = 0;
        foreach (FieldKind field in schema.Fields)
        {
            int size = FieldSize(rdata, position, rdata.Length, field, type, allowCompression: false, out _);
            if (field == FieldKind.Name)
            {
                AsciiCase.ToLowerInPlace(destination.Slice(position, size));
            }

            position += size;
        }
    }

    /// <summary>Returns the wire size of the field at <paramref name="position"/> after checking it; <paramref name="expanded"/> is its size once decompressed.</summary>
    public static int FieldSize(ReadOnlySpan<byte> data, int position, int end, FieldKind field, RecordType type, bool allowCompression, out int expanded)
    {
        expanded = 0;
        int size;
        switch (field)
        {
            case FieldKind.Name:
                // A name that runs past RDLENGTH is RDATA that does not fit its type, like any other field that does.
                size = NameCodec.Measure(data[..end], position, allowCompression, out expanded, out _, DnsFormatError.InvalidRecordData);
                return size;
            case FieldKind.UInt8:
                size = 1;
                break;
            case FieldKind.UInt16 or FieldKind.TypeCode:
                size = 2;
                break;
            case FieldKind.UInt32 or FieldKind.Time or FieldKind.Ipv4:
                size = 4;
                break;
            case FieldKind.Ipv6:
                size = 16;
                break;
            case FieldKind.Eui48:
                size = 6;
                break;
            case FieldKind.Eui64:
                size = 8;
                break;
            case FieldKind.CharacterString or FieldKind.SaltHex or FieldKind.HashBase32 or FieldKind.CaaTag:
                if (position >= end)
                {
                    return Short(position, type);
                }

                size = 1 + data[position];
                if (field == FieldKind.HashBase32 && size == 1)
                {
                    ThrowInvalid(DnsFormatError.InvalidRecordData, position, type, "next hashed owner is empty");
                }

                if (field == FieldKind.CaaTag && size == 1)
                {
                    ThrowHelper.ThrowFormat(DnsFormatError.InvalidRecordData, position, "CAA tag is empty");
                }

                break;
            case FieldKind.CharacterStrings:
                size = CharacterStringsSize(data, position, end, type);
                break;
            case FieldKind.TypeBitmap:
                size = TypeBitmapSize(data, position, end, type);
                break;
            case FieldKind.ServiceParameters:
                size = ServiceParametersSize(data, position, end, type);
                break;
            default:
                size = end - position;
                break;
        }

        if (position + size > end)
        {
            return Short(position, type);
        }

        expanded = size;
        return size;
    }

    private static int CharacterStringsSize(ReadOnlySpan<byte> data, int position, int end, RecordType type)
    {
        if (position == end)
        {
            ThrowInvalid(DnsFormatError.InvalidRecordData, position, type, "RDATA holds no character string");
        }

        int cursor = position;
        while (cursor < end)
        {
            // Name the string that overruns, not the first one, so the offset shows where the layout breaks.
            if (cursor + 1 + data[cursor] > end)
            {
                return Short(cursor, type);
            }

            cursor += 1 + data[cursor];
        }

        return cursor - position;
    }

    private static int TypeBitmapSize(ReadOnlySpan<byte> data, int position, int end, RecordType type)
    {
        int cursor = position;
        int previousWindow = -1;
        while (cursor < end)
        {
            if (cursor + 2 > end)
            {
                return Short(cursor, type);
            }

            int window = data[cursor];
            int length = data[cursor + 1];
            if (window <= previousWindow)
            {
                ThrowInvalid(DnsFormatError.InvalidRecordData, cursor, type, "type bitmap windows are out of order");
            }

            if (length is 0 or > 32)
            {
                ThrowWindowLength(cursor + 1, length, type);
            }

            previousWindow = window;
            cursor += 2 + length;
        }

        if (cursor > end)
        {
            return Short(position, type);
        }

        return cursor - position;
    }

    private static int ServiceParametersSize(ReadOnlySpan<byte> data, int position, int end, RecordType type)
    {
        int cursor = position;
        int previousKey = -1;
        while (cursor < end)
        {
            if (cursor + 4 > end)
            {
                return Short(cursor, type);
            }

            int key = BinaryPrimitives.ReadUInt16BigEndian(data[cursor..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(cursor + 2)..]);

            // RFC 9460 §2.2: keys appear in strictly increasing order.
            if (key <= previousKey)
            {
                ThrowInvalid(DnsFormatError.InvalidRecordData, cursor, type, "parameter keys are not in increasing order");
            }

            previousKey = key;
            cursor += 4 + length;
        }

        if (cursor > end)
        {
            return Short(position, type);
        }

        return cursor - position;
    }

    private static int Short(int position, RecordType type) =>
        ThrowHelper.ThrowFormat<int>(DnsFormatError.InvalidRecordData, position, $"{TypeName(type)} RDATA is too short");

    /// <summary>Reports the first field of a run of fixed-size fields that does not fit, at its own offset.</summary>
    [DoesNotReturn]
    private static void ShortInRun(FieldKind[] fields, SchemaStep step, int position, int end, RecordType type)
    {
        for (int f = step.FirstField; f < step.FirstField + step.FieldCount; f++)
        {
            int size = SchemaStep.SizeOf(fields[f]);
            if (position + size > end)
            {
                break;
            }

            position += size;
        }

        ThrowInvalid(DnsFormatError.InvalidRecordData, position, type, "RDATA is too short");
    }

    // Messages are formatted here rather than at the call sites, which are on the hot path (see ThrowHelper).
    [DoesNotReturn]
    private static void ThrowInvalid(DnsFormatError error, int position, RecordType type, string what) =>
        ThrowHelper.ThrowFormat(error, position, $"{TypeName(type)} {what}");

    [DoesNotReturn]
    private static void ThrowLeftOver(int position, int count, RecordType type) =>
        ThrowHelper.ThrowFormat(DnsFormatError.InvalidRecordData, position, $"{count} octets left over at the end of {TypeName(type)} RDATA");

    [DoesNotReturn]
    private static void ThrowWindowLength(int position, int length, RecordType type) =>
        ThrowHelper.ThrowFormat(DnsFormatError.InvalidRecordData, position, $"{TypeName(type)} type bitmap window length {length} is not 1 to 32");

    private static string TypeName(RecordType type) =>
        Enum.IsDefined(type) ? type.ToString() : "TYPE" + ((ushort)type).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
