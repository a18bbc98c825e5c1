namespace Dnssec.Wire;

/// <summary>The type bitmap of NSEC, NSEC3 and CSYNC: the types present at a name, in windows of 256 (RFC 4034 §4.1.2).</summary>
public readonly struct TypeBitmap
{
    private readonly ReadOnlyMemory<byte> _data;

    internal TypeBitmap(ReadOnlyMemory<byte> data) => _data = data;

    /// <summary>The bitmap in wire form.</summary>
    public ReadOnlyMemory<byte> RawData => _data;

    /// <summary>Whether <paramref name="type"/> is present; does not allocate.</summary>
    public bool Contains(RecordType type)
    {
        int window = (ushort)type >> 8;
        int bit = (ushort)type & 0xFF;
        ReadOnlySpan<byte> span = _data.Span;
        int position = 0;
        while (position + 2 <= span.Length)
        {
            int current = span[position];
            int length = span[position + 1];
            if (current == window)
            {
                int index = bit >> 3;
                return index < length && (span[position + 2 + index] & (0x80 >> (bit & 7))) != 0;
            }

            if (current > window)
            {
                return false;
            }

            position += 2 + length;
        }

        return false;
    }

    /// <summary>The types present, in ascending order.</summary>
    public IReadOnlyList<RecordType> ToList()
    {
        var types = new List<RecordType>();
        ReadOnlySpan<byte> span = _data.Span;
        int position = 0;
        while (position + 2 <= span.Length)
        {
            int window = span[position];
            int length = span[position + 1];
            for (int i = 0; i < length; i++)
            {
                byte bits = span[position + 2 + i];
                for (int b = 0; b < 8; b++)
                {
                    if ((bits & (0x80 >> b)) != 0)
                    {
                        types.Add((RecordType)((window << 8) | (i << 3) | b));
                    }
                }
            }

            position += 2 + length;
        }

        return types;
    }

    /// <summary>Encodes a set of types as bitmap windows, leaving out empty windows and trailing zero octets.</summary>
    public static byte[] Encode(IEnumerable<RecordType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var present = new SortedSet<ushort>();
        foreach (RecordType type in types)
        {
            present.Add((ushort)type);
        }

        var builder = new RecordDataBuilder();
        Span<byte> bits = stackalloc byte[32];
        int window = -1;
        int used = 0;
        foreach (ushort code in present)
        {
            if (code >> 8 != window)
            {
                if (window >= 0)
                {
                    builder.UInt8((byte)window).UInt8((byte)used).Bytes(bits[..used]);
                }

                window = code >> 8;
                bits.Clear();
                used = 0;
            }

            int index = (code & 0xFF) >> 3;
            bits[index] |= (byte)(0x80 >> (code & 7));
            used = Math.Max(used, index + 1);
        }

        if (window >= 0)
        {
            builder.UInt8((byte)window).UInt8((byte)used).Bytes(bits[..used]);
        }

        return builder.ToArray();
    }
}
