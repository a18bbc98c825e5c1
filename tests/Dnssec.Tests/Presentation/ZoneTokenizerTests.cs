using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

/// <summary>
/// The tokenizer reads its text in blocks and keeps an entry's tokens in one growing buffer. These tests read the same
/// text with blocks of 1 to 7 characters, so that every token, escape, quote, comment and line break crosses a block
/// boundary somewhere, and require the records and the error messages (file, line, column) of the default block size.
/// </summary>
public class ZoneTokenizerTests
{
    public static readonly TheoryData<int> TinyBuffers = [1, 2, 3, 5, 7];

    /// <summary>Quoted strings with blanks, semicolons and parentheses, \X and \DDD escapes, multi-line entries, comments, directives, CRLF.</summary>
    private const string Tricky =
        "$ORIGIN example.\r\n" +
        "$TTL 1h ; default\n" +
        "@ IN SOA ns1 host\\.master ( 1 ; serial\n" +
        "    7200 3600\n" +
        "    1209600 300 )\n" +
        "txt TXT \"a b;c(d)\" \"e\\\"f\" \"\\065\\066\\\\\" plain\\032word\n" +
        "  60 TXT \"\" ; empty string, owner omitted\n" +
        "esc\\.aped\\046dot A 192.0.2.1\n" +
        "$ORIGIN sub\n" +
        "deep (\n" +
        "  A\n" +
        "  ; a comment line inside parentheses\n" +
        "  192.0.2.2 )\n" +
        "key DNSKEY 257 3 13 ( vDZ3jkSm779aaRocY6dufq5xGJ5n6ze0l5gd\n" +
        "    a/60HJ+5WJkuzap3S7E/3yda3POUNYvgvIq/\n" +
        "    NnuhcjBN2dWtfg== )\n" +
        "svc SVCB 1 . alpn=\"h2,h3\" port=\"8443\"\n" +
        "\\# TYPE65280 \\# 3 ( 01\n 02 03 )\n";

    private static List<string> Lines(string text, int bufferSize, ZoneFileReaderOptions? options = null)
    {
        options ??= new ZoneFileReaderOptions();
        options.ReadBufferSize = bufferSize;
        return ZoneFileReader.Parse(text, "test.zone", options).Select(RecordTextFormatter.Format).ToList();
    }

    private static string ErrorOf(string text, int bufferSize, ZoneFileReaderOptions? options = null)
    {
        options ??= new ZoneFileReaderOptions();
        options.ReadBufferSize = bufferSize;
        return Assert.Throws<ZoneFileException>(() => ZoneFileReader.Parse(text, "test.zone", options).ToList()).Message;
    }

    [Fact]
    public void Read_TrickyText_GivesTheRecordsItSpells()
    {
        Assert.Equal(
            [
                "example. 3600 IN SOA ns1.example. host\\.master.example. 1 7200 3600 1209600 300",
                "txt.example. 3600 IN TXT \"a b;c(d)\" \"e\\\"f\" \"AB\\\\\" \"plain word\"",
                "txt.example. 60 IN TXT \"\"",
                "esc\\.aped\\.dot.example. 3600 IN A 192.0.2.1",
                "deep.sub.example. 3600 IN A 192.0.2.2",
                "key.sub.example. 3600 IN DNSKEY 257 3 13 vDZ3jkSm779aaRocY6dufq5xGJ5n6ze0l5gda/60HJ+5WJkuzap3S7E/3yda3POUNYvgvIq/NnuhcjBN2dWtfg==",
                "svc.sub.example. 3600 IN SVCB 1 . alpn=\"h2,h3\" port=8443",
                "#.sub.example. 3600 IN TYPE65280 \\# 3 010203",
            ],
            Lines(Tricky, ZoneTokenizer.DefaultBufferSize));
    }

    [Theory]
    [MemberData(nameof(TinyBuffers))]
    public void Read_TinyBuffer_GivesTheSameRecords(int bufferSize)
    {
        Assert.Equal(Lines(Tricky, ZoneTokenizer.DefaultBufferSize), Lines(Tricky, bufferSize));
    }

    [Theory]
    [MemberData(nameof(TinyBuffers))]
    public void Read_TokenLongerThanTheEntryBuffer_IsKeptWholeWithTheTokensBeforeIt(int bufferSize)
    {
        // 6,000 base64 characters in one token outgrow the first entry buffer (4,096) after the owner, type and fields
        // were stored in it: those must still read right after it has moved.
        byte[] key = [.. Enumerable.Range(0, 4500).Select(i => (byte)(i * 7))];
        string text = $"big.example. 60 IN DNSKEY 256 3 8 {Convert.ToBase64String(key)}\n";
        DnsRecord record = Assert.Single(ZoneFileReader.Parse(text, "test.zone", new ZoneFileReaderOptions { ReadBufferSize = bufferSize }));
        Assert.Equal(DnsName.Parse("big.example."), record.Owner);
        Assert.Equal(key, DnskeyData.From(record).PublicKey.ToArray());
    }

    [Theory]
    [MemberData(nameof(TinyBuffers))]
    public void Read_SignedFixtures_GiveTheSameRecordsWithATinyBuffer(int bufferSize)
    {
        foreach (string name in new[] { "signed-rsa-nsec3.zone", "signed-ecdsa-nsec.bind.txt", "all-types.zone" })
        {
            string path = Fixtures.Path(name);
            List<string> expected = Fixtures.Keys(ZoneFileReader.ReadFile(path, Fixtures.ExampleOrigin));
            var options = Fixtures.ExampleOrigin;
            options.ReadBufferSize = bufferSize;
            Assert.Equal(expected, Fixtures.Keys(ZoneFileReader.ReadFile(path, options)));
        }
    }

    [Theory]
    [InlineData("a.example. 60 TXT \"never closed\n", "test.zone:1:19: quoted string is not closed on its line")]
    [InlineData("a.example. 60 TXT ( \"x\"\n\n  \"y\"\n", "test.zone:1:19: '(' is never closed")]
    [InlineData("a.example. 60 TXT x\\\n", "test.zone:1:21: backslash at the end of a line")]
    [InlineData("a.example. 60 A 192.0.2.1 )\n", "test.zone:1:27: ')' without a matching '('")]
    [InlineData("a.example. 60 A 192.0.2.1\n  ; comment\nb.example. 60 A 1.2.3\n", "test.zone:3:17: invalid IPv4 address '1.2.3' in A record")]
    [InlineData("a.example. 60 (\n  A\n)\n", "test.zone:3:2: missing IPv4 address")]
    [InlineData("$ORIGIN example.\n$TTL 1x\n", "test.zone:2:6: invalid TTL '1x': unknown unit 'x'; units are w, d, h, m and s")]
    public void Read_MalformedText_FailsAtTheSamePlaceWithATinyBuffer(string text, string expected)
    {
        Assert.Equal(expected, ErrorOf(text, ZoneTokenizer.DefaultBufferSize));
        foreach (int bufferSize in TinyBuffers)
        {
            Assert.Equal(expected, ErrorOf(text, bufferSize));
        }
    }

    [Fact]
    public void Read_EntryLongerThanTheLimit_FailsWhereItIsCrossedWithATinyBuffer()
    {
        string text = $"a.example. 60 TXT {new string('x', 2000)}\n";
        var options = new ZoneFileReaderOptions { MaxEntryLength = 1024 };
        string expected = ErrorOf(text, ZoneTokenizer.DefaultBufferSize, options);
        Assert.Equal("test.zone:1:1026: entry is longer than 1024 characters", expected);
        foreach (int bufferSize in TinyBuffers)
        {
            Assert.Equal(expected, ErrorOf(text, bufferSize, new ZoneFileReaderOptions { MaxEntryLength = 1024 }));
        }
    }

    [Theory]
    [MemberData(nameof(TinyBuffers))]
    public void Read_IncludeWithTinyBuffer_ReadsBothFilesAndRestoresTheOrigin(int bufferSize)
    {
        string directory = Directory.CreateTempSubdirectory("dnssec-tokenizer-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "inner.zone"), "in 60 TXT \"from ( inner ; file\"\n", Encoding.Latin1);
            File.WriteAllText(
                Path.Combine(directory, "main.zone"),
                "$ORIGIN example.\n$INCLUDE \"inner.zone\" sub.example.\nout 60 A 192.0.2.9 ; back in main\n",
                Encoding.Latin1);
            var options = new ZoneFileReaderOptions { ReadBufferSize = bufferSize };
            Assert.Equal(
                ["in.sub.example. 60 IN TXT \"from ( inner ; file\"", "out.example. 60 IN A 192.0.2.9"],
                ZoneFileReader.ReadFile(Path.Combine(directory, "main.zone"), options).Select(RecordTextFormatter.Format).ToList());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ReadEntry_TinyBuffer_GivesTokensWithTheirPlaceQuotingAndAdjacency()
    {
        using var tokenizer = new ZoneTokenizer(new StringReader("a  \"b c\"d\\\"e (\n  f )\n; only a comment\n\tg\n"), "test.zone", 1024, bufferSize: 1);
        var tokens = new List<ZoneToken>();
        Assert.True(tokenizer.ReadEntry(tokens));
        Assert.False(tokenizer.OwnerOmitted);
        Assert.Equal(
            [("a", false, false, 1, 1), ("b c", true, false, 1, 4), ("d\\\"e", false, true, 1, 9), ("f", false, false, 2, 3)],
            tokens.Select(t => (t.Span.ToString(), t.Quoted, t.Adjacent, t.Line, t.Column)).ToList());
        Assert.True(tokenizer.ReadEntry(tokens));
        Assert.True(tokenizer.OwnerOmitted);
        Assert.Equal(("g", 4, 2), (Assert.Single(tokens).Text, tokens[0].Line, tokens[0].Column));
        Assert.False(tokenizer.ReadEntry(tokens));
    }
}
