using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>Assembles RDATA field by field for the <c>Encode</c> methods of the typed views.</summary>
internal sealed class RecordDataBuilder
{
    private byte[] _buffer;
    private int _length;

    public RecordDataBuilder(int capacity = 64)
    {
        _buffer = new byte[capacity];
    }

    public RecordDataBuilder UInt8(byte value)
    {
        Grow(1)[0] = value;
        return this;
    }

    public RecordDataBuilder UInt16(ushort value)
    {
        BinaryPrimitives.WriteUInt16BigEndian(Grow(2), value);
        return this;
    }

    public RecordDataBuilder UInt32(uint value)
    {
        BinaryPrimitives.WriteUInt32BigEndian(Grow(4), value);
        return this;
    }

    public RecordDataBuilder Bytes(ReadOnlySpan<byte> value)
    {
        value.CopyTo(Grow(value.Length));
        return this;
    }

    public RecordDataBuilder Name(DnsName name) => Bytes(name.WireForm);

    /// <summary>Appends a length-prefixed octet string of at most 255 octets (RFC 1035 §3.3).</summary>
    public RecordDataBuilder CharacterString(ReadOnlySpan<byte> value)
    {
        if (value.Length > byte.MaxValue)
        {
            throw new ArgumentException("A character string holds at most 255 octets.", nameof(value));
        }

        UInt8((byte)value.Length);
        return Bytes(value);
    }

    public byte[] ToArray()
    {
        if (_length > ushort.MaxValue)
        {
            throw new ArgumentException("RDATA would be over 65535 octets.");
        }

        return _buffer.AsSpan(0, _length).ToArray();
    }

    private Span<byte> Grow(int size)
    {
        if (_length + size > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + size));
        }

        Span<byte> span = _buffer.AsSpan(_length, size);
        _length += size;
        return span;
    }
}
