using System.Buffers.Binary;
using System.Runtime.CompilerServices;

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
        if (!TryValidate(data, start, length, type, messageContext, out int expanded, out compressed, out WireFault fault))
        {
            fault.Throw();
        }

        return expanded;
    }

    /// <summary>
    /// Checks RDATA as <see cref="Validate(ReadOnlySpan{byte}, int, int, RecordType, bool, out bool)"/> does, but returns
    /// false with the <paramref name="fault"/> instead of throwing, so that a scrubbing read can drop the record and go on.
    /// Inlined into the throwing wrapper, which then costs the strict readers nothing over checking in place.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryValidate(ReadOnlySpan<byte> data, int start, int length, RecordType type, bool messageContext, out int expanded, out bool compressed, out WireFault fault)
    {
        compressed = false;
        expanded = 0;
        RecordSchema schema = RecordSchema.Get(type);
        if (schema.IsOpaque)
        {
            expanded = length;
            fault = default;
            return true;
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
                    fault = ShortInRun(schema.Fields, step, position, end, type);
                    return false;
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
                if (!TryFieldSize(data, position, end, step.Kind, type, allowCompression, out int size, out int fieldExpanded, out fault))
                {
                    return false;
                }

                position += size;
                uncompressed += fieldExpanded;

                // Only a name can differ in size once expanded, and it does exactly when it holds a pointer.
                compressed |= size != fieldExpanded;
            }
        }

        if (position != end)
        {
            fault = WireFault.LeftOver(position, end - position, type);
            return false;
        }

        if (uncompressed > ushort.MaxValue)
        {
            fault = WireFault.RecordData(start, type, WireFault.Phrase.TooLargeDecompressed, DnsFormatError.TooLarge);
            return false;
        }

        expanded = uncompressed;
        fault = default;
        return true;
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
    /// <exception cref="DnsFormatException">The field does not fit.</exception>
    public static int FieldSize(ReadOnlySpan<byte> data, int position, int end, FieldKind field, RecordType type, bool allowCompression, out int expanded)
    {
        if (!TryFieldSize(data, position, end, field, type, allowCompression, out int size, out expanded, out WireFault fault))
        {
            fault.Throw();
        }

        return size;
    }

    /// <summary>Checks the field at <paramref name="position"/> as <see cref="FieldSize"/> does, returning false with the <paramref name="fault"/> instead of throwing.</summary>
    private static bool TryFieldSize(ReadOnlySpan<byte> data, int position, int end, FieldKind field, RecordType type, bool allowCompression, out int size, out int expanded, out WireFault fault)
    {
        expanded = 0;
        switch (field)
        {
            case FieldKind.Name:
                // A name that runs past RDLENGTH is RDATA that does not fit its type, like any other field that does.
                return NameCodec.TryMeasure(data[..end], position, allowCompression, out size, out expanded, out _, out fault, DnsFormatError.InvalidRecordData);
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
                    return Short(position, type, out size, out fault);
                }

                size = 1 + data[position];
                if (field == FieldKind.HashBase32 && size == 1)
                {
                    fault = WireFault.RecordData(position, type, WireFault.Phrase.EmptyNextHashedOwner);
                    return false;
                }

                if (field == FieldKind.CaaTag && size == 1)
                {
                    fault = WireFault.Plain(DnsFormatError.InvalidRecordData, position, WireFault.Phrase.EmptyCaaTag);
                    return false;
                }

                break;
            case FieldKind.CharacterStrings:
                if (!TryCharacterStringsSize(data, position, end, type, out size, out fault))
                {
                    return false;
                }

                break;
            case FieldKind.TypeBitmap:
                if (!TryTypeBitmapSize(data, position, end, type, out size, out fault))
                {
                    return false;
                }

                break;
            case FieldKind.ServiceParameters:
                if (!TryServiceParametersSize(data, position, end, type, out size, out fault))
                {
                    return false;
                }

                break;
            default:
                size = end - position;
                break;
        }

        if (position + size > end)
        {
            return Short(position, type, out size, out fault);
        }

        expanded = size;
        fault = default;
        return true;
    }

    private static bool TryCharacterStringsSize(ReadOnlySpan<byte> data, int position, int end, RecordType type, out int size, out WireFault fault)
    {
        if (position == end)
        {
            size = 0;
            fault = WireFault.RecordData(position, type, WireFault.Phrase.NoCharacterString);
            return false;
        }

        int cursor = position;
        while (cursor < end)
        {
            // Name the string that overruns, not the first one, so the offset shows where the layout breaks.
            if (cursor + 1 + data[cursor] > end)
            {
                return Short(cursor, type, out size, out fault);
            }

            cursor += 1 + data[cursor];
        }

        size = cursor - position;
        fault = default;
        return true;
    }

    private static bool TryTypeBitmapSize(ReadOnlySpan<byte> data, int position, int end, RecordType type, out int size, out WireFault fault)
    {
        int cursor = position;
        int previousWindow = -1;
        while (cursor < end)
        {
            if (cursor + 2 > end)
            {
                return Short(cursor, type, out size, out fault);
            }

            int window = data[cursor];
            int length = data[cursor + 1];
            if (window <= previousWindow)
            {
                size = 0;
                fault = WireFault.RecordData(cursor, type, WireFault.Phrase.WindowsOutOfOrder);
                return false;
            }

            if (length is 0 or > 32)
            {
                size = 0;
                fault = WireFault.WindowLength(cursor + 1, length, type);
                return false;
            }

            previousWindow = window;
            cursor += 2 + length;
        }

        if (cursor > end)
        {
            return Short(position, type, out size, out fault);
        }

        size = cursor - position;
        fault = default;
        return true;
    }

    private static bool TryServiceParametersSize(ReadOnlySpan<byte> data, int position, int end, RecordType type, out int size, out WireFault fault)
    {
        int cursor = position;
        int previousKey = -1;
        while (cursor < end)
        {
            if (cursor + 4 > end)
            {
                return Short(cursor, type, out size, out fault);
            }

            int key = BinaryPrimitives.ReadUInt16BigEndian(data[cursor..]);
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(cursor + 2)..]);

            // RFC 9460 §2.2: keys appear in strictly increasing order, so a key given twice is out of order too.
            if (key <= previousKey)
            {
                size = 0;
                fault = WireFault.RecordData(cursor, type, WireFault.Phrase.KeysOutOfOrder);
                return false;
            }

            previousKey = key;
            cursor += 4 + length;
        }

        if (cursor > end)
        {
            return Short(position, type, out size, out fault);
        }

        size = cursor - position;
        fault = default;
        return true;
    }

    private static bool Short(int position, RecordType type, out int size, out WireFault fault)
    {
        size = 0;
        fault = WireFault.RecordData(position, type, WireFault.Phrase.TooShort);
        return false;
    }

    /// <summary>Reports the first field of a run of fixed-size fields that does not fit, at its own offset.</summary>
    private static WireFault ShortInRun(FieldKind[] fields, SchemaStep step, int position, int end, RecordType type)
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

        return WireFault.RecordData(position, type, WireFault.Phrase.TooShort);
    }
}
