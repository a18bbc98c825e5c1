using System.Net;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Walking messages in place with <see cref="DnsMessageReader"/>: compression, EDNS(0) and the zero-allocation claim.</summary>
public sealed partial class DnsMessageReaderTests
{
    /// <summary>
    /// A response laid out so that the names of RFC 1035 §4.1.4 sit at its offsets: F.ISI.ARPA at 20, FOO.F.ISI.ARPA at 40
    /// as "FOO" and a pointer to 20, ARPA at 64 as a pointer to 26, and the root at 92.
    /// </summary>
    private static byte[] Rfc1035CompressionExample(out int[] offsets)
    {
        var builder = new WireBuilder().Header(id: 0x1035, flags: 0x8000, questions: 1, answers: 2, additionals: 1);
        builder.Label("padding");
        int f = builder.Length;
        builder.Name("F.ISI.ARPA").U16((int)RecordType.A).U16((int)RecordClass.IN);
        builder.Label("abc");
        int foo = builder.Length;
        builder.Label("FOO").Pointer(f).Fixed(RecordType.CNAME, 10);
        builder.Label("example");
        int arpa = builder.Length;
        builder.Pointer(26);
        builder.Pointer(foo).Fixed(RecordType.TXT, 14).Bytes(13).Bytes("rfc1035 4.1.4"u8);
        int root = builder.Length;
        builder.Opt();
        offsets = [f, foo, arpa, root];
        return builder.ToArray();
    }

    [Fact]
    public void ReadRecord_Rfc1035CompressionExample_FollowsPointers()
    {
        byte[] message = Rfc1035CompressionExample(out int[] offsets);
        Assert.Equal([20, 40, 64, 92], offsets);

        var reader = new DnsMessageReader(message);
        Assert.True(reader.ReadQuestion(out DnsQuestionView question));
        Assert.Equal("padding.F.ISI.ARPA.", question.ReadName().ToString());
        Assert.True(question.NameEquals(DnsName.Parse("PADDING.f.isi.arpa.")));
        Assert.Equal(RecordType.A, question.Type);
        Assert.False(reader.ReadQuestion(out _));

        Assert.True(reader.ReadRecord(out DnsRecordView cname));
        Assert.Equal(DnsSection.Answer, cname.Section);
        Assert.Equal("abc.FOO.F.ISI.ARPA.", cname.ReadOwner().ToString());
        Assert.True(cname.IsCompressed);
        Assert.Equal(10, cname.DataLength);
        Assert.Equal(14, cname.ExpandedDataLength);
        Assert.Equal("example.ARPA.", NameData.From(cname.ToRecord()).Target.ToString());

        Assert.True(reader.ReadRecord(out DnsRecordView txt));
        Assert.Equal(40 + 6 + 10 + 10, txt.OwnerOffset);
        Assert.Equal("FOO.F.ISI.ARPA.", txt.ReadOwner().ToString());
        Assert.True(txt.OwnerEquals(DnsName.Parse("foo.f.isi.arpa.")));
        Assert.False(txt.IsCompressed);

        Assert.True(reader.ReadRecord(out DnsRecordView opt));
        Assert.Equal(92, opt.OwnerOffset);
        Assert.Equal(RecordType.OPT, opt.Type);
        Assert.True(opt.ReadOwner().IsRoot);
        Assert.False(reader.ReadRecord(out _));
        Assert.True(reader.HasEdns);
    }

    [Theory]
    [InlineData("F.ISI.ARPA written out", 20, "F.ISI.ARPA.", 12)]
    [InlineData("FOO then a pointer to 20", 40, "FOO.F.ISI.ARPA.", 6)]
    [InlineData("a lone pointer to 26", 64, "ARPA.", 2)]
    [InlineData("the root", 92, ".", 1)]
    public void ReadName_Rfc1035CompressionExampleOffsets_DecodesEachName(string description, int offset, string expected, int size)
    {
        byte[] message = Rfc1035CompressionExample(out _);

        DnsName name = NameCodec.Read(message, offset, allowCompression: true, out int consumed);

        Assert.True(expected == name.ToString(), description);
        Assert.Equal(size, consumed);
    }

    [Fact]
    public void ReadToEnd_OptRecord_ExposesEdnsFields()
    {
        byte[] options = [.. WireBuilder.Option(3, "ns1"u8), .. WireBuilder.Option(15, [0x00, 0x12, .. "blocked"u8])];

        // TTL field: extended RCODE 0x01, version 0, DO set and one other flag bit.
        byte[] message = new WireBuilder().Header(flags: 0x8000, questions: 1, additionals: 1)
            .Question("example.")
            .Opt(payloadSize: 4096, ttl: 0x0100_8001, options)
            .ToArray();

        var reader = new DnsMessageReader(message);
        Assert.True(reader.ReadToEnd(out EdnsView edns));

        Assert.Equal(4096, edns.UdpPayloadSize);
        Assert.Equal(1, edns.ExtendedResponseCode);
        Assert.Equal(0, edns.Version);
        Assert.True(edns.DnssecOk);
        Assert.Equal(0x8001, edns.Flags);
        Assert.True(edns.TryGetOption(EdnsOptionCode.Nsid, out ReadOnlySpan<byte> nsid));
        Assert.Equal("ns1", Encoding.ASCII.GetString(nsid));
        Assert.True(edns.TryGetOption(EdnsOptionCode.ExtendedDnsError, out ReadOnlySpan<byte> ede));
        Assert.Equal(new ExtendedDnsError(ExtendedDnsErrorCode.Prohibited, "blocked"), ExtendedDnsError.FromOptionData(ede));
        Assert.False(edns.TryGetOption(EdnsOptionCode.Cookie, out _));
    }

    [Fact]
    public void ReadToEnd_NoOptRecord_ReturnsFalse()
    {
        byte[] message = new WireBuilder().Header(questions: 1).Question("example.").ToArray();

        var reader = new DnsMessageReader(message);

        Assert.False(reader.ReadToEnd(out _));
        Assert.False(reader.HasEdns);
    }

    [Fact]
    public void AsEdns_NotOpt_Throws()
    {
        byte[] message = new WireBuilder().Header(answers: 1).Record("example.", RecordType.A, 192, 0, 2, 1).ToArray();
        var reader = new DnsMessageReader(message);
        Assert.True(reader.ReadRecord(out DnsRecordView record));

        try
        {
            record.AsEdns();
            Assert.Fail("AsEdns on an A record should throw");
        }
        catch (InvalidOperationException)
        {
        }
    }

    [Fact]
    public void ReadRecord_UnreadQuestions_AreSkippedAndChecked()
    {
        byte[] message = new WireBuilder().Header(questions: 2, answers: 1)
            .Question("a.example.").Question("b.example.")
            .Record("a.example.", RecordType.A, 192, 0, 2, 1)
            .ToArray();
        var reader = new DnsMessageReader(message);

        Assert.Equal(DnsSection.Question, reader.Section);
        Assert.True(reader.ReadRecord(out DnsRecordView record));

        Assert.Equal(DnsSection.Answer, record.Section);
        Assert.Equal(IPAddress.Parse("192.0.2.1"), AddressData.From(record.ToRecord()).Address);
        Assert.False(reader.ReadQuestion(out _));
        Assert.Equal(message.Length, reader.Position);
    }

    [Fact]
    public void ReadRecord_EmptySections_MovesToTheNextNonEmptyOne()
    {
        byte[] message = new WireBuilder().Header(additionals: 1).Record("example.", RecordType.A, 192, 0, 2, 1).ToArray();
        var reader = new DnsMessageReader(message);

        Assert.True(reader.ReadRecord(out DnsRecordView record));

        Assert.Equal(DnsSection.Additional, record.Section);
        Assert.False(reader.ReadRecord(out _));
        Assert.False(reader.ReadRecord(out _));
    }

    [Fact]
    public void ReadRecord_SignedResponse_AllocatesNothing()
    {
        byte[] message = SignedResponse();

        // Warm up: JIT compilation and static initialisers allocate once.
        for (int i = 0; i < 5; i++)
        {
            Walk(message);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        int checksum = Walk(message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.Equal(Walk(message), checksum);
    }

    /// <summary>Reads every part of the message through the allocation-free members, and returns something that depends on all of it.</summary>
    private static int Walk(byte[] message)
    {
        DnsName owner = SignedOwner;
        var reader = new DnsMessageReader(message);
        int checksum = reader.Header.Id;
        while (reader.ReadQuestion(out DnsQuestionView question))
        {
            checksum += question.NameEquals(owner) ? (int)question.Type : -1;
        }

        while (reader.ReadRecord(out DnsRecordView record))
        {
            checksum += (int)record.Type + (int)record.Section + record.DataLength + record.ExpandedDataLength + (int)record.Ttl;
            checksum += record.OwnerEquals(owner) ? 1 : 0;
            checksum += record.RawData[0];
            if (record.Type == RecordType.OPT)
            {
                EdnsView edns = record.AsEdns();
                checksum += edns.UdpPayloadSize + (edns.DnssecOk ? 1 : 0);
                checksum += edns.TryGetOption(EdnsOptionCode.Nsid, out ReadOnlySpan<byte> nsid) ? nsid.Length : 0;
            }
        }

        return checksum;
    }

    private static DnsName SignedOwner { get; } = DnsName.Parse("www.example.");

    /// <summary>A signed answer as a validating resolver receives it: an A RRset and its RRSIG, the NS RRset and its RRSIG, and OPT with DO.</summary>
    private static byte[] SignedResponse()
    {
        DnsName zone = DnsName.Parse("example.");
        byte[] signature = new byte[64];
        Array.Fill(signature, (byte)0xA5);
        var message = new DnsMessage { Id = 0x4A4A, Flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable | DnsHeaderFlags.AuthenticData };
        message.Questions.Add(new DnsQuestion(SignedOwner, RecordType.A));
        message.Answers.Add(new DnsRecord(SignedOwner, RecordType.A, RecordClass.IN, 300, AddressData.Encode(IPAddress.Parse("192.0.2.1"))));
        message.Answers.Add(new DnsRecord(SignedOwner, RecordType.A, RecordClass.IN, 300, AddressData.Encode(IPAddress.Parse("192.0.2.2"))));
        message.Answers.Add(new DnsRecord(SignedOwner, RecordType.RRSIG, RecordClass.IN, 300, RrsigData.Encode(RecordType.A, DnssecAlgorithm.ECDSAP256SHA256, 2, 300, 1_800_000_000, 1_700_000_000, 12345, zone, signature)));
        message.Authorities.Add(new DnsRecord(zone, RecordType.NS, RecordClass.IN, 3600, NameData.Encode(DnsName.Parse("ns1.example."))));
        message.Authorities.Add(new DnsRecord(zone, RecordType.NS, RecordClass.IN, 3600, NameData.Encode(DnsName.Parse("ns2.example."))));
        message.Authorities.Add(new DnsRecord(zone, RecordType.RRSIG, RecordClass.IN, 3600, RrsigData.Encode(RecordType.NS, DnssecAlgorithm.ECDSAP256SHA256, 1, 3600, 1_800_000_000, 1_700_000_000, 12345, zone, signature)));
        message.Edns = new EdnsRecord { UdpPayloadSize = 1232, DnssecOk = true };
        message.Edns.Options.Add(new EdnsOption(EdnsOptionCode.Nsid, "resolver-1"u8.ToArray()));
        return message.ToArray();
    }
}
