using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

public class ZoneFileReaderTests
{
    private static readonly DnsName Example = DnsName.Parse("example.");

    private static List<DnsRecord> Read(string text, ZoneFileReaderOptions? options = null) =>
        [.. ZoneFileReader.Parse(text, "test.zone", options)];

    private static List<string> Lines(string text, ZoneFileReaderOptions? options = null) =>
        Read(text, options).ConvertAll(RecordTextFormatter.Format);

    [Fact]
    public void Parse_Origin_CompletesRelativeNamesAndAt()
    {
        Assert.Equal(
            ["example. 60 IN NS ns1.example.", "www.example. 60 IN CNAME example.", "mail.example. 60 IN MX 10 mx.other."],
            Lines("$ORIGIN example.\n@ 60 NS ns1\nwww 60 CNAME @\nmail 60 MX 10 mx.other.\n"));
    }

    [Fact]
    public void Parse_RelativeOrigin_IsCompletedWithCurrentOrigin()
    {
        Assert.Equal(
            ["a.sub.example. 60 IN A 192.0.2.1"],
            Lines("$ORIGIN example.\n$ORIGIN sub\na 60 A 192.0.2.1\n"));
    }

    [Fact]
    public void Parse_OriginOption_IsUsedBeforeAnyDirective()
    {
        Assert.Equal(["www.example. 60 IN A 192.0.2.1"], Lines("www 60 A 192.0.2.1", new() { Origin = Example }));
    }

    [Fact]
    public void Parse_DollarTtl_IsDefaultForRecordsWithoutTtl()
    {
        // RFC 2308 §4: an explicit TTL on one record does not change the default for the next.
        Assert.Equal(
            ["a.example. 5400 IN A 192.0.2.1", "b.example. 10 IN A 192.0.2.2", "c.example. 5400 IN A 192.0.2.3"],
            Lines("$TTL 1h30m\na.example. A 192.0.2.1\nb.example. 10 A 192.0.2.2\nc.example. A 192.0.2.3\n"));
    }

    [Fact]
    public void Parse_NoDollarTtl_OmittedTtlIsPreviousOne()
    {
        // RFC 1035 §5.1: without $TTL the last stated TTL carries forward.
        Assert.Equal(
            ["a.example. 200 IN A 192.0.2.1", "b.example. 200 IN A 192.0.2.2", "c.example. 7 IN A 192.0.2.3", "d.example. 7 IN A 192.0.2.4"],
            Lines("a.example. 200 A 192.0.2.1\nb.example. A 192.0.2.2\nc.example. 7 A 192.0.2.3\nd.example. A 192.0.2.4\n"));
    }

    [Fact]
    public void Parse_DefaultTtlOption_ActsAsDollarTtl()
    {
        Assert.Equal(["a.example. 42 IN A 192.0.2.1"], Lines("a.example. A 192.0.2.1", new() { DefaultTtl = 42 }));
    }

    [Fact]
    public void Parse_OmittedClass_IsPreviousClassElseDefault()
    {
        Assert.Equal(
            ["a.example. 1 IN A 192.0.2.1", "b.example. 1 CH TXT \"x\"", "c.example. 1 CH TXT \"y\""],
            Lines("a.example. 1 A 192.0.2.1\nb.example. 1 CH TXT x\nc.example. 1 TXT y\n"));
        Assert.Equal(["a.example. 1 HS TXT \"x\""], Lines("a.example. 1 TXT x", new() { DefaultClass = RecordClass.HS }));
    }

    [Theory]
    [InlineData("TTL then class", "a.example. 60 IN A 192.0.2.1")]
    [InlineData("class then TTL", "a.example. IN 60 A 192.0.2.1")]
    [InlineData("generic class", "a.example. CLASS1 60 A 192.0.2.1")]
    [InlineData("tabs between fields", "a.example.\t60\tIN\tA\t192.0.2.1")]
    [InlineData("generic type", "a.example. 60 IN TYPE1 192.0.2.1")]
    public void Parse_TtlAndClassInEitherOrder_ReadsSameRecord(string description, string text)
    {
        _ = description;
        Assert.Equal(["a.example. 60 IN A 192.0.2.1"], Lines(text));
    }

    [Fact]
    public void Parse_LineStartingWithBlank_BelongsToPreviousOwner()
    {
        Assert.Equal(
            ["www.example. 60 IN A 192.0.2.1", "www.example. 60 IN AAAA 2001:db8::1", "www.example. 60 IN TXT \"t\""],
            Lines("$ORIGIN example.\nwww 60 A 192.0.2.1\n  AAAA 2001:db8::1\n\n; comment\n$ORIGIN other.\n\tTXT t\n"));
    }

    [Fact]
    public void Parse_ParenthesesAndComments_JoinLines()
    {
        const string Zone = """
            $ORIGIN example.
            @ 3600 IN SOA ns1 hostmaster ( ; a comment with ( and "
                        2024010101 ; serial
                        2h         ; refresh

                        1h ) ( 2w
                        300 )
            ; trailing comment
            """;

        Assert.Equal(["example. 3600 IN SOA ns1.example. hostmaster.example. 2024010101 7200 3600 1209600 300"], Lines(Zone));
    }

    [Fact]
    public void Parse_EntryStartingWithParenthesisLine_KeepsOmittedOwnerFromFirstLine()
    {
        Assert.Equal(
            ["a.example. 1 IN A 192.0.2.1", "a.example. 1 IN A 192.0.2.2"],
            Lines("a.example. 1 A 192.0.2.1\n (\nA 192.0.2.2 )\n"));
    }

    [Fact]
    public void Parse_QuotedStringsWithSpecials_KeepThemLiterally()
    {
        Assert.Equal(
            ["a.example. 1 IN TXT \"x ; y ( z ) \\\"q\\\" \\\\ \\009\""],
            Lines("a.example. 1 TXT \"x ; y ( z ) \\\"q\\\" \\\\ \\009\" ; comment"));
    }

    [Fact]
    public void Parse_EscapesInNames_DecodeToOctets()
    {
        DnsRecord record = Assert.Single(Read("a\\032b\\.c\\255.example. 1 A 192.0.2.1"));

        Assert.Equal(2, record.Owner.LabelCount);
        Assert.Equal("6120622E63FF", Convert.ToHexString(record.Owner.GetLabel(0)));
    }

    [Fact]
    public void Parse_CrLfLineEndings_ReadLikeLf()
    {
        Assert.Equal(
            ["a.example. 1 IN A 192.0.2.1", "a.example. 1 IN A 192.0.2.2"],
            Lines("a.example. 1 A 192.0.2.1\r\n A ( 192.0.2.2 \r\n )\r\n"));
    }

    [Fact]
    public void Parse_EmptyOrCommentOnlyText_YieldsNothing()
    {
        Assert.Empty(Read(string.Empty));
        Assert.Empty(Read("  \n\t\n; only a comment\n   ; another\n"));
    }

    [Fact]
    public void ReadFile_RawOctets_SurviveAsLatin1()
    {
        string path = TempFile([.. "a"u8, 0xE9, .. ".example. 1 TXT \""u8, 0xC3, 0xA9, 0x01, .. "\"\n"u8]);

        DnsRecord record = Assert.Single(ZoneFileReader.ReadFile(path));

        Assert.Equal("61E9", Convert.ToHexString(record.Owner.GetLabel(0)));
        Assert.Equal("03C3A901", Convert.ToHexString(record.Data.Span));
        Assert.Equal("a\\233.example. 1 IN TXT \"\\195\\169\\001\"", RecordTextFormatter.Format(record));
    }

    [Fact]
    public void Parse_BadLineAfterGoodOnes_YieldsGoodRecordsFirst()
    {
        using IEnumerator<DnsRecord> records = ZoneFileReader.Parse("a.example. 1 A 192.0.2.1\nb.example. 1 A 192.0.2.2\nc.example. 1 A bad\n").GetEnumerator();

        Assert.True(records.MoveNext());
        Assert.True(records.MoveNext());
        var exception = Assert.Throws<ZoneFileException>(() => records.MoveNext());
        Assert.Equal(3, exception.Line);
    }

    [Fact]
    public void ReadFile_EnumeratedTwice_ReadsAfreshEachTime()
    {
        string path = TempFile(Encoding.ASCII.GetBytes("$TTL 5\na.example. A 192.0.2.1\n"));
        IEnumerable<DnsRecord> records = ZoneFileReader.ReadFile(path);

        Assert.Equal(Fixtures.Keys(records), Fixtures.Keys(records));
        Assert.Single(records);
    }

    [Fact]
    public void Read_TextReader_IsLeftOpen()
    {
        using var reader = new StringReader("a.example. 1 A 192.0.2.1\n");

        Assert.Single(ZoneFileReader.Read(reader, "reader"));
        Assert.Equal(-1, reader.Peek());
    }

    [Fact]
    public void Parse_OptionsChangedAfterCall_DoNotAffectRead()
    {
        var options = new ZoneFileReaderOptions { DefaultTtl = 1 };
        IEnumerable<DnsRecord> records = ZoneFileReader.Parse("a.example. A 192.0.2.1", "t", options);
        options.DefaultTtl = 2;

        Assert.Equal(1u, Assert.Single(records).Ttl);
    }

    [Theory]
    [InlineData("negative include depth", -1, 1024)]
    [InlineData("include depth over the limit", 65, 1024)]
    [InlineData("entry length under the minimum", 8, 1023)]
    [InlineData("entry length over the limit", 8, (16 << 20) + 1)]
    public void Parse_OptionOutOfRange_ThrowsArgumentOutOfRange(string description, int depth, int entryLength)
    {
        _ = description;
        var options = new ZoneFileReaderOptions { MaxIncludeDepth = depth, MaxEntryLength = entryLength };
        Assert.Throws<ArgumentOutOfRangeException>(() => ZoneFileReader.Parse("", "t", options));
    }

    [Fact]
    public void Parse_DefaultTtlOverRfc2181Limit_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ZoneFileReader.Parse("", "t", new() { DefaultTtl = 2147483648 }));
    }

    [Fact]
    public void ReadFile_Include_ReadsRelativeToIncludingFileWithItsOwnOrigin()
    {
        string directory = TempDirectory();
        Directory.CreateDirectory(Path.Combine(directory, "sub"));
        File.WriteAllText(Path.Combine(directory, "sub", "hosts.zone"), "www A 192.0.2.1\n@ TXT included\n");
        File.WriteAllText(Path.Combine(directory, "sub", "more.zone"), "mail A 192.0.2.2\n");
        File.WriteAllText(Path.Combine(directory, "main.zone"), """
            $ORIGIN example.
            $TTL 60
            top TXT before
            $INCLUDE sub/hosts.zone hosts
            $INCLUDE "sub/more.zone"
              TXT "owner from before the include"
            after TXT "origin restored"
            """);

        List<string> lines = [.. ZoneFileReader.ReadFile(Path.Combine(directory, "main.zone")).Select(RecordTextFormatter.Format)];

        Assert.Equal(
            [
                "top.example. 60 IN TXT \"before\"",
                "www.hosts.example. 60 IN A 192.0.2.1",
                "hosts.example. 60 IN TXT \"included\"",
                "mail.example. 60 IN A 192.0.2.2",
                "top.example. 60 IN TXT \"owner from before the include\"",
                "after.example. 60 IN TXT \"origin restored\"",
            ],
            lines);
    }

    [Fact]
    public void ReadFile_IncludedFileSetsTtl_TtlCarriesOn()
    {
        string directory = TempDirectory();
        File.WriteAllText(Path.Combine(directory, "ttl.zone"), "$TTL 99\n");
        File.WriteAllText(Path.Combine(directory, "main.zone"), "$TTL 1\n$INCLUDE ttl.zone\na.example. A 192.0.2.1\n");

        Assert.Equal(99u, Assert.Single(ZoneFileReader.ReadFile(Path.Combine(directory, "main.zone"))).Ttl);
    }

    [Fact]
    public void Parse_IncludeDirectoryOption_ResolvesIncludesOfText()
    {
        string directory = TempDirectory();
        File.WriteAllText(Path.Combine(directory, "a.zone"), "a.example. 1 A 192.0.2.1\n");

        DnsRecord record = Assert.Single(ZoneFileReader.Parse("$INCLUDE a.zone\n", "text", new() { IncludeDirectory = directory }));

        Assert.Equal("a.example.", record.Owner.ToString());
    }

    [Fact]
    public void ReadFile_IncludeStartingWithBlankOwner_HasNoPreviousOwner()
    {
        string directory = TempDirectory();
        File.WriteAllText(Path.Combine(directory, "inc.zone"), "  A 192.0.2.1\n");
        File.WriteAllText(Path.Combine(directory, "main.zone"), "a.example. 1 A 192.0.2.1\n$INCLUDE inc.zone\n");

        var exception = Assert.Throws<ZoneFileException>(() => ZoneFileReader.ReadFile(Path.Combine(directory, "main.zone")).ToList());

        Assert.Equal(Path.Combine(directory, "inc.zone"), exception.FileName);
        Assert.Equal((1, 3), (exception.Line, exception.Column));
    }

    [Fact]
    public void ReadFile_FileIncludingItself_StopsAtDepthLimit()
    {
        string directory = TempDirectory();
        string path = Path.Combine(directory, "loop.zone");
        File.WriteAllText(path, "a.example. 1 A 192.0.2.1\n\n   $INCLUDE loop.zone\n".Replace("   $", "$", StringComparison.Ordinal));

        var exception = Assert.Throws<ZoneFileException>(() => ZoneFileReader.ReadFile(path, new() { MaxIncludeDepth = 3 }).ToList());

        Assert.Equal((path, 3, 1), (exception.FileName, exception.Line, exception.Column));
        Assert.Contains("nests more than 3 files deep", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_IncludeDisabled_IsAnError()
    {
        string path = TempFile(Encoding.ASCII.GetBytes("$INCLUDE other.zone\n"));

        var exception = Assert.Throws<ZoneFileException>(() => ZoneFileReader.ReadFile(path, new() { MaxIncludeDepth = 0 }).ToList());

        Assert.Equal((1, 1), (exception.Line, exception.Column));
        Assert.Contains("not allowed", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadFile_MissingInclude_NamesFileAndPosition()
    {
        string path = TempFile(Encoding.ASCII.GetBytes("; header\n$INCLUDE   missing.zone\n"));

        var exception = Assert.Throws<ZoneFileException>(() => ZoneFileReader.ReadFile(path).ToList());

        Assert.Equal((path, 2, 12), (exception.FileName, exception.Line, exception.Column));
        Assert.StartsWith($"{path}:2:12: cannot open included file 'missing.zone': ", exception.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(exception.InnerException);
    }

    [Fact]
    public void ReadFile_MissingFile_IsZoneFileExceptionWithoutPosition()
    {
        string path = Path.Combine(TempDirectory(), "none.zone");
        IEnumerable<DnsRecord> records = ZoneFileReader.ReadFile(path);

        var exception = Assert.Throws<ZoneFileException>(() => records.ToList());

        Assert.Equal((path, 0, 0), (exception.FileName, exception.Line, exception.Column));
        Assert.StartsWith($"{path}: cannot open the file: ", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidAddress_MessageNamesFileLineColumnAndField()
    {
        var exception = Assert.Throws<ZoneFileException>(() => Read("$ORIGIN example.\nwww   3600 IN A   1.2.3\n"));

        Assert.Equal("test.zone:2:19: invalid IPv4 address '1.2.3' in A record", exception.Message);
        Assert.Equal("invalid IPv4 address '1.2.3' in A record", exception.Reason);
        Assert.IsAssignableFrom<FormatException>(exception);
    }

    /// <summary>Malformed text, and where (line, column) the reader must say the problem is.</summary>
    public static TheoryData<string, string, int, int, string> Errors => new()
    {
        { "unknown type", "a.example. 1 BOGUS x", 1, 14, "unknown record type 'BOGUS'" },
        { "type missing", "a.example. 1 IN", 1, 16, "missing record type" },
        { "RDATA field missing", "a.example. 1 MX 10", 1, 19, "missing domain name" },
        { "RDATA field missing before a comment", "a.example. 1 MX 10 ; no exchange\nb.example. 1 A 192.0.2.1", 1, 33, "missing domain name" },
        { "extra field", "a.example. 1 A 192.0.2.1 192.0.2.2", 1, 26, "unexpected '192.0.2.2' after the end of the A RDATA" },
        { "')' without '('", "a.example. 1 A 192.0.2.1 )", 1, 26, "')' without a matching '('" },
        { "'(' never closed", "a.example. 1 SOA ( a b\n 1 2 3 4 5\n", 1, 18, "'(' is never closed" },
        { "quote not closed", "a.example. 1 TXT \"abc\nb.example. 1 A 192.0.2.1", 1, 18, "quoted string is not closed" },
        { "backslash at end of line", "a.example. 1 TXT abc\\\n", 1, 22, "backslash at the end of a line" },
        { "relative name without origin", "www 1 A 192.0.2.1", 1, 1, "relative name 'www' but no origin" },
        { "relative RDATA name without origin", "a.example. 1 NS ns1", 1, 17, "relative name 'ns1' but no origin" },
        { "@ without origin", "@ 1 A 192.0.2.1", 1, 1, "'@' used before any origin" },
        { "no TTL anywhere", "a.example. A 192.0.2.1", 1, 1, "no TTL" },
        { "TTL over 2^31-1 (RFC 2181 §8)", "a.example. 2147483648 A 192.0.2.1", 1, 12, "the most RFC 2181 §8 allows" },
        { "TTL with bad unit", "a.example. 1x A 192.0.2.1", 1, 12, "invalid TTL '1x'" },
        { "$TTL with bad value", "$TTL forever", 1, 6, "invalid TTL 'forever'" },
        { "$TTL with extra text", "$TTL 1 2", 1, 8, "unexpected '2' after $TTL" },
        { "$ORIGIN missing name", "$ORIGIN ; nothing", 1, 18, "missing origin name after $ORIGIN" },
        { "$ORIGIN relative without origin", "$ORIGIN example", 1, 9, "relative name 'example' but no origin" },
        { "unknown directive", "$FOO bar", 1, 1, "unknown directive '$FOO'" },
        { "$GENERATE", "$GENERATE 1-2 a$ A 192.0.2.$", 1, 1, "$GENERATE is not supported" },
        { "indented directive", "a.example. 1 A 192.0.2.1\n  $TTL 5", 2, 3, "must start at the beginning of the line" },
        { "blank owner with no record before", "  A 192.0.2.1", 1, 3, "there is none yet" },
        { "quoted owner", "\"a\" 1 A 192.0.2.1", 1, 1, "expected owner name, found a quoted string" },
        { "label over 63 octets", "a" + new string('b', 63) + ".example. 1 A 192.0.2.1", 1, 1, "label longer than 63 octets" },
        { "empty label", "a..example. 1 A 192.0.2.1", 1, 1, "empty label" },
        { "meta type OPT", ". 1 OPT \\# 0", 1, 5, "OPT is a meta-type" },
        { "query type ANY", "a.example. 1 IN ANY \\# 0", 1, 17, "ANY is a meta-type" },
        { "meta range TYPE129 (RFC 6895 §3.1)", "a.example. 1 TYPE129 \\# 0", 1, 14, "TYPE129 is a meta-type" },
        { "NXNAME, the compact denial meta-type (RFC 9824 §2)", "a.example. 1 NXNAME \\# 0", 1, 14, "NXNAME is a meta-type" },
        { "type without layout in text form", "a.example. 1 LOC 52 22 23.000 N", 1, 18, "LOC RDATA can only be given in the generic form" },
        { "type without layout and no RDATA", "a.example. 1 CERT", 1, 18, "CERT RDATA can only be given in the generic form" },
        { "generic length differs from data (RFC 3597 §5)", "a.example. 1 TYPE99 \\# 3 0102", 1, 24, "\\# says 3 octets but 2 follow" },
        { "generic length not a number", "a.example. 1 TYPE99 \\# x 01", 1, 24, "invalid RDATA length 'x'" },
        { "generic length over 65535", "a.example. 1 TYPE99 \\# 65536 01", 1, 24, "invalid RDATA length '65536'" },
        { "generic data missing", "a.example. 1 TYPE99 \\# 2", 1, 25, "missing hexadecimal RDATA" },
        { "generic data not hex", "a.example. 1 TYPE99 \\# 1 0g", 1, 26, "invalid hexadecimal RDATA: invalid hexadecimal digit 'g'" },
        { "generic data not fitting a known type", "a.example. 1 A \\# 3 010203", 1, 16, "the A RDATA is invalid" },
        { "number out of range", "a.example. 1 MX 65536 b.example.", 1, 17, "invalid 16-bit number '65536' in MX record" },
        { "number with a sign", "a.example. 1 MX -1 b.example.", 1, 17, "invalid 16-bit number '-1'" },
        { "IPv6 address", "a.example. 1 AAAA 2001:db8::g", 1, 19, "invalid IPv6 address '2001:db8::g' in AAAA record" },
        { "character string over 255 octets", "a.example. 1 TXT " + new string('x', 256), 1, 18, "character string is 256 octets long" },
        { "bad escape in a string", "a.example. 1 TXT \"\\256\"", 1, 18, "escape \\256 is over 255" },
        { "base64 with bad padding", "a.example. 1 DNSKEY 256 3 13 AQ== AQ==", 1, 30, "invalid base64 data: base64 data after '=' padding" },
        { "base64 quoted", "a.example. 1 DNSKEY 256 3 13 \"AQID\"", 1, 30, "expected base64 data, found a quoted string" },
        { "hex odd", "a.example. 1 DS 1 13 2 ABC", 1, 24, "odd number of hexadecimal digits" },
        { "salt not hex", "a.example. 1 NSEC3PARAM 1 0 0 xyz", 1, 31, "invalid salt 'xyz'" },
        { "salt quoted", "a.example. 1 NSEC3PARAM 1 0 0 \"\"", 1, 31, "expected salt, found a quoted string" },
        { "salt over 255 octets", "a.example. 1 NSEC3PARAM 1 0 0 " + new string('a', 512), 1, 31, "salt is 256 octets long" },
        { "next hashed owner not base32hex", "a.example. 1 NSEC3 1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3 A", 1, 28, "invalid next hashed owner name" },
        { "bitmap type unknown", "a.example. 1 NSEC b.example. A FOO", 1, 32, "unknown record type 'FOO' in NSEC record" },
        { "algorithm unknown", "a.example. 1 DNSKEY 256 3 RSASHA999 AQID", 1, 27, "invalid algorithm 'RSASHA999'" },
        { "signature time not a date", "a.example. 1 RRSIG A 13 2 60 20241301000000 20240101000000 1 example. AQID", 1, 30, "invalid signature time '20241301000000'" },
        { "type covered unknown", "a.example. 1 RRSIG XYZ 13 2 60 1 1 1 example. AQID", 1, 20, "unknown record type 'XYZ' in RRSIG record" },
        { "SOA timer with a bad unit", "a.example. 1 SOA a. b. 1 2y 3 4 5", 1, 26, "invalid time value '2y'" },
        { "CAA tag with a hyphen", "a.example. 1 CAA 0 is-sue \"x\"", 1, 20, "invalid CAA tag 'is-sue'" },
        { "CAA tag quoted", "a.example. 1 CAA 0 \"issue\" \"x\"", 1, 20, "expected CAA tag, found a quoted string" },
        { "EUI48 with colons", "a.example. 1 EUI48 00:00:5e:00:53:2a", 1, 20, "expected 6 hexadecimal pairs joined by '-'" },
        { "EUI64 too short", "a.example. 1 EUI64 00-00-5e-00-53-2a", 1, 20, "expected 8 hexadecimal pairs" },
        { "TXT without strings", "a.example. 1 TXT", 1, 17, "missing character string" },
        { "RDATA over 65535 octets", "a.example. 1 TXT" + string.Concat(Enumerable.Repeat(" " + new string('x', 255), 260)), 1, 18, "RDATA is over 65535 octets" },
        { "name field quoted", "a.example. 1 CNAME \"b.example.\"", 1, 20, "expected domain name, found a quoted string" },
        { "error on a later line of an entry", "a.example. 1 SOA ( a. b.\n x 2 3 4 5 )", 2, 2, "invalid 32-bit number 'x' in SOA record" },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Parse_MalformedText_ThrowsAtLineAndColumn(string description, string text, int line, int column, string reason)
    {
        _ = description;
        var exception = Assert.Throws<ZoneFileException>(() => Read(text));

        Assert.Equal("test.zone", exception.FileName);
        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
        Assert.Equal((line, column), (exception.Line, exception.Column));
        Assert.Equal($"test.zone:{line}:{column}: {exception.Reason}", exception.Message);
    }

    /// <summary>RFC 9460 App. D.3 failure cases and other malformed service parameters.</summary>
    public static TheoryData<string, string, int, string> ServiceBindingErrors => new()
    {
        { "D.3 same key twice", "key123=abc key123=def", 34, "key123 appears twice" },
        { "D.3 mandatory without value", "mandatory", 23, "mandatory needs a value" },
        { "D.3 alpn without value", "alpn", 23, "alpn needs a value" },
        { "D.3 port without value", "port", 23, "port needs a value" },
        { "D.3 ipv4hint without value", "ipv4hint", 23, "ipv4hint needs a value" },
        { "D.3 ipv6hint without value", "ipv6hint", 23, "ipv6hint needs a value" },
        { "D.3 no-default-alpn with a value", "no-default-alpn=abc", 23, "no-default-alpn takes no value" },
        { "D.3 mandatory key missing", "mandatory=key123", 23, "mandatory lists key123, which the record does not have" },
        { "D.3 mandatory lists itself", "mandatory=mandatory", 23, "mandatory must not list itself" },
        { "D.3 mandatory lists a key twice", "mandatory=key123,key123 key123=abc", 23, "mandatory lists key123 twice" },
        { "no-default-alpn without alpn (RFC 9460 §7.1.1)", "port=1 no-default-alpn", 30, "no-default-alpn needs an alpn parameter" },
        { "unknown key name", "colour=blue", 23, "unknown service parameter key 'colour'" },
        { "upper-case key name", "ALPN=h2", 23, "unknown service parameter key 'ALPN'" },
        { "key number with a leading zero", "key065000=x", 23, "unknown service parameter key 'key065000'" },
        { "key number over 16 bits", "key65536=x", 23, "unknown service parameter key 'key65536'" },
        { "whole parameter quoted", "\"alpn=h2\"", 23, "found a quoted string" },
        { "alpn with an empty identifier", "alpn=h2,,h3", 23, "alpn has an empty protocol identifier" },
        { "port out of range", "port=65536", 23, "invalid port '65536'" },
        { "bad IPv4 hint", "ipv4hint=192.0.2.1,1.2.3", 23, "invalid IPv4 address '1.2.3' in ipv4hint" },
        { "bad IPv6 hint", "ipv6hint=::1,", 23, "invalid IPv6 address '' in ipv6hint" },
        { "bad ech", "ech=AQ", 23, "invalid ech value" },
        { "known key written generically with bad wire value", "key3=\"\\001\"", 23, "the value given for port is not valid wire data for that key" },
        { "value escape over 255", "key9=\\999", 23, "escape \\999 is over 255" },
    };

    [Theory]
    [MemberData(nameof(ServiceBindingErrors))]
    public void Parse_MalformedServiceParameters_ThrowsAtParameter(string description, string parameters, int column, string reason)
    {
        _ = description;
        var exception = Assert.Throws<ZoneFileException>(() => Read("a.example. 1 SVCB 1 . " + parameters));

        Assert.Contains(reason, exception.Reason, StringComparison.Ordinal);
        Assert.Equal((1, column), (exception.Line, exception.Column));
    }

    [Fact]
    public void Parse_NameOf255Octets_IsReadAndOneMoreIsNot()
    {
        // RFC 1035 §3.1: 255 octets in wire form, three labels of 63, one of 61 and the root.
        string longest = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}.";

        Assert.Equal(255, Assert.Single(Read(longest + " 1 A 192.0.2.1")).Owner.WireLength);
        var exception = Assert.Throws<ZoneFileException>(() => Read("e." + longest + " 1 A 192.0.2.1"));
        Assert.Contains("longer than 255 octets", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RelativeNameTooLongWithOrigin_IsAnError()
    {
        string relative = $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 55)}";

        var exception = Assert.Throws<ZoneFileException>(() => Read(relative + " 1 A 192.0.2.1", new() { Origin = Example }));

        Assert.Equal((1, 1), (exception.Line, exception.Column));
        Assert.Contains("longer than 255 octets", exception.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_GenericRdataOf65535Octets_IsRead()
    {
        string text = "a.example. 1 TYPE65280 \\# 65535 ( " + string.Concat(Enumerable.Repeat(new string('A', 64) + "\n", 2047)) + new string('B', 62) + " )";

        DnsRecord record = Assert.Single(Read(text));

        Assert.Equal(65535, record.Data.Length);
        Assert.Equal(0xBB, record.Data.Span[^1]);
    }

    [Fact]
    public void Parse_EntryLongerThanLimit_ThrowsInsteadOfReadingOn()
    {
        string text = "a.example. 1 TXT (\n" + string.Concat(Enumerable.Repeat("\"" + new string('x', 100) + "\"\n", 20)) + ")\n";

        var exception = Assert.Throws<ZoneFileException>(() => Read(text, new() { MaxEntryLength = 1024 }));

        Assert.Contains("entry is longer than 1024 characters", exception.Reason, StringComparison.Ordinal);
        Assert.Equal(11, exception.Line);
    }

    [Theory]
    [InlineData("long word", "a.example. 1 TXT ", "x")]
    [InlineData("long run of blanks", "a.example. 1 TXT", " \t")]
    [InlineData("long comment", "a.example. 1 TXT x ;", "c")]
    public void Parse_EntryOverLimitOnOneLine_ThrowsAtTheCharacterThatCrossesIt(string description, string start, string filler)
    {
        _ = description;
        string text = start + string.Concat(Enumerable.Repeat(filler, 2000 / filler.Length)) + " y\n";

        var exception = Assert.Throws<ZoneFileException>(() => Read(text, new() { MaxEntryLength = 1024 }));

        Assert.Contains("entry is longer than 1024 characters", exception.Reason, StringComparison.Ordinal);
        Assert.Equal((1, 1026), (exception.Line, exception.Column));
    }

    [Fact]
    public void Parse_LongCommentLine_CountsAgainstLimit()
    {
        var exception = Assert.Throws<ZoneFileException>(() => Read(";" + new string('x', 2000), new() { MaxEntryLength = 1024 }));

        Assert.Equal(1, exception.Line);
    }

    [Fact]
    public void Parse_EntryAtLimitSpreadOverLines_IsRead()
    {
        string text = "a.example. 1 TXT (\n" + string.Concat(Enumerable.Repeat("\"" + new string('x', 100) + "\"\n", 9)) + ")\n";

        Assert.Equal(9, TxtData.From(Assert.Single(Read(text, new() { MaxEntryLength = 1024 }))).Strings.Count);
    }

    /// <summary>Random text made of the characters that matter to the tokenizer may fail only with <see cref="ZoneFileException"/>.</summary>
    [Fact]
    public void Parse_RandomText_OnlyEverThrowsZoneFileException()
    {
        string[] pieces =
        [
            " ", "\t", "\n", "\r\n", "(", ")", ";", "\"", "\\", "\\0", "\\255", "\\999", "@", ".", "$ORIGIN ", "$TTL ", "$INCLUDE ", "$FOO",
            "a", "example.", "1", "3600", "1h", "IN", "CH", "CLASS9", "A ", "AAAA ", "TXT ", "MX ", "SOA ", "RRSIG ", "NSEC ", "NSEC3 ",
            "SVCB ", "CAA ", "DS ", "LOC ", "TYPE65280 ", "\\# ", "0", "4", "ff", "192.0.2.1", "::1", "alpn=", "mandatory=", "key7=",
            "AQID", "=", ",", "-", "\u00E9", "\u20AC", "\0", "20240101000000",
        ];
        var random = new Random(20240101);
        var options = new ZoneFileReaderOptions { MaxIncludeDepth = 0, Origin = Example, MaxEntryLength = 4096 };
        for (int i = 0; i < 20000; i++)
        {
            var builder = new StringBuilder();
            int count = random.Next(1, 40);
            for (int j = 0; j < count; j++)
            {
                builder.Append(pieces[random.Next(pieces.Length)]);
            }

            try
            {
                foreach (DnsRecord record in ZoneFileReader.Parse(builder.ToString(), "fuzz", options))
                {
                    Assert.NotNull(RecordTextFormatter.Format(record));
                }
            }
            catch (ZoneFileException)
            {
            }
        }
    }

    private static string TempDirectory()
    {
        string directory = Path.Combine(Path.GetTempPath(), "dnssec-presentation-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static string TempFile(byte[] content)
    {
        string path = Path.Combine(TempDirectory(), "test.zone");
        File.WriteAllBytes(path, content);
        return path;
    }
}
