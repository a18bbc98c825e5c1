using System.Buffers.Binary;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>
/// Writes DNS wire data field by field, with no checks, so that tests can lay out well-formed and malformed
/// messages octet by octet and know the offset of every field.
/// </summary>
internal sealed class WireBuilder
{
    private readonly List<byte> _bytes = [];

    /// <summary>The offset of the next octet.</summary>
    public int Length => _bytes.Count;

    public WireBuilder Header(int id = 0, int flags = 0, int questions = 0, int answers = 0, int authorities = 0, int additionals = 0) =>
        U16(id).U16(flags).U16(questions).U16(answers).U16(authorities).U16(additionals);

    public WireBuilder U8(int value)
    {
        _bytes.Add((byte)value);
        return this;
    }

    public WireBuilder U16(int value)
    {
        _bytes.Add((byte)(value >> 8));
        _bytes.Add((byte)value);
        return this;
    }

    public WireBuilder U32(uint value) => U16((int)(value >> 16)).U16((int)(value & 0xFFFF));

    public WireBuilder Bytes(params ReadOnlySpan<byte> value)
    {
        foreach (byte b in value)
        {
            _bytes.Add(b);
        }

        return this;
    }

    /// <summary>Appends one length-prefixed label of ASCII text.</summary>
    public WireBuilder Label(string text) => U8(text.Length).Bytes(Encoding.ASCII.GetBytes(text));

    /// <summary>Appends labels without the terminating root, so that a pointer or more labels can follow.</summary>
    public WireBuilder Labels(string dotted)
    {
        foreach (string label in dotted.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            Label(label);
        }

        return this;
    }

    /// <summary>Appends an uncompressed name: its labels and the root.</summary>
    public WireBuilder Name(string dotted) => Labels(dotted).U8(0);

    /// <summary>Appends a compression pointer to <paramref name="offset"/>.</summary>
    public WireBuilder Pointer(int offset) => U16(0xC000 | offset);

    public WireBuilder Question(string name, RecordType type = RecordType.A, RecordClass @class = RecordClass.IN) =>
        Name(name).U16((int)type).U16((int)@class);

    /// <summary>Appends type, class, TTL and RDLENGTH: the fixed part after an owner name.</summary>
    public WireBuilder Fixed(RecordType type, int rdLength, RecordClass @class = RecordClass.IN, uint ttl = 3600) =>
        U16((int)type).U16((int)@class).U32(ttl).U16(rdLength);

    /// <summary>Appends a whole record with an uncompressed owner and the given RDATA.</summary>
    public WireBuilder Record(string owner, RecordType type, params ReadOnlySpan<byte> rdata) =>
        Name(owner).Fixed(type, rdata.Length).Bytes(rdata);

    /// <summary>Appends an OPT record with the given TTL field and options area.</summary>
    public WireBuilder Opt(ushort payloadSize = 1232, uint ttl = 0, params ReadOnlySpan<byte> options) =>
        U8(0).U16((int)RecordType.OPT).U16(payloadSize).U32(ttl).U16(options.Length).Bytes(options);

    public byte[] ToArray() => [.. _bytes];

    /// <summary>Encodes one EDNS option: code, length and data.</summary>
    public static byte[] Option(int code, params ReadOnlySpan<byte> data)
    {
        byte[] option = new byte[4 + data.Length];
        BinaryPrimitives.WriteUInt16BigEndian(option, (ushort)code);
        BinaryPrimitives.WriteUInt16BigEndian(option.AsSpan(2), (ushort)data.Length);
        data.CopyTo(option.AsSpan(4));
        return option;
    }
}
