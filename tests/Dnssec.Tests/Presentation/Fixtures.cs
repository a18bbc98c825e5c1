using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Presentation;

/// <summary>Paths to the committed zone fixtures and helpers to compare record sets.</summary>
internal static class Fixtures
{
    public static ZoneFileReaderOptions ExampleOrigin => new() { Origin = DnsName.Parse("example.") };

    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Presentation", "Fixtures", name);

    /// <summary>Each record as owner, TTL, class, type and RDATA in hex, sorted, so that sets compare with a readable diff.</summary>
    public static List<string> Keys(IEnumerable<DnsRecord> records)
    {
        var keys = new List<string>();
        foreach (DnsRecord record in records)
        {
            keys.Add($"{record.Owner.ToString().ToLowerInvariant()} {record.Ttl} {record.Class} {(ushort)record.Type} {Convert.ToHexString(record.Data.Span)}");
        }

        keys.Sort(StringComparer.Ordinal);
        return keys;
    }

    /// <summary>
    /// The records of a zone BIND printed with named-checkzone -D, each with its line. Lines of types that BIND shows
    /// in a syntax of their own but RecordSchema leaves opaque (LOC, CERT, APL, WKS …) are left out, since only
    /// their generic form can be read.
    /// </summary>
    public static List<(string Line, DnsRecord Record)> ReadBindDump(string file)
    {
        var records = new List<(string, DnsRecord)>();
        foreach (string line in File.ReadLines(Path(file), Encoding.Latin1))
        {
            if (line.Length == 0 || line[0] == ';')
            {
                continue;
            }

            if (RecordSchema.Get(Mnemonics.ParseRecordType(Field(line, 3))).IsOpaque && !DataPart(line).StartsWith(@"\#", StringComparison.Ordinal))
            {
                continue;
            }

            records.Add((line, Assert.Single(ZoneFileReader.Parse(line, file))));
        }

        return records;
    }

    /// <summary>The RDATA part of a line BIND printed: everything after the type column.</summary>
    public static string DataPart(string line) => line[FieldStart(line, 4)..];

    private static string Field(string line, int index)
    {
        int start = FieldStart(line, index);
        int end = start;
        while (end < line.Length && line[end] is not (' ' or '\t'))
        {
            end++;
        }

        return line[start..end];
    }

    private static int FieldStart(string line, int index)
    {
        // The line is owner, TTL, class, type, RDATA; owners and types never contain unescaped whitespace.
        int i = 0;
        for (int field = 0; field < index; field++)
        {
            while (line[i] is not (' ' or '\t'))
            {
                i += line[i] == '\\' ? 2 : 1;
            }

            while (line[i] is ' ' or '\t')
            {
                i++;
            }
        }

        return i;
    }

    public static string WithoutWhitespace(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if (c is not (' ' or '\t'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
