using System.Buffers.Binary;

namespace Dnssec.Wire;

/// <summary>The fixed 12-octet header of a DNS message (RFC 1035 §4.1.1).</summary>
public readonly record struct DnsHeader
{
    /// <summary>The size of the header on the wire.</summary>
    public const int Size = 12;

    /// <summary>Creates a header from its fields; counts are filled in by the writer.</summary>
    public DnsHeader(ushort id, DnsHeaderFlags flags, DnsOpCode opCode, byte responseCode)
    {
        Id = id;
        Flags = flags;
        OpCode = opCode;
        ResponseCode = (byte)(responseCode & 0x0F);
    }

    private DnsHeader(ushort id, ushort word, ushort questions, ushort answers, ushort authorities, ushort additionals)
    {
        Id = id;
        Flags = (DnsHeaderFlags)(word & 0x87F0);
        OpCode = (DnsOpCode)((word >> 11) & 0x0F);
        ResponseCode = (byte)(word & 0x0F);
        QuestionCount = questions;
        AnswerCount = answers;
        AuthorityCount = authorities;
        AdditionalCount = additionals;
    }

    /// <summary>The message ID that matches a response to its query.</summary>
    public ushort Id { get; init; }

    /// <summary>The single-bit flags.</summary>
    public DnsHeaderFlags Flags { get; init; }

    /// <summary>The kind of query.</summary>
    public DnsOpCode OpCode { get; init; }

    /// <summary>The low four bits of the response code; EDNS(0) carries the upper eight.</summary>
    public byte ResponseCode { get; init; }

    /// <summary>QDCOUNT.</summary>
    public ushort QuestionCount { get; init; }

    /// <summary>ANCOUNT.</summary>
    public ushort AnswerCount { get; init; }

    /// <summary>NSCOUNT.</summary>
    public ushort AuthorityCount { get; init; }

    /// <summary>ARCOUNT.</summary>
    public ushort AdditionalCount { get; init; }

    /// <summary>Whether the given flag is set.</summary>
    public bool Has(DnsHeaderFlags flag) => (Flags & flag) == flag;

    /// <summary>Reads a header from the first 12 octets of <paramref name="message"/>.</summary>
    /// <exception cref="DnsFormatException">The data is shorter than a header.</exception>
    public static DnsHeader Read(ReadOnlySpan<byte> message)
    {
        if (message.Length < Size)
        {
            ThrowHelper.ThrowTruncated(message.Length, "header");
        }

        return new DnsHeader(
            BinaryPrimitives.ReadUInt16BigEndian(message),
            BinaryPrimitives.ReadUInt16BigEndian(message[2..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[4..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[6..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[8..]),
            BinaryPrimitives.ReadUInt16BigEndian(message[10..]));
    }

    /// <summary>Writes the header, counts included, to the first 12 octets of <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt16BigEndian(destination, Id);
        ushort word = (ushort)((ushort)Flags | (((int)OpCode & 0x0F) << 11) | (ResponseCode & 0x0F));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], word);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], QuestionCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], AnswerCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[8..], AuthorityCount);
        BinaryPrimitives.WriteUInt16BigEndian(destination[10..], AdditionalCount);
    }
}
