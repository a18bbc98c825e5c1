namespace Dnssec.Wire;

/// <summary>DNS case folding: only the ASCII letters A–Z fold (RFC 4343 §3), every other octet is compared as it is.</summary>
internal static class AsciiCase
{
    private static readonly byte[] LowerTable = BuildLowerTable();

    private static byte[] BuildLowerTable()
    {
        byte[] table = new byte[256];
        for (int i = 0; i < table.Length; i++)
        {
            table[i] = (byte)(i is >= 'A' and <= 'Z' ? i + 32 : i);
        }

        return table;
    }

    public static byte ToLower(byte value) => LowerTable[value];

    public static void ToLower(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        byte[] table = LowerTable;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = table[source[i]];
        }
    }

    public static void ToLowerInPlace(Span<byte> data)
    {
        byte[] table = LowerTable;
        for (int i = 0; i < data.Length; i++)
        {
            data[i] = table[data[i]];
        }
    }

    public static bool EqualsIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != right.Length)
        {
            return false;
        }

        if (left.SequenceEqual(right))
        {
            return true;
        }

        byte[] table = LowerTable;
        for (int i = 0; i < left.Length; i++)
        {
            if (table[left[i]] != table[right[i]])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Compares as unsigned octet strings after folding case; a proper prefix sorts first (RFC 4034 §6.1).</summary>
    public static int CompareIgnoreCase(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        byte[] table = LowerTable;
        int length = Math.Min(left.Length, right.Length);
        for (int i = 0; i < length; i++)
        {
            int difference = table[left[i]] - table[right[i]];
            if (difference != 0)
            {
                return difference;
            }
        }

        return left.Length - right.Length;
    }

    public static bool HasUpper(ReadOnlySpan<byte> data)
    {
        foreach (byte b in data)
        {
            if (b is >= (byte)'A' and <= (byte)'Z')
            {
                return true;
            }
        }

        return false;
    }
}
