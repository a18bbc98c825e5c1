using System.Buffers;
using System.Net;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Parsing and writing whole messages with <see cref="DnsMessage"/>: EDNS(0), the extended RCODE, truncation.</summary>
public sealed partial class DnsMessageTests
{
    private static readonly DnsName Www = DnsName.Parse("www.example.");

    [Theory]
    [InlineData("no OPT: the header alone", 3, null, DnsResponseCode.NXDomain)]
    [InlineData("BADVERS: upper bits 1, lower bits 0", 0, 1, DnsResponseCode.BadVers)]
    [InlineData("BADCOOKIE: upper bits 1, lower bits 7", 7, 1, DnsResponseCode.BadCookie)]
    [InlineData("largest 12-bit code", 15, 255, (DnsResponseCode)4095)]
    [InlineData("OPT with zero upper bits", 2, 0, DnsResponseCode.ServFail)]
    public void Parse_ExtendedResponseCode_CombinesHeaderAndOpt(string description, int headerCode, int? extended, DnsResponseCode expected)
    {
        var builder = new WireBuilder().Header(flags: 0x8000 | headerCode, questions: 1, additionals: extended is null ? 0 : 1).Question("example.");
        if (extended is int upper)
        {
            builder.Opt(ttl: (uint)upper << 24);
        }

        DnsMessage message = DnsMessage.Parse(builder.ToArray());

        Assert.True(expected == message.ResponseCode, $"{description}: {message.ResponseCode}");
        Assert.Equal(extended is not null, message.Edns is not null);
        Assert.True(message.IsResponse);
    }

    [Fact]
    public void Parse_OptRecord_ReadsEveryEdnsField()
    {
        byte[] options = [.. WireBuilder.Option(3, "ns1"u8), .. WireBuilder.Option(15, [0x00, 0x06, .. "signature expired"u8]), .. WireBuilder.Option(15, [0x00, 0x12, .. "policy"u8, 0])];
        byte[] wire = new WireBuilder().Header(flags: 0x8002, questions: 1, additionals: 1)
            .Question("example.")
            .Opt(payloadSize: 4096, ttl: 0x0000_8000 | 0x0000_0010, options)
            .ToArray();

        DnsMessage message = DnsMessage.Parse(wire);

        EdnsRecord edns = Assert.IsType<EdnsRecord>(message.Edns);
        Assert.Equal(4096, edns.UdpPayloadSize);
        Assert.Equal(0, edns.Version);
        Assert.True(edns.DnssecOk);
        Assert.Equal(0x0010, edns.OtherFlags);
        Assert.Equal([EdnsOptionCode.Nsid, EdnsOptionCode.ExtendedDnsError, EdnsOptionCode.ExtendedDnsError], edns.Options.Select(o => o.Code));
        Assert.Equal(
            [new ExtendedDnsError(ExtendedDnsErrorCode.DnssecBogus, "signature expired"), new ExtendedDnsError(ExtendedDnsErrorCode.Prohibited, "policy")],
            edns.ExtendedErrors);
        Assert.Equal(DnsResponseCode.ServFail, message.ResponseCode);
        Assert.Empty(message.Additionals);
    }

    [Fact]
    public void Parse_EdnsVersionAndFlags_SurviveAWriteAndParse()
    {
        byte[] wire = new WireBuilder().Header(additionals: 1).Opt(payloadSize: 512, ttl: 0x02_01_7FFF).ToArray();

        DnsMessage message = DnsMessage.Parse(wire);

        Assert.Equal(1, message.Edns!.Version);
        Assert.False(message.Edns.DnssecOk);
        Assert.Equal(0x7FFF, message.Edns.OtherFlags);
        Assert.Equal((DnsResponseCode)0x20, message.ResponseCode);
        Assert.Equal(wire, message.ToArray());
    }

    [Fact]
    public void Parse_Records_GoToTheirSections()
    {
        byte[] wire = new WireBuilder().Header(flags: 0x8400, questions: 1, answers: 1, authorities: 1, additionals: 2)
            .Question("www.example.")
            .Pointer(12).Fixed(RecordType.A, 4).Bytes(192, 0, 2, 1)
            .Name("example.").Fixed(RecordType.NS, 5).Labels("ns").Pointer(16)
            .Opt()
            .Labels("ns").Pointer(16).Fixed(RecordType.AAAA, 16).Bytes(IPAddress.Parse("2001:db8::53").GetAddressBytes())
            .ToArray();

        DnsMessage message = DnsMessage.Parse(wire);

        Assert.Equal(Www, Assert.Single(message.Questions).Name);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), AddressData.From(Assert.Single(message.Answers)).Address);
        Assert.Equal(Www, message.Answers[0].Owner);
        DnsRecord ns = Assert.Single(message.Authorities);
        Assert.Equal("ns.example.", NameData.From(ns).Target.ToString());
        Assert.Equal(12, ns.Data.Length);
        DnsRecord glue = Assert.Single(message.Additionals);
        Assert.Equal("ns.example.", glue.Owner.ToString());
        Assert.NotNull(message.Edns);
        Assert.True((message.Flags & DnsHeaderFlags.Authoritative) != 0);
    }

    [Fact]
    public void Parse_Result_DoesNotDependOnTheInput()
    {
        byte[] wire = new WireBuilder().Header(answers: 1).Record("example.", RecordType.TXT, 2, (byte)'h', (byte)'i').ToArray();

        DnsMessage message = DnsMessage.Parse(wire);
        Array.Clear(wire);

        Assert.Equal("hi", TxtData.From(message.Answers[0]).JoinedText);
        Assert.Equal("example.", message.Answers[0].Owner.ToString());
    }

    [Fact]
    public void Parse_CompressionThatKeepsTheLength_StillExpandsTheRdata()
    {
        // MNAME points at the root octet of the question (2 octets on the wire, 1 expanded) and RNAME at the whole
        // question "a." (2 on the wire, 3 expanded): the RDATA is compressed although its length does not change.
        byte[] wire = new WireBuilder().Header(flags: 0x8000, questions: 1, authorities: 1)
            .Question("a.", RecordType.SOA)
            .Pointer(12).Fixed(RecordType.SOA, 4 + 20).Pointer(14).Pointer(12).U32(1).U32(2).U32(3).U32(4).U32(5)
            .ToArray();

        var reader = new DnsMessageReader(wire);
        Assert.True(reader.ReadRecord(out DnsRecordView view));
        Assert.True(view.IsCompressed);
        Assert.Equal(view.DataLength, view.ExpandedDataLength);

        DnsMessage message = DnsMessage.Parse(wire);
        SoaData soa = SoaData.From(message.Authorities[0]);
        Assert.True(soa.PrimaryServer.IsRoot);
        Assert.Equal("a.", soa.ResponsibleMailbox.ToString());
        Assert.Equal(5u, soa.Minimum);
        Assert.Equal(SoaData.Encode(DnsName.Root, DnsName.Parse("a."), 1, 2, 3, 4, 5), message.Authorities[0].Data.ToArray());
        Assert.Equal(wire.Length - 1, message.ToArray().Length);
    }

    [Fact]
    public void CreateQuery_Name_HasOneQuestionAndEdnsWithDo()
    {
        DnsMessage query = DnsMessage.CreateQuery(0x1234, Www, RecordType.DNSKEY);

        byte[] wire = query.ToArray();
        DnsMessage parsed = DnsMessage.Parse(wire);

        Assert.Equal(0x1234, parsed.Id);
        Assert.Equal(DnsHeaderFlags.RecursionDesired, parsed.Flags);
        Assert.False(parsed.IsResponse);
        Assert.Equal(new DnsQuestion(Www, RecordType.DNSKEY), Assert.Single(parsed.Questions));
        Assert.True(parsed.Edns!.DnssecOk);
        Assert.Equal(EdnsRecord.DefaultUdpPayloadSize, parsed.Edns.UdpPayloadSize);
        Assert.Equal(12 + 13 + 4 + 11, wire.Length);
    }

    [Fact]
    public void CreateQuery_WithoutDnssecOk_ClearsDo()
    {
        DnsMessage query = DnsMessage.CreateQuery(1, Www, RecordType.A, DnsHeaderFlags.None, dnssecOk: false);

        DnsMessage parsed = DnsMessage.Parse(query.ToArray());

        Assert.False(parsed.Edns!.DnssecOk);
        Assert.Equal(DnsHeaderFlags.None, parsed.Flags);
    }

    [Theory]
    [InlineData("BADVERS", DnsResponseCode.BadVers)]
    [InlineData("BADCOOKIE", DnsResponseCode.BadCookie)]
    public void WriteTo_ExtendedResponseCodeWithoutEdns_Throws(string description, DnsResponseCode code)
    {
        var message = new DnsMessage { ResponseCode = code };

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => message.ToArray());

        Assert.Contains(code.ToString(), exception.Message, StringComparison.Ordinal);
        message.Edns = new EdnsRecord();
        Assert.True(code == DnsMessage.Parse(message.ToArray()).ResponseCode, description);
    }

    [Fact]
    public void WriteTo_AnswersOverMaxSize_SetsTruncatedAndKeepsOpt()
    {
        DnsMessage message = ManyAnswers(count: 40);

        byte[] wire = message.ToArray(maxSize: 512);

        Assert.True(wire.Length <= 512);
        DnsMessage parsed = DnsMessage.Parse(wire);
        Assert.True((parsed.Flags & DnsHeaderFlags.Truncated) != 0);
        Assert.InRange(parsed.Answers.Count, 1, 39);
        Assert.Empty(parsed.Authorities);
        Assert.Empty(parsed.Additionals);
        Assert.NotNull(parsed.Edns);
        Assert.True(parsed.Edns.DnssecOk);
        Assert.Equal(DnsResponseCode.BadCookie, parsed.ResponseCode);

        // Every answer that fits is there: one more would not have.
        Assert.True(wire.Length + 16 > 512);
    }

    [Fact]
    public void WriteTo_AuthorityOverMaxSize_SetsTruncated()
    {
        DnsMessage message = ManyAnswers(count: 2);
        for (int i = 0; i < 40; i++)
        {
            message.Authorities.Add(new DnsRecord(DnsName.Parse("example."), RecordType.NS, RecordClass.IN, 3600, NameData.Encode(DnsName.Parse($"ns{i}.example."))));
        }

        DnsMessage parsed = DnsMessage.Parse(message.ToArray(maxSize: 300));

        Assert.True((parsed.Flags & DnsHeaderFlags.Truncated) != 0);
        Assert.Equal(2, parsed.Answers.Count);
        Assert.InRange(parsed.Authorities.Count, 1, 39);
        Assert.NotNull(parsed.Edns);
    }

    [Fact]
    public void WriteTo_OnlyAdditionalOverMaxSize_LeavesThemOutWithoutTruncated()
    {
        // RFC 2181 §9: TC is for data the client needs, not for additional records that did not fit.
        DnsMessage message = ManyAnswers(count: 2);
        for (int i = 0; i < 40; i++)
        {
            message.Additionals.Add(new DnsRecord(DnsName.Parse($"ns{i}.example."), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, (byte)i }));
        }

        byte[] wire = message.ToArray(maxSize: 300);
        DnsMessage parsed = DnsMessage.Parse(wire);

        Assert.True(wire.Length <= 300);
        Assert.False((parsed.Flags & DnsHeaderFlags.Truncated) != 0);
        Assert.Equal(2, parsed.Answers.Count);
        Assert.InRange(parsed.Additionals.Count, 1, 39);
        Assert.NotNull(parsed.Edns);
    }

    [Fact]
    public void WriteTo_MaxSizeBelowQuestionAndOpt_Throws()
    {
        DnsMessage message = ManyAnswers(count: 1);

        Assert.Throws<InvalidOperationException>(() => message.ToArray(maxSize: 12 + 17 + 10));
        Assert.Throws<InvalidOperationException>(() => message.ToArray(maxSize: 20));
        Assert.Throws<InvalidOperationException>(() => message.ToArray(maxSize: 11));
        Assert.Throws<InvalidOperationException>(() => message.ToArray(maxSize: 0));
    }

    [Fact]
    public void WriteTo_FitsExactly_IsNotTruncated()
    {
        DnsMessage message = ManyAnswers(count: 3);
        int size = message.ToArray().Length;

        DnsMessage exact = DnsMessage.Parse(message.ToArray(maxSize: size));
        DnsMessage oneShort = DnsMessage.Parse(message.ToArray(maxSize: size - 1));

        Assert.False((exact.Flags & DnsHeaderFlags.Truncated) != 0);
        Assert.Equal(3, exact.Answers.Count);
        Assert.True((oneShort.Flags & DnsHeaderFlags.Truncated) != 0);
        Assert.Equal(2, oneShort.Answers.Count);
    }

    [Fact]
    public void WriteTo_BufferWriter_AdvancesByTheLength()
    {
        DnsMessage message = ManyAnswers(count: 3);
        var output = new ArrayBufferWriter<byte>();
        output.Write<byte>([1, 2, 3]);

        int length = message.WriteTo(output);

        Assert.Equal(3 + length, output.WrittenCount);
        Assert.Equal(message.ToArray(), output.WrittenSpan[3..].ToArray());
    }

    /// <summary>A response with <paramref name="count"/> A records for www.example., OPT with DO, and BADCOOKIE (which needs OPT).</summary>
    private static DnsMessage ManyAnswers(int count)
    {
        var message = new DnsMessage { Id = 7, Flags = DnsHeaderFlags.Response, ResponseCode = DnsResponseCode.BadCookie, Edns = new EdnsRecord { DnssecOk = true } };
        message.Questions.Add(new DnsQuestion(Www, RecordType.A));
        for (int i = 0; i < count; i++)
        {
            message.Answers.Add(new DnsRecord(Www, RecordType.A, RecordClass.IN, 60, new byte[] { 192, 0, 2, (byte)i }));
        }

        return message;
    }
}
