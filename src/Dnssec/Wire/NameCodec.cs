using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace Dnssec.Wire;

/// <summary>Reads, checks and compares names in wire form, compressed or not (RFC 1035 §4.1.4).</summary>
internal static class NameCodec
{
    private const byte PointerMask = 0xC0;

    /// <summary>
    /// The most compression pointers one name may follow. Backward-only pointers cannot loop, but a chain of bare
    /// pointers adds no length, so without a cap every name of a 64 KiB message could walk the whole message. A name
    /// has at most 127 labels, and an encoder needs at most one pointer after each label plus one that starts the name.
    /// </summary>
    internal const int MaxPointers = DnsName.MaxLabels + 1;

    /// <summary>
    /// Checks the name at <paramref name="offset"/> and returns how many octets it occupies there.
    /// Every pointer must point before the place where the current run of labels began, so each jump goes
    /// strictly backwards and no pointer chain can loop. Running out of <paramref name="data"/> is reported as
    /// <paramref name="endOfData"/>, so that a name cut short by its RDLENGTH is not taken for a message cut short.
    /// </summary>
    /// <exception cref="DnsFormatException">The name is malformed.</exception>
    public static int Measure(ReadOnlySpan<byte> data, int offset, bool allowCompression, out int length, out int labelCount, DnsFormatError endOfData = DnsFormatError.Truncated)
    {
        if (!TryMeasure(data, offset, allowCompression, out int consumed, out length, out labelCount, out WireFault fault, endOfData))
        {
            fault.Throw();
        }

        return consumed;
    }

    /// <summary>
    /// Checks the name at <paramref name="offset"/> as <see cref="Measure"/> does, but returns false with the
    /// <paramref name="fault"/> instead of throwing, for readers that step over malformed records. Inlined, so that
    /// the strict callers pay no extra call and their unused fault is not stored (the walk benchmark stays as fast).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryMeasure(ReadOnlySpan<byte> data, int offset, bool allowCompression, out int consumed, out int length, out int labelCount, out WireFault fault, DnsFormatError endOfData = DnsFormatError.Truncated)
    {
        int position = offset;
        int runStart = offset;
        int pointers = 0;
        consumed = -1;
        length = 1;
        labelCount = 0;
        while (true)
        {
            if ((uint)position >= (uint)data.Length)
            {
                fault = WireFault.Truncated(position, WireFault.Phrase.Name, endOfData);
                return false;
            }

            byte lengthByte = data[position];
            if (lengthByte == 0)
            {
                if (consumed < 0)
                {
                    consumed = position + 1 - offset;
                }

                fault = default;
                return true;
            }

            switch (lengthByte & PointerMask)
            {
                case 0:
                    if (position + 1 + lengthByte > data.Length)
                    {
                        fault = WireFault.Truncated(position, WireFault.Phrase.Label, endOfData);
                        return false;
                    }

                    length += 1 + lengthByte;
                    if (length > DnsName.MaxLength)
                    {
                        fault = WireFault.NameTooLong(position);
                        return false;
                    }

                    labelCount++;
                    position += 1 + lengthByte;
                    break;
                case PointerMask:
                    if (!allowCompression)
                    {
                        fault = WireFault.CompressionNotAllowed(position);
                        return false;
                    }

                    if (position + 2 > data.Length)
                    {
                        fault = WireFault.Truncated(position, WireFault.Phrase.CompressionPointer, endOfData);
                        return false;
                    }

                    int target = BinaryPrimitives.ReadUInt16BigEndian(data[position..]) & 0x3FFF;
                    if (target >= data.Length)
                    {
                        fault = WireFault.PointerOutOfRange(position, target);
                        return false;
                    }

                    if (target >= runStart)
                    {
                        fault = WireFault.ForwardPointer(position, target);
                        return false;
                    }

                    if (++pointers > MaxPointers)
                    {
                        fault = WireFault.TooManyPointers(position);
                        return false;
                    }

                    if (consumed < 0)
                    {
                        consumed = position + 2 - offset;
                    }

                    runStart = target;
                    position = target;
                    break;
                default:
                    // 0x40 and 0x80 prefixes are the retired extended label types (RFC 6891 §5); as lengths they exceed 63.
                    fault = WireFault.LabelTooLong(position, lengthByte);
                    return false;
            }
        }
    }

    /// <summary>Copies the already-checked name at <paramref name="offset"/> to <paramref name="destination"/> without compression; returns the length written.</summary>
    public static int Decompress(ReadOnlySpan<byte> data, int offset, Span<byte> destination) =>
        Decompress(data, offset, destination, out _, out _);

    /// <summary>
    /// Copies the already-checked name at <paramref name="offset"/> to <paramref name="destination"/> without
    /// compression, in one pass; returns the length written, the octets the name occupies at <paramref name="offset"/>
    /// and its label count.
    /// </summary>
    public static int Decompress(ReadOnlySpan<byte> data, int offset, Span<byte> destination, out int consumed, out int labelCount)
    {
        int position = offset;
        int written = 0;
        consumed = -1;
        labelCount = 0;
        while (true)
        {
            byte lengthByte = data[position];
            if ((lengthByte & PointerMask) == PointerMask)
            {
                if (consumed < 0)
                {
                    consumed = position + 2 - offset;
                }

                position = BinaryPrimitives.ReadUInt16BigEndian(data[position..]) & 0x3FFF;
                continue;
            }

            data.Slice(position, lengthByte + 1).CopyTo(destination[written..]);
            written += lengthByte + 1;
            if (lengthByte == 0)
            {
                if (consumed < 0)
                {
                    consumed = position + 1 - offset;
                }

                return written;
            }

            labelCount++;
            position += lengthByte + 1;
        }
    }

    /// <summary>
    /// Reads the name at <paramref name="offset"/> that <see cref="Measure"/> has already checked there, such as an
    /// owner name the message reader returned, decompressing it in one pass instead of measuring it again.
    /// </summary>
    public static DnsName ReadChecked(ReadOnlySpan<byte> data, int offset)
    {
        if (data[offset] == 0)
        {
            return DnsName.Root;
        }

        Span<byte> buffer = stackalloc byte[DnsName.MaxLength];
        int length = Decompress(data, offset, buffer, out _, out int labels);
        return length == 1 ? DnsName.Root : new DnsName(buffer[..length].ToArray(), labels);
    }

    /// <summary>Reads and checks the name at <paramref name="offset"/>, returning it and the octets it occupies there.</summary>
    public static DnsName Read(ReadOnlySpan<byte> data, int offset, bool allowCompression, out int consumed)
    {
        consumed = Measure(data, offset, allowCompression, out int length, out int labels);
        if (length == 1)
        {
            return DnsName.Root;
        }

        byte[] wire = new byte[length];
        if (consumed == length)
        {
            data.Slice(offset, length).CopyTo(wire);
        }
        else
        {
            Decompress(data, offset, wire);
        }

        return new DnsName(wire, labels);
    }

    /// <summary>
    /// Whether the valid uncompressed name <paramref name="name"/> equals <paramref name="ancestor"/> or lies below it,
    /// ignoring ASCII case: some label boundary leaves exactly the ancestor's octets.
    /// </summary>
    public static bool IsAtOrBelow(ReadOnlySpan<byte> name, ReadOnlySpan<byte> ancestor)
    {
        int offset = 0;
        while (name.Length - offset > ancestor.Length)
        {
            offset += 1 + name[offset];
        }

        return name.Length - offset == ancestor.Length && AsciiCase.EqualsIgnoreCase(name[offset..], ancestor);
    }

    /// <summary>Whether the already-checked name at <paramref name="offset"/> equals <paramref name="name"/>, ignoring case, without allocating.</summary>
    public static bool EqualsAt(ReadOnlySpan<byte> data, int offset, DnsName name) => EqualsAt(data, offset, name.WireForm);

    /// <summary>Whether the already-checked name at <paramref name="offset"/> equals the uncompressed <paramref name="expected"/>, ignoring case.</summary>
    public static bool EqualsAt(ReadOnlySpan<byte> data, int offset, ReadOnlySpan<byte> expected)
    {
        int position = offset;
        int compared = 0;
        while (true)
        {
            byte lengthByte = data[position];
            if ((lengthByte & PointerMask) == PointerMask)
            {
                position = BinaryPrimitives.ReadUInt16BigEndian(data[position..]) & 0x3FFF;
                continue;
            }

            int size = lengthByte + 1;
            if (compared + size > expected.Length ||
                !AsciiCase.EqualsIgnoreCase(data.Slice(position, size), expected.Slice(compared, size)))
            {
                return false;
            }

            compared += size;
            if (lengthByte == 0)
            {
                return compared == expected.Length;
            }

            position += size;
        }
    }

    /// <summary>Fills <paramref name="offsets"/> with the offset of each label of an uncompressed name and returns the label count.</summary>
    public static int LabelOffsets(ReadOnlySpan<byte> wire, Span<byte> offsets)
    {
        int count = 0;
        int position = 0;
        while (wire[position] != 0)
        {
            offsets[count++] = (byte)position;
            position += 1 + wire[position];
        }

        return count;
    }

    /// <summary>Canonical order of two uncompressed names (RFC 4034 §6.1).</summary>
    public static int CompareCanonical(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        Span<byte> leftOffsets = stackalloc byte[DnsName.MaxLabels];
        Span<byte> rightOffsets = stackalloc byte[DnsName.MaxLabels];
        int leftCount = LabelOffsets(left, leftOffsets);
        int rightCount = LabelOffsets(right, rightOffsets);
        int i = leftCount - 1;
        int j = rightCount - 1;
        while (i >= 0 && j >= 0)
        {
            int l = leftOffsets[i];
            int r = rightOffsets[j];
            int result = AsciiCase.CompareIgnoreCase(left.Slice(l + 1, left[l]), right.Slice(r + 1, right[r]));
            if (result != 0)
            {
                return result;
            }

            i--;
            j--;
        }

        return leftCount - rightCount;
    }
}
