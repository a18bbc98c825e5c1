using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Name compression, section order and the full-buffer behaviour of <see cref="DnsMessageWriter"/>.</summary>
public sealed class DnsMessageWriterTests
{
    private static readonly DnsHeader ResponseHeader = new(0x1035, DnsHeaderFlags.Response, DnsOpCode.Query, 0);
    private static readonly DnsName Example = DnsName.Parse("example.");

    [Fact]
    public void TryWriteRecord_Rfc1035CompressionExample_WritesItsPointers()
    {
        // RFC 1035 §4.1.4: F.ISI.ARPA in full, FOO.F.ISI.ARPA as FOO and a pointer to it, and the root as a single
        // zero octet. Here F.ISI.ARPA starts at 12 rather than 20. ARPA is written in full, not as the RFC's pointer:
        // like BIND 9.18, only a name and its first suffix become targets, so that BIND's bytes are reproduced.
        byte[] buffer = new byte[128];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);

        Assert.True(writer.TryWriteQuestion(DnsName.Parse("F.ISI.ARPA."), RecordType.A));
        int foo = writer.Length;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("FOO.F.ISI.ARPA."), RecordType.A, RecordClass.IN, 0, [10, 0, 0, 1]));
        int arpa = writer.Length;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("ARPA."), RecordType.A, RecordClass.IN, 0, [10, 0, 0, 2]));
        int root = writer.Length;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, DnsName.Root, RecordType.A, RecordClass.IN, 0, [10, 0, 0, 3]));
        int length = writer.Finish();

        Assert.Equal("0146034953490441525041000001 0001".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(buffer, 12, 16));
        Assert.Equal("03464f4fc00c", Convert.ToHexString(buffer, foo, 6).ToLowerInvariant());
        Assert.Equal("044152504100", Convert.ToHexString(buffer, arpa, 6));
        Assert.Equal(0, buffer[root]);
        Assert.Equal(root + 1 + 10 + 4, length);

        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Equal(["FOO.F.ISI.ARPA.", "ARPA.", "."], parsed.Answers.Select(a => a.Owner.ToString()));
    }

    [Fact]
    public void TryWriteRecord_SameNameInOtherCase_KeepsItsCase()
    {
        // BIND 9.18 compresses case-sensitively in responses, so an owner spelled differently keeps its own octets.
        byte[] buffer = new byte[128];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);

        Assert.True(writer.TryWriteQuestion(DnsName.Parse("www.example."), RecordType.A));
        int owner = writer.Length;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("WWW.EXAMPLE."), RecordType.A, RecordClass.IN, 0, [10, 0, 0, 1]));

        Assert.Equal("03575757", Convert.ToHexString(buffer, owner, 4));
    }

    [Theory]
    [InlineData("one label twice", "x.x.")]
    [InlineData("leading labels repeat", "www.www.example.")]
    [InlineData("two labels repeat", "a.b.a.b.")]
    [InlineData("three times", "a.a.a.")]
    public void TryWriteQuestion_NameRepeatingItsOwnLabels_WritesItInFull(string description, string text)
    {
        DnsName name = DnsName.Parse(text);
        byte[] buffer = new byte[64];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);

        Assert.True(writer.TryWriteQuestion(name, RecordType.A));
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, name, RecordType.A, RecordClass.IN, 0, [10, 0, 0, 1]));
        int length = writer.Finish();

        Assert.True(buffer.AsSpan(12, name.WireLength).SequenceEqual(name.WireForm), description);
        Assert.Equal(12 + name.WireLength + 4 + 2 + 10 + 4, length);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Equal(name, parsed.Questions[0].Name);
        Assert.Equal(name, parsed.Answers[0].Owner);
    }

    public static TheoryData<string, RecordType, byte[], bool> RecordDataNames() => new()
    {
        { "NS target", RecordType.NS, NameData.Encode(DnsName.Parse("ns.example.")), true },
        { "CNAME target", RecordType.CNAME, NameData.Encode(DnsName.Parse("www.example.")), true },
        { "PTR target", RecordType.PTR, NameData.Encode(DnsName.Parse("host.example.")), true },
        { "MX exchange", RecordType.MX, MxData.Encode(10, DnsName.Parse("mail.example.")), true },
        { "SOA names", RecordType.SOA, SoaData.Encode(DnsName.Parse("ns.example."), DnsName.Parse("hostmaster.example."), 1, 2, 3, 4, 5), true },
        { "RRSIG signer (RFC 4034 §3.1.7)", RecordType.RRSIG, RrsigData.Encode(RecordType.A, DnssecAlgorithm.ED25519, 1, 60, 2, 1, 7, DnsName.Parse("example."), [1, 2, 3]), false },
        { "NSEC next name (RFC 4034 §4.1.1)", RecordType.NSEC, NsecData.Encode(DnsName.Parse("b.example."), [RecordType.A]), false },
        { "SRV target (RFC 2782)", RecordType.SRV, SrvData.Encode(0, 1, 443, DnsName.Parse("host.example.")), false },
        { "DNAME target (RFC 3597 §4: not an RFC 1035 type)", RecordType.DNAME, NameData.Encode(DnsName.Parse("other.example.")), false },
        { "NAPTR replacement", RecordType.NAPTR, NaptrData.Encode(1, 2, "U"u8, "E2U+sip"u8, ""u8, DnsName.Parse("sip.example.")), false },
        { "SVCB target (RFC 9460 §2.2)", RecordType.SVCB, SvcbData.Encode(1, DnsName.Parse("svc.example."), []), false },
        { "KX exchanger (RFC 2230)", RecordType.KX, MxData.Encode(1, DnsName.Parse("kx.example.")), false },
    };

    [Theory]
    [MemberData(nameof(RecordDataNames))]
    public void TryWriteRecord_NamesInRecordData_CompressedOnlyWhereAllowed(string description, RecordType type, byte[] rdata, bool compressed)
    {
        byte[] buffer = new byte[256];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(Example, type));
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, Example, type, RecordClass.IN, 60, rdata));
        int length = writer.Finish();

        var reader = new DnsMessageReader(buffer.AsSpan(0, length));
        Assert.True(reader.ReadRecord(out DnsRecordView record));

        Assert.True(compressed == record.IsCompressed, $"{description}: RDLENGTH {record.DataLength} for {rdata.Length} octets");
        Assert.Equal(compressed, record.DataLength < rdata.Length);
        Assert.Equal(rdata, record.ToRecord().Data.ToArray());
    }

    [Fact]
    public void TryWriteRecord_NamesInUncompressedRecordData_ArePointerTargets()
    {
        // The RRSIG signer name is written in full but, as in BIND 9.18, a later name may point at it.
        byte[] buffer = new byte[256];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(Example, RecordType.A));
        byte[] rrsig = RrsigData.Encode(RecordType.A, DnssecAlgorithm.ED25519, 1, 60, 2, 1, 7, DnsName.Parse("zone.example."), [1]);
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.RRSIG, RecordClass.IN, 60, rrsig));
        int owner = writer.Length;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("zone.example."), RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));

        int signer = DnsHeader.Size + Example.WireLength + 4 + 2 + 10 + RrsigData.FixedLength;
        Assert.Equal((0xC000 | signer).ToString("x4", System.Globalization.CultureInfo.InvariantCulture), Convert.ToHexString(buffer, owner, 2).ToLowerInvariant());
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, writer.Finish()));
        Assert.Equal(DnsName.Parse("zone.example."), parsed.Answers[1].Owner);
    }

    [Fact]
    public void TryWriteRecord_BufferFull_ReturnsFalseAndLeavesTheMessageAsItWas()
    {
        byte[] buffer = new byte[64];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(Example, RecordType.TXT));
        int before = writer.Length;

        // The owner's new labels fit and join the compression table before the RDATA fails to fit.
        Assert.False(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("long.name.example."), RecordType.TXT, RecordClass.IN, 60, TxtData.Encode(new string('t', 40))));
        Assert.Equal(before, writer.Length);

        // A later name that matches the rolled-back labels must not point at them.
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("name.example."), RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));
        int length = writer.Finish();

        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, length));
        Assert.Equal("name.example.", Assert.Single(parsed.Answers).Owner.ToString());
        Assert.Single(parsed.Questions);
        Assert.Empty(parsed.Authorities);
    }

    [Fact]
    public void TryWriteRecord_NoRoomForTheOwner_ReturnsFalse()
    {
        byte[] buffer = new byte[12 + 13 + 4 + 5];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(Example, RecordType.A));

        Assert.False(writer.TryWriteRecord(DnsSection.Answer, DnsName.Parse("abcdefgh.other."), RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));
        Assert.False(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));

        Assert.Equal(12 + 9 + 4, writer.Length);
        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, writer.Finish()));
        Assert.Empty(parsed.Answers);
    }

    [Fact]
    public void TryWriteRecord_FailedInALaterSection_LeavesTheSectionAsItWas()
    {
        byte[] buffer = new byte[64];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(Example, RecordType.A));

        Assert.False(writer.TryWriteRecord(DnsSection.Authority, Example, RecordType.TXT, RecordClass.IN, 60, TxtData.Encode(new string('t', 60))));
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));

        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, writer.Finish()));
        Assert.Single(parsed.Answers);
        Assert.Empty(parsed.Authorities);
    }

    [Fact]
    public void TryWriteQuestion_BufferFull_ReturnsFalse()
    {
        byte[] buffer = new byte[12 + 13 + 4 + 3];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);

        Assert.True(writer.TryWriteQuestion(DnsName.Parse("www.example."), RecordType.A));
        Assert.False(writer.TryWriteQuestion(DnsName.Parse("ftp.example."), RecordType.A));
        Assert.Equal(12 + 13 + 4, writer.Length);

        DnsMessage parsed = DnsMessage.Parse(buffer.AsSpan(0, writer.Finish()));
        Assert.Single(parsed.Questions);
    }

    [Fact]
    public void TryWriteEdns_BufferFull_ReturnsFalseAndKeepsCounts()
    {
        byte[] buffer = new byte[12 + 13 + 4 + 14];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(DnsName.Parse("www.example."), RecordType.A));
        var edns = new EdnsRecord();
        edns.Options.Add(new EdnsOption(EdnsOptionCode.Nsid, new byte[8]));

        Assert.False(writer.TryWriteEdns(edns));
        int length = writer.Finish();

        Assert.Equal(12 + 13 + 4, length);
        Assert.Equal(0, DnsHeader.Read(buffer).AdditionalCount);
        Assert.Null(DnsMessage.Parse(buffer.AsSpan(0, length)).Edns);
    }

    [Fact]
    public void TryWriteEdns_ExtendedResponseCode_CarriesTheUpperBits()
    {
        byte[] buffer = new byte[64];
        var writer = new DnsMessageWriter(buffer, ResponseHeader with { ResponseCode = (byte)DnsResponseCode.BadCookie & 0x0F });

        Assert.True(writer.TryWriteEdns(new EdnsRecord { DnssecOk = true, UdpPayloadSize = 4096 }, DnsResponseCode.BadCookie));
        int length = writer.Finish();

        Assert.Equal("00002910000100800000 00".Replace(" ", "", StringComparison.Ordinal), Convert.ToHexString(buffer, 12, 11).ToLowerInvariant());
        Assert.Equal(DnsResponseCode.BadCookie, DnsMessage.Parse(buffer.AsSpan(0, length)).ResponseCode);
    }

    [Fact]
    public void Limit_Lowered_KeepsRoomForLaterRecords()
    {
        byte[] buffer = new byte[100];
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        Assert.True(writer.TryWriteQuestion(Example, RecordType.A));

        writer.Limit = writer.Length + 16;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));
        Assert.False(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 2]));
        writer.Limit = buffer.Length;
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 2]));

        Assert.Throws<ArgumentOutOfRangeException>(() => SetLimit(buffer, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SetLimit(buffer, buffer.Length + 1));
    }

    [Fact]
    public void TryWriteRecord_SectionsOutOfOrder_Throws()
    {
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new DnsMessageWriter(new byte[100], ResponseHeader);
            writer.TryWriteRecord(DnsSection.Authority, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]);
            writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]);
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new DnsMessageWriter(new byte[100], ResponseHeader);
            writer.TryWriteRecord(DnsSection.Question, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]);
        });
        Assert.Throws<InvalidOperationException>(() =>
        {
            var writer = new DnsMessageWriter(new byte[100], ResponseHeader);
            writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]);
            writer.TryWriteQuestion(Example, RecordType.A);
        });
    }

    [Fact]
    public void Constructor_BufferSmallerThanAHeader_Throws()
    {
        Assert.Throws<ArgumentException>("buffer", () => new DnsMessageWriter(new byte[11], ResponseHeader));
    }

    [Fact]
    public void Finish_Counts_AreWrittenToTheHeader()
    {
        byte[] buffer = new byte[200];
        var writer = new DnsMessageWriter(buffer, ResponseHeader with { QuestionCount = 9, AnswerCount = 9 });
        Assert.True(writer.TryWriteQuestion(Example, RecordType.A));
        Assert.True(writer.TryWriteRecord(DnsSection.Answer, Example, RecordType.A, RecordClass.IN, 60, [10, 0, 0, 1]));
        Assert.True(writer.TryWriteRecord(DnsSection.Authority, Example, RecordType.NS, RecordClass.IN, 60, NameData.Encode(Example)));
        Assert.True(writer.TryWriteRecord(DnsSection.Authority, Example, RecordType.NS, RecordClass.IN, 60, NameData.Encode(Example)));
        Assert.True(writer.TryWriteEdns(new EdnsRecord()));
        writer.AddFlags(DnsHeaderFlags.Truncated);
        writer.Finish();

        DnsHeader header = DnsHeader.Read(buffer);

        Assert.Equal((1, 1, 2, 1), (header.QuestionCount, header.AnswerCount, header.AuthorityCount, header.AdditionalCount));
        Assert.True(header.Has(DnsHeaderFlags.Truncated | DnsHeaderFlags.Response));
        Assert.Equal(0x1035, header.Id);
    }

    private static void SetLimit(byte[] buffer, int limit)
    {
        var writer = new DnsMessageWriter(buffer, ResponseHeader);
        writer.TryWriteQuestion(Example, RecordType.A);
        writer.Limit = limit;
    }
}
