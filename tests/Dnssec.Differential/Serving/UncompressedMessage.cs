using System.Buffers.Binary;
using Dnssec.Wire;

namespace Dnssec.Differential.Serving;

/// <summary>Writes a message with no name compression at all, which RFC 1035 §4.1.4 allows and every reader must take.</summary>
public static class UncompressedMessage
{
    /// <summary>The message in wire form, every name written out in full.</summary>
    public static byte[] Write(DnsMessage message)
    {
        var output = new List<byte>(4096);
        Span<byte> header = stackalloc byte[DnsHeader.Size];
        int additional = message.Additionals.Count + (message.Edns is null ? 0 : 1);
        new DnsHeader(message.Id, message.Flags, message.OpCode, (byte)((int)message.ResponseCode & 0x0F))
        {
            QuestionCount = (ushort)message.Questions.Count,
            AnswerCount = (ushort)message.Answers.Count,
            AuthorityCount = (ushort)message.Authorities.Count,
            AdditionalCount = (ushort)additional,
        }.WriteTo(header);
        output.AddRange(header.ToArray());
        foreach (DnsQuestion question in message.Questions)
        {
            output.AddRange(question.Name.WireForm.ToArray());
            UInt16(output, (ushort)question.Type);
            UInt16(output, (ushort)question.Class);
        }

        foreach (DnsRecord record in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
        {
            output.AddRange(record.Owner.WireForm.ToArray());
            UInt16(output, (ushort)record.Type);
            UInt16(output, (ushort)record.Class);
            UInt32(output, record.Ttl);
            UInt16(output, (ushort)record.Data.Length);
            output.AddRange(record.Data.ToArray());
        }

        if (message.Edns is { } edns)
        {
            // OPT (RFC 6891 §6.1.2): root owner, class = payload size, TTL = extended rcode, version, DO and flags.
            output.Add(0);
            UInt16(output, (ushort)RecordType.OPT);
            UInt16(output, edns.UdpPayloadSize);
            uint flags = (uint)(((int)message.ResponseCode >> 4) << 24) | (uint)(edns.Version << 16) | (edns.DnssecOk ? EdnsRecord.DnssecOkFlag : 0u) | edns.OtherFlags;
            UInt32(output, flags);
            var options = new List<byte>();
            foreach (EdnsOption option in edns.Options)
            {
                UInt16(options, (ushort)option.Code);
                UInt16(options, (ushort)option.Data.Length);
                options.AddRange(option.Data.ToArray());
            }

            UInt16(output, (ushort)options.Count);
            output.AddRange(options);
        }

        return [.. output];
    }

    private static void UInt16(List<byte> output, ushort value)
    {
        Span<byte> bytes = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
        output.AddRange(bytes.ToArray());
    }

    private static void UInt32(List<byte> output, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        output.AddRange(bytes.ToArray());
    }
}
