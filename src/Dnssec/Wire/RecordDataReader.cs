using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>Field readers shared by the typed RDATA views; the RDATA they read has already been checked against its layout.</summary>
internal static class RecordDataReader
{
    public static ushort UInt16(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data[offset..]);

    public static uint UInt32(ReadOnlySpan<byte> data, int offset) => BinaryPrimitives.ReadUInt32BigEndian(data[offset..]);

    /// <summary>Reads the uncompressed name at <paramref name="offset"/> and returns the offset just after it.</summary>
    public static DnsName Name(ReadOnlySpan<byte> data, int offset, out int next)
    {
        DnsName name = NameCodec.Read(data, offset, allowCompression: false, out int consumed);
        next = offset + consumed;
        return name;
    }

    /// <summary>The length of the uncompressed name at <paramref name="offset"/>.</summary>
    public static int NameLength(ReadOnlySpan<byte> data, int offset)
    {
        int position = offset;
        while (data[position] != 0)
        {
            position += 1 + data[position];
        }

        return position + 1 - offset;
    }

    /// <summary>Checks that a record has one of the types a view accepts, and that its class is usable.</summary>
    public static void RequireType(DnsRecord record, RecordType first, RecordType second = 0, RecordType third = 0, RecordType fourth = 0)
    {
        ArgumentNullException.ThrowIfNull(record);
        RecordType type = record.Type;
        if (type != first && (second == 0 || type != second) && (third == 0 || type != third) && (fourth == 0 || type != fourth))
        {
            throw new ArgumentException($"A {type} record cannot be read as {first} data.", nameof(record));
        }
    }

    public static void Validate(ReadOnlyMemory<byte> data, RecordType type) =>
        RecordDataCodec.Validate(data.Span, 0, data.Length, type, messageContext: false);
}
