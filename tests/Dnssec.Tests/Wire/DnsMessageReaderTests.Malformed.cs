using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Every class of malformed message gives <see cref="DnsFormatException"/> with the right error and offset, and nothing else.</summary>
public sealed partial class DnsMessageReaderTests
{
    public static TheoryData<string, byte[], DnsFormatError, int> MalformedMessages()
    {
        var data = new TheoryData<string, byte[], DnsFormatError, int>();
        WireBuilder b;

        data.Add("empty message", [], DnsFormatError.Truncated, 0);
        data.Add("header of 11 octets", new byte[11], DnsFormatError.Truncated, 11);

        b = new WireBuilder().Header(questions: 1).Labels("example");
        data.Add("question name without its root label", b.ToArray(), DnsFormatError.Truncated, 20);

        b = new WireBuilder().Header(questions: 1).Name("example.").U16(1);
        data.Add("question without its class", b.ToArray(), DnsFormatError.Truncated, 21);

        b = new WireBuilder().Header(questions: 1).U8(5).Bytes("ab"u8);
        data.Add("label cut short", b.ToArray(), DnsFormatError.Truncated, 12);

        b = new WireBuilder().Header(questions: 1).U8(0xC0);
        data.Add("compression pointer cut short", b.ToArray(), DnsFormatError.Truncated, 12);

        b = new WireBuilder().Header(answers: 1).Name("a.").U16(1).U16(1).U8(0);
        data.Add("record fixed part cut short", b.ToArray(), DnsFormatError.Truncated, 15);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.A, 4).Bytes(192, 0);
        data.Add("RDATA cut short by the end of the message", b.ToArray(), DnsFormatError.RecordDataOverrun, 23);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.TXT, 200).Bytes(3, 1, 2, 3);
        data.Add("RDLENGTH past the end of the message", b.ToArray(), DnsFormatError.RecordDataOverrun, 23);

        b = new WireBuilder().Header(questions: 1).Pointer(12).U16(1).U16(1);
        data.Add("pointer to itself", b.ToArray(), DnsFormatError.ForwardPointer, 12);

        // The question's single label holds two pointers, 13 → 15 and 15 → 13; the answer's owner enters the cycle at 15.
        b = new WireBuilder().Header(questions: 1, answers: 1).U8(4).Pointer(15).Pointer(13).U8(0).U16(1).U16(1)
            .Pointer(15).Fixed(RecordType.A, 4).Bytes(192, 0, 2, 1);
        data.Add("two-pointer cycle", b.ToArray(), DnsFormatError.ForwardPointer, 13);

        b = new WireBuilder().Header(questions: 1).Pointer(18).U16(1).U16(1).Name("example.");
        data.Add("pointer forwards", b.ToArray(), DnsFormatError.ForwardPointer, 12);

        b = new WireBuilder().Header(questions: 1).Labels("a").Pointer(14).U16(1).U16(1);
        data.Add("pointer into its own name", b.ToArray(), DnsFormatError.ForwardPointer, 14);

        b = new WireBuilder().Header(questions: 1).Pointer(0x3FFF).U16(1).U16(1);
        data.Add("pointer past the end", b.ToArray(), DnsFormatError.PointerOutOfRange, 12);

        b = new WireBuilder().Header(questions: 1).Labels("a").U8(0x40).U16(1).U16(1);
        data.Add("label length octet 0x40 (64)", b.ToArray(), DnsFormatError.LabelTooLong, 14);

        b = new WireBuilder().Header(questions: 1).U8(0x80).U8(0).U16(1).U16(1);
        data.Add("label length octet 0x80", b.ToArray(), DnsFormatError.LabelTooLong, 12);

        b = new WireBuilder().Header(questions: 1, answers: 1)
            .Labels($"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}").Name(new string('d', 57)).U16(1).U16(1)
            .Label("abcde").Pointer(12).Fixed(RecordType.A, 4).Bytes(192, 0, 2, 1);
        data.Add("name over 255 octets through a pointer", b.ToArray(), DnsFormatError.NameTooLong, 12 + 192);

        data.Add("name following 129 compression pointers", PointerChain(chainLength: 128), DnsFormatError.TooManyPointers, 23);

        b = new WireBuilder().Header(questions: 3).Question("example.");
        data.Add("more questions promised than present", b.ToArray(), DnsFormatError.Truncated, 25);

        b = new WireBuilder().Header(answers: 2).Record("a.", RecordType.A, 192, 0, 2, 1);
        data.Add("more answers promised than present", b.ToArray(), DnsFormatError.Truncated, 29);

        b = new WireBuilder().Header(additionals: 1);
        data.Add("additional record promised, none present", b.ToArray(), DnsFormatError.Truncated, 12);

        b = new WireBuilder().Header(answers: 1).Opt();
        data.Add("OPT in the answer section", b.ToArray(), DnsFormatError.OptOutsideAdditional, 12);

        b = new WireBuilder().Header(answers: 1, authorities: 1).Record("a.", RecordType.A, 192, 0, 2, 1).Opt();
        data.Add("OPT in the authority section", b.ToArray(), DnsFormatError.OptOutsideAdditional, 29);

        b = new WireBuilder().Header(additionals: 2).Opt().Opt();
        data.Add("two OPT records", b.ToArray(), DnsFormatError.DuplicateOpt, 23);

        b = new WireBuilder().Header(additionals: 1).Name("a.").U16((int)RecordType.OPT).U16(1232).U32(0).U16(0);
        data.Add("OPT owner is not the root", b.ToArray(), DnsFormatError.OptOwnerNotRoot, 12);

        b = new WireBuilder().Header(additionals: 1).Opt(options: [0, 3, 0, 10, 1, 2]);
        data.Add("EDNS option runs past the OPT RDATA", b.ToArray(), DnsFormatError.InvalidEdnsOption, 23);

        b = new WireBuilder().Header(additionals: 1).Opt(options: [.. WireBuilder.Option(3, 1), 0, 3, 0]);
        data.Add("EDNS option header cut short", b.ToArray(), DnsFormatError.InvalidEdnsOption, 28);

        b = new WireBuilder().Header(additionals: 1).Opt(options: WireBuilder.Option(15, 0));
        data.Add("Extended DNS Error shorter than its INFO-CODE", b.ToArray(), DnsFormatError.InvalidEdnsOption, 23);

        b = new WireBuilder().Header(answers: 1).Record("a.", RecordType.A, 192, 0, 2);
        data.Add("A with 3 octets", b.ToArray(), DnsFormatError.InvalidRecordData, 25);

        b = new WireBuilder().Header(answers: 1).Record("a.", RecordType.A, 192, 0, 2, 1, 7);
        data.Add("A with 5 octets", b.ToArray(), DnsFormatError.InvalidRecordData, 29);

        b = new WireBuilder().Header(answers: 1).Record("a.", RecordType.AAAA, new byte[15]);
        data.Add("AAAA with 15 octets", b.ToArray(), DnsFormatError.InvalidRecordData, 25);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.SOA, 3 + 2 + 16).Name("a.").Pointer(12).U32(1).U32(2).U32(3).U32(4);
        data.Add("SOA without its minimum field", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3 + 2 + 16);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.SOA, 2).Labels("ns");
        data.Add("SOA cut short inside the primary server name", b.ToArray(), DnsFormatError.InvalidRecordData, 25);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.MX, 1).U8(0);
        data.Add("MX cut short inside the preference", b.ToArray(), DnsFormatError.InvalidRecordData, 25);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.RRSIG, 18 + 2 + 4)
            .U16(1).U8(13).U8(1).U32(3600).U32(2).U32(1).U16(1234).Pointer(12).Bytes(1, 2, 3, 4);
        data.Add("RRSIG with a compressed signer name", b.ToArray(), DnsFormatError.CompressionNotAllowed, 25 + 18);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 2 + 3).Pointer(12).Bytes(0, 1, 0x40);
        data.Add("NSEC with a compressed next name", b.ToArray(), DnsFormatError.CompressionNotAllowed, 25);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 3 + 6).Name("b.").Bytes(1, 1, 0x40, 0, 1, 0x40);
        data.Add("NSEC bitmap windows out of order", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3 + 3);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 3 + 6).Name("b.").Bytes(0, 1, 0x40, 0, 1, 0x20);
        data.Add("NSEC bitmap window repeated", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3 + 3);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 3 + 2).Name("b.").Bytes(0, 0);
        data.Add("NSEC bitmap window of length 0", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3 + 1);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 3 + 2 + 33).Name("b.").Bytes(0, 33).Bytes(new byte[33]);
        data.Add("NSEC bitmap window of length 33", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3 + 1);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 3 + 4).Name("b.").Bytes(0, 5, 0x40, 0);
        data.Add("NSEC bitmap window longer than the RDATA", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC, 3 + 1).Name("b.").U8(0);
        data.Add("NSEC bitmap window without its length", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.TXT, 6).Bytes(2, 0x61, 0x62, 5, 0x63, 0x64);
        data.Add("TXT string overrunning the RDATA", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.TXT, 0);
        data.Add("TXT without any string", b.ToArray(), DnsFormatError.InvalidRecordData, 25);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.NSEC3, 6).Bytes(1, 0, 0, 10, 0, 0);
        data.Add("NSEC3 with an empty next hashed owner", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 5);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.CAA, 2).Bytes(0, 0);
        data.Add("CAA with an empty tag", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 1);

        b = new WireBuilder().Header(answers: 1).Name("a.").Fixed(RecordType.SVCB, 3 + 8).U16(1).U8(0).U16(3).U16(0).U16(1).U16(0);
        data.Add("SVCB keys out of order", b.ToArray(), DnsFormatError.InvalidRecordData, 25 + 3 + 4);

        data.Add("message over 65535 octets", new byte[ushort.MaxValue + 1], DnsFormatError.TooLarge, ushort.MaxValue);
        return data;
    }

    /// <summary>
    /// A record whose opaque RDATA, at offset 23, is a chain of bare pointers, each to the one before and the first to
    /// the root owner at 12, and a second record whose owner points at the last: that owner follows one pointer more
    /// than the chain holds.
    /// </summary>
    private static byte[] PointerChain(int chainLength)
    {
        var builder = new WireBuilder().Header(answers: 2).U8(0).Fixed((RecordType)65280, 2 * chainLength);
        builder.Pointer(12);
        for (int i = 1; i < chainLength; i++)
        {
            builder.Pointer(builder.Length - 2);
        }

        return builder.Pointer(builder.Length - 2).Fixed(RecordType.A, 4).Bytes(192, 0, 2, 1).ToArray();
    }

    [Fact]
    public void ReadRecord_OwnerFollowing128Pointers_IsAccepted()
    {
        var reader = new DnsMessageReader(PointerChain(chainLength: NameCodec.MaxPointers - 1));

        Assert.True(reader.ReadRecord(out _));
        Assert.True(reader.ReadRecord(out DnsRecordView record));
        Assert.True(record.ReadOwner().IsRoot);
    }

    [Fact]
    public void ReadRecord_127LabelsEachBehindItsOwnPointer_IsAccepted()
    {
        // The longest name there is, 127 one-octet labels, written as a legitimate encoder could: each question adds a
        // label in front of a pointer to the one before, and the answer's owner points at the last. 127 pointers.
        var builder = new WireBuilder().Header(questions: DnsName.MaxLabels, answers: 1).Question("a.");
        int previous = 12;
        for (int i = 1; i < DnsName.MaxLabels; i++)
        {
            int start = builder.Length;
            builder.Label("a").Pointer(previous).U16(1).U16(1);
            previous = start;
        }

        byte[] message = builder.Pointer(previous).Fixed(RecordType.A, 4).Bytes(192, 0, 2, 1).ToArray();

        DnsMessage parsed = DnsMessage.Parse(message);
        Assert.Equal(DnsName.MaxLabels, parsed.Answers[0].Owner.LabelCount);
        Assert.Equal(DnsName.MaxLength, parsed.Answers[0].Owner.WireLength);
    }

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void ReadToEnd_MalformedMessage_ThrowsDnsFormatException(string description, byte[] message, DnsFormatError error, int offset)
    {
        DnsFormatException exception = Assert.Throws<DnsFormatException>(() =>
        {
            var reader = new DnsMessageReader(message);
            reader.ReadToEnd(out _);
        });

        Assert.True(error == exception.Error, $"{description}: {exception.Error} at {exception.Offset}: {exception.Message}");
        Assert.True(offset == exception.Offset, $"{description}: offset {exception.Offset}, expected {offset}: {exception.Message}");
    }

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void Parse_MalformedMessage_ThrowsTheSameDnsFormatException(string description, byte[] message, DnsFormatError error, int offset)
    {
        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(message));

        Assert.True(error == exception.Error, $"{description}: {exception.Error} at {exception.Offset}: {exception.Message}");
        Assert.Equal(offset, exception.Offset);
        Assert.Contains($"offset {offset}", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(MalformedMessages))]
    public void Parse_MalformedMessagePrefixes_ThrowOnlyDnsFormatException(string description, byte[] message, DnsFormatError error, int offset)
    {
        // Every prefix of a malformed message is malformed too, or complete; either way nothing but DnsFormatException may escape.
        int step = message.Length > 1024 ? 4099 : 1;
        for (int length = 0; length <= message.Length; length += step)
        {
            byte[] prefix = message[..length];
            Exception? exception = Record.Exception(() => DnsMessage.Parse(prefix));
            Assert.True(exception is null or DnsFormatException, $"{description} (expected {error} at {offset}), prefix of {length}: {exception}");
        }
    }
}
