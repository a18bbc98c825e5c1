using System.Text;
using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>Writes records as a zone file that BIND and <see cref="ZoneFileReader"/> read back: one record per line, absolute owners, no directives.</summary>
public static class ZoneFilePrinter
{
    /// <summary>Writes each record as one line, in the order given.</summary>
    public static void Write(TextWriter writer, IEnumerable<DnsRecord> records)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(records);
        var line = new StringBuilder(256);
        foreach (DnsRecord record in records)
        {
            line.Clear();
            RecordTextFormatter.AppendRecord(line, record);
            line.Append('\n');
            writer.Write(line);
        }
    }

    /// <summary>The records as zone-file text, one line each.</summary>
    public static string Print(IEnumerable<DnsRecord> records)
    {
        using var writer = new StringWriter();
        Write(writer, records);
        return writer.ToString();
    }

    /// <summary>Writes the records to a file, replacing it; the text is pure ASCII since every other octet is escaped.</summary>
    public static void WriteFile(string path, IEnumerable<DnsRecord> records)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var writer = new StreamWriter(path, append: false, Encoding.ASCII);
        Write(writer, records);
    }
}
