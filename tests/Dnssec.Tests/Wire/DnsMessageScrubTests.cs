using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>
/// The scrubbing parse: a record whose RDATA does not fit its type is dropped and listed, the rest of the message is
/// kept; a message whose header, question or record framing is broken is still refused as a whole.
/// </summary>
public sealed class DnsMessageScrubTests
{
    /// <summary>Where the RDATA of the second answer begins: after the header, the question and the first answer.</summary>
    private const int BadRecordData = 12 + (13 + 4) + (13 + 10 + 4) + (13 + 10);

    /// <summary>RDATA that does not fit its type, each framed by a correct RDLENGTH.</summary>
    public static TheoryData<string, RecordType, byte[], string> MalformedData() => new()
    {
        { "A of 5 octets", RecordType.A, [192, 0, 2, 1, 0], "left over" },
        { "AAAA of 3 octets", RecordType.AAAA, [0x20, 0x01, 0x0d], "too short" },
        { "NS whose label length is 64", RecordType.NS, [64, .. new byte[64], 0], "Label length byte 64" },
        { "CNAME running past its RDLENGTH", RecordType.CNAME, [3, (byte)'w', (byte)'w', (byte)'w'], "Data ends inside the name" },
        { "MX without its exchange", RecordType.MX, [0, 10], "Data ends inside the name" },
        { "SOA with octets left over", RecordType.SOA, [0, 0, .. new byte[20], 9], "left over" },
        { "TXT with no string", RecordType.TXT, [], "no character string" },
        { "DNSKEY shorter than its fixed fields", RecordType.DNSKEY, [1, 0, 3], "too short" },
        { "DS shorter than its fixed fields", RecordType.DS, [0, 1, 13], "too short" },
        { "RRSIG without its signer", RecordType.RRSIG, [0, 1, 13, 2, 0, 0, 14, 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1], "Data ends inside the name" },
        { "RRSIG with a compressed signer", RecordType.RRSIG, [0, 1, 13, 2, 0, 0, 14, 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0xC0, 12, 1, 2], "Compression pointer where names must be uncompressed" },
        { "NSEC3 with an empty next hashed owner", RecordType.NSEC3, [1, 0, 0, 0, 0, 0], "next hashed owner is empty" },
        { "NSEC with a zero-length bitmap window", RecordType.NSEC, [0, 0, 0], "window length 0" },
        { "NSEC with bitmap windows out of order", RecordType.NSEC, [0, 0, 1, 0x40, 0, 1, 0x40], "out of order" },
        { "SVCB with keys out of order", RecordType.SVCB, [0, 1, 0, 0, 3, 0, 2, 1, 0xBB, 0, 1, 0, 3, 2, (byte)'h', (byte)'2'], "not in increasing order" },
        { "HTTPS with a key twice", RecordType.HTTPS, [0, 1, 0, 0, 3, 0, 2, 1, 0xBB, 0, 3, 0, 2, 1, 0xBB], "not in increasing order" },
        { "CAA with an empty tag", RecordType.CAA, [0, 0], "CAA tag is empty" },
    };

    [Theory]
    [MemberData(nameof(MalformedData))]
    public void ParseScrubbed_OneRecordWithMalformedData_OnlyThatRecordIsDropped(string description, RecordType type, byte[] data, string reason)
    {
        _ = description;
        byte[] message = new WireBuilder().Header(id: 7, flags: 0x8400, questions: 1, answers: 3, additionals: 1)
            .Question("www.example.")
            .Record("www.example.", RecordType.A, 192, 0, 2, 1)
            .Record("bad.example.", type, data)
            .Record("www.example.", RecordType.A, 192, 0, 2, 2)
            .Opt()
            .ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.Equal(["192.0.2.1", "192.0.2.2"], parsed.Answers.Select(r => AddressData.From(r).Address.ToString()));
        Assert.NotNull(parsed.Edns);
        DroppedRecord record = Assert.Single(dropped);
        Assert.Equal((DnsSection.Answer, "bad.example.", type), (record.Section, record.Owner.ToString(), record.Type));
        Assert.Contains(reason, record.Reason, StringComparison.Ordinal);
        Assert.InRange(record.Offset, BadRecordData, BadRecordData + data.Length);
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(message));
    }

    [Fact]
    public void ParseScrubbed_BadTypeBitmapInOneNsec_OnlyThatNsecIsDropped()
    {
        byte[] signature = [0, (byte)RecordType.NSEC, 13, 2, 0, 0, 14, 16, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 7, .. "example"u8, 0, 1, 2, 3];
        byte[] message = new WireBuilder().Header(flags: 0x8403, questions: 1, authorities: 4)
            .Question("nx.example.")
            .Record("a.example.", RecordType.NSEC, [1, (byte)'z', 7, .. "example"u8, 0, 0, 1, 0x40])
            .Record("a.example.", RecordType.RRSIG, signature)
            .Record("m.example.", RecordType.NSEC, [1, (byte)'z', 7, .. "example"u8, 0, 0, 33, .. new byte[33]])
            .Record("m.example.", RecordType.RRSIG, signature)
            .ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.Equal(
            [("a.example.", RecordType.NSEC), ("a.example.", RecordType.RRSIG), ("m.example.", RecordType.RRSIG)],
            parsed.Authorities.Select(r => (r.Owner.ToString(), r.Type)));
        Assert.Equal(DnsResponseCode.NXDomain, parsed.ResponseCode);
        DroppedRecord record = Assert.Single(dropped);
        Assert.Equal((DnsSection.Authority, "m.example.", RecordType.NSEC), (record.Section, record.Owner.ToString(), record.Type));
        Assert.Contains("window length 33", record.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseScrubbed_WellFormedMessage_SameAsParseAndNothingDropped()
    {
        byte[] message = new WireBuilder().Header(id: 9, flags: 0x8180, questions: 1, answers: 1, additionals: 1)
            .Question("www.example.")
            .Pointer(12).Fixed(RecordType.CNAME, 7).Label("mail").Pointer(16)
            .Opt(ttl: 0x8000)
            .ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.Empty(dropped);
        MessageAssert.SameContent(DnsMessage.Parse(message), parsed, exactCase: true);
    }

    public static TheoryData<string, byte[], DnsFormatError> BrokenFraming()
    {
        var data = new TheoryData<string, byte[], DnsFormatError>();
        WireBuilder b = new WireBuilder().Header(questions: 1, answers: 2).Question("a.").Record("a.", RecordType.A, 192, 0, 2, 1)
            .Name("b.").Fixed(RecordType.TXT, 200).Bytes(3, 1, 2, 3);
        data.Add("RDLENGTH of the last record past the end", b.ToArray(), DnsFormatError.RecordDataOverrun);

        b = new WireBuilder().Header(questions: 1, answers: 2).Question("a.").Record("a.", RecordType.A, 192, 0, 2, 1)
            .U8(64).Bytes(new byte[64]).U8(0).Fixed(RecordType.A, 4).Bytes(192, 0, 2, 2);
        data.Add("owner name with a 64-octet label", b.ToArray(), DnsFormatError.LabelTooLong);

        b = new WireBuilder().Header(questions: 1, answers: 3).Question("a.").Record("a.", RecordType.A, 192, 0, 2, 1);
        data.Add("fewer records than the header promises", b.ToArray(), DnsFormatError.Truncated);

        b = new WireBuilder().Header(questions: 1).Labels("a");
        data.Add("question cut short", b.ToArray(), DnsFormatError.Truncated);

        b = new WireBuilder().Header(questions: 1, answers: 1).Question("a.").Opt();
        data.Add("OPT in the answer section", b.ToArray(), DnsFormatError.OptOutsideAdditional);

        b = new WireBuilder().Header(questions: 1, additionals: 2).Question("a.").Opt().Opt();
        data.Add("two OPT records", b.ToArray(), DnsFormatError.DuplicateOpt);
        return data;
    }

    [Theory]
    [MemberData(nameof(BrokenFraming))]
    public void ParseScrubbed_BrokenFraming_WholeMessageRefused(string description, byte[] message, DnsFormatError error)
    {
        // Once a record's framing breaks, where the records after it begin is unknown. Keeping what came before would
        // hand on a response with sections silently cut short, which only TC may say (RFC 1035 §4.1.1); Unbound's
        // parser refuses the whole message too (FORMERR), and so the next server is asked.
        _ = description;

        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => DnsMessage.ParseScrubbed(message, out _));

        Assert.Equal(error, exception.Error);
    }

    [Fact]
    public void ParseScrubbed_OneAdditionalRecordPromisedAndNothingLeft_ReadAsWithoutEdns()
    {
        // Unbound and BIND accept a response whose single promised additional record (the OPT) is missing.
        byte[] message = new WireBuilder().Header(flags: 0x8000, questions: 1, answers: 1, additionals: 1).Question("a.").Record("a.", RecordType.A, 192, 0, 2, 1).ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.Single(parsed.Answers);
        Assert.Null(parsed.Edns);
        Assert.Empty(dropped);
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(message));
    }

    [Fact]
    public void ParseScrubbed_EdnsOptionRunningPastTheOptData_OptionsBeforeItKeptTheRestIgnored()
    {
        // Unbound's parse_edns_options: options are read while a whole one is there; a cut-short one ends the list.
        byte[] options = [.. WireBuilder.Option(10, 1, 2, 3, 4, 5, 6, 7, 8), 0, 15, 0, 40, 0, 1];
        byte[] message = new WireBuilder().Header(flags: 0x8000, questions: 1, additionals: 1).Question("a.").Opt(ttl: 0x0100_8000, options: options).ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.NotNull(parsed.Edns);
        Assert.True(parsed.Edns.DnssecOk);
        Assert.Equal((DnsResponseCode)(1 << 4), parsed.ResponseCode);
        Assert.Equal([EdnsOptionCode.Cookie], parsed.Edns.Options.Select(o => o.Code));
        DroppedRecord record = Assert.Single(dropped);
        Assert.Equal((DnsSection.Additional, RecordType.OPT, DnsFormatError.InvalidEdnsOption), (record.Section, record.Type, record.Error));
    }

    [Fact]
    public void ParseScrubbed_ExtendedErrorShorterThanItsInfoCode_OnlyThatOptionIsDropped()
    {
        byte[] options = [.. WireBuilder.Option(15, 9), .. WireBuilder.Option(15, 0, 6)];
        byte[] message = new WireBuilder().Header(flags: 0x8002, questions: 1, additionals: 1).Question("a.").Opt(options: options).ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.Equal([ExtendedDnsErrorCode.DnssecBogus], parsed.Edns!.ExtendedErrors.Select(e => e.Code));
        Assert.Equal(DnsFormatError.InvalidEdnsOption, Assert.Single(dropped).Error);
    }

    [Fact]
    public void ParseScrubbed_OptOwnedByAnotherName_AcceptedAsUnboundAcceptsIt()
    {
        // RFC 6891 §6.1.1 asks senders for the root; Unbound's parser ignores the owner of the OPT record it finds.
        byte[] message = new WireBuilder().Header(flags: 0x8000, questions: 1, additionals: 1).Question("a.")
            .Name("a.").U16((int)RecordType.OPT).U16(1232).U32(0x8000).U16(0).ToArray();

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out _);

        Assert.True(parsed.Edns!.DnssecOk);
        Assert.Empty(parsed.Additionals);
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(message));
    }

    [Fact]
    public void ReadRecord_ScrubbingReaderOverAMalformedRecord_MarksItAndAllocatesNothing()
    {
        byte[] message = new WireBuilder().Header(questions: 1, answers: 2).Question("a.")
            .Record("a.", RecordType.AAAA, 1, 2, 3)
            .Record("a.", RecordType.A, 192, 0, 2, 1)
            .ToArray();
        Assert.Equal((1, 1), Walk(message));

        long before = GC.GetAllocatedBytesForCurrentThread();
        (int good, int malformed) = Walk(message);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal((1, 1), (good, malformed));
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Malformation_MalformedRecord_IsTheErrorTheStrictReaderThrows()
    {
        byte[] message = new WireBuilder().Header(questions: 1, answers: 1).Question("a.").Record("a.", RecordType.AAAA, 1, 2, 3).ToArray();
        DnsFormatException strict = Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(message));

        var reader = new DnsMessageReader(message, scrub: true);
        Assert.True(reader.ReadRecord(out DnsRecordView record));
        bool refused = false;
        try
        {
            record.ToRecord();
        }
        catch (InvalidOperationException)
        {
            refused = true;
        }

        Assert.True(record.IsMalformed);
        Assert.Equal((strict.Error, strict.Offset, strict.Message), (record.Malformation!.Error, record.Malformation.Offset, record.Malformation.Message));
        Assert.True(refused);
    }

    [Theory]
    [InlineData("scrub-malformed-among-good", 2, 0, 3)]
    [InlineData("scrub-nsec-bitmap-missing-opt", 0, 1, 1)]
    [InlineData("scrub-opt-owner-short-ede", 0, 0, 1)]
    public void ParseScrubbed_ScrubbingFuzzSeeds_KeepWhatIsSoundAndListTheRest(string seed, int answers, int authorities, int droppedCount)
    {
        byte[] message = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fuzz", "corpus", "message", seed));

        DnsMessage parsed = DnsMessage.ParseScrubbed(message, out IReadOnlyList<DroppedRecord> dropped);

        Assert.Equal((answers, authorities, droppedCount), (parsed.Answers.Count, parsed.Authorities.Count, dropped.Count));
        Assert.Throws<DnsFormatException>(() => DnsMessage.Parse(message));
    }

    private static (int Good, int Malformed) Walk(byte[] message)
    {
        var reader = new DnsMessageReader(message, scrub: true);
        int good = 0;
        int malformed = 0;
        while (reader.ReadRecord(out DnsRecordView record))
        {
            if (record.IsMalformed)
            {
                malformed++;
            }
            else
            {
                good++;
            }
        }

        return (good, malformed);
    }
}
