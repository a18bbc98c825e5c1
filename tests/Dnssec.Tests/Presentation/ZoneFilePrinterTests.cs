using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

public class ZoneFilePrinterTests
{
    /// <summary>Every type with a layout, some without, and unknown ones.</summary>
    public static TheoryData<string, RecordType> AllTypes()
    {
        var data = new TheoryData<string, RecordType>();
        for (int code = 1; code <= 262; code++)
        {
            var type = (RecordType)code;
            if (type != RecordType.OPT && code is not (>= 128 and <= 255))
            {
                data.Add(RecordSchema.Get(type).IsOpaque ? "no layout" : "layout", type);
            }
        }

        data.Add("layout", RecordType.TA);
        data.Add("layout", RecordType.DLV);
        data.Add("unknown", (RecordType)4660);
        data.Add("unknown", (RecordType)65535);
        return data;
    }

    /// <summary>Random valid RDATA of each type, with awkward octets everywhere, prints to text that reads back to identical records.</summary>
    [Theory]
    [MemberData(nameof(AllTypes))]
    public void Print_RandomRecordsOfType_ReadBackIdentically(string description, RecordType type)
    {
        _ = description;
        var random = new Random((int)type);
        var records = new List<DnsRecord>();
        for (int i = 0; i < 60; i++)
        {
            DnsName owner = RandomRecordData.Name(random);
            var @class = (RecordClass)(random.Next(3) == 0 ? random.Next(0, 65536) : 1);
            uint ttl = (uint)random.Next(0, int.MaxValue);
            records.Add(new DnsRecord(owner, type, @class, ttl, RandomRecordData.Create(type, random)));
        }

        string text = ZoneFilePrinter.Print(records);

        Assert.True(IsPrintableAsciiLines(text), "the text holds characters other than printable ASCII and line feeds");
        List<DnsRecord> reread = [.. ZoneFileReader.Parse(text)];
        Assert.Equal(records.Count, reread.Count);
        for (int i = 0; i < records.Count; i++)
        {
            Assert.Equal(records[i].Owner.WireForm.ToArray(), reread[i].Owner.WireForm.ToArray());
            Assert.Equal((records[i].Type, records[i].Class, records[i].Ttl), (reread[i].Type, reread[i].Class, reread[i].Ttl));
            Assert.Equal(Convert.ToHexString(records[i].Data.Span), Convert.ToHexString(reread[i].Data.Span));
        }
    }

    [Fact]
    public void Print_Records_OneLinePerRecordInOrder()
    {
        DnsRecord[] records =
        [
            new(DnsName.Parse("b.example."), RecordType.A, RecordClass.IN, 60, new byte[] { 192, 0, 2, 2 }),
            new(DnsName.Parse("a.example."), RecordType.TXT, RecordClass.IN, 0, TxtData.Encode("x y")),
        ];

        Assert.Equal("b.example. 60 IN A 192.0.2.2\na.example. 0 IN TXT \"x y\"\n", ZoneFilePrinter.Print(records));
    }

    [Fact]
    public void Print_NoRecords_IsEmpty()
    {
        Assert.Equal(string.Empty, ZoneFilePrinter.Print([]));
    }

    [Fact]
    public void WriteFile_Records_WritesAsciiThatReadFileReadsBack()
    {
        string path = Path.Combine(Path.GetTempPath(), "dnssec-printer-" + Guid.NewGuid().ToString("N") + ".zone");
        List<DnsRecord> records = [.. ZoneFileReader.ReadFile(Fixtures.Path("all-types.zone"))];
        try
        {
            ZoneFilePrinter.WriteFile(path, records);

            Assert.True(IsPrintableAsciiLines(Encoding.Latin1.GetString(File.ReadAllBytes(path))));
            Assert.Equal(Fixtures.Keys(records), Fixtures.Keys(ZoneFileReader.ReadFile(path)));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Write_TextWriter_WritesLinesWithLineFeeds()
    {
        using var writer = new StringWriter();
        writer.Write("; zone\n");

        ZoneFilePrinter.Write(writer, [new DnsRecord(DnsName.Root, RecordType.NS, RecordClass.IN, 518400, DnsName.Parse("a.root-servers.net.").WireForm.ToArray())]);

        Assert.Equal("; zone\n. 518400 IN NS a.root-servers.net.\n", writer.ToString());
    }

    private static bool IsPrintableAsciiLines(string text)
    {
        foreach (char c in text)
        {
            if (c != '\n' && c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
