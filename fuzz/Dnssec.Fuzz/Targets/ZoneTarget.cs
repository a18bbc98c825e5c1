using System.Text;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Fuzz.Targets;

/// <summary>
/// Fuzzes <see cref="ZoneFileReader.Parse"/>: the input octets are zone-file text read as Latin-1, the way
/// <see cref="ZoneFileReader.ReadFile"/> reads a file, with a fixed origin. Every record it yields is printed and read back.
/// </summary>
/// <remarks>
/// <para>Only <see cref="ZoneFileException"/>, the one exception malformed zone-file text may cause, is caught, and only
/// around the read of the input. <c>$INCLUDE</c> never reaches the file system: the options refuse it
/// (<see cref="ZoneFileReaderOptions.MaxIncludeDepth"/> 0), which is a <see cref="ZoneFileException"/> like any other.
/// Entries are capped at <see cref="MaxEntryLength"/> characters so that no single input runs for long.</para>
/// <para>The records read before an error are checked as well as those of a file that reads to the end. Every check
/// below throws <see cref="InvalidOperationException"/>:</para>
/// <list type="number">
/// <item>A <see cref="ZoneFileException"/> names the source and a line and column inside the text.</item>
/// <item>Read through a <see cref="TextReader"/> that hands out a few characters at a time, as a file stream may, the
/// text gives the same records and the same error at the same place.</item>
/// <item><see cref="ZoneFilePrinter"/> prints each record as the one ASCII line <see cref="RecordTextFormatter.Format"/>
/// gives.</item>
/// <item>That text reads back, without an origin, to the same records: owners octet for octet (case included),
/// types, classes, TTLs and RDATA; printing those again gives identical text.</item>
/// <item>Every record written with its RDATA in the generic form <c>\# length hex</c> (RFC 3597 §5) reads back to the
/// same record.</item>
/// </list>
/// </remarks>
public sealed partial class ZoneTarget : IFuzzTarget
{
    /// <summary>The longest entry the fuzzed text may have: long enough for a 4096-bit RSA key, short enough to stay fast.</summary>
    public const int MaxEntryLength = 4096;

    /// <summary>The name errors in the fuzzed text carry.</summary>
    public const string SourceName = "fuzz";

    private const string PrintedName = "printed";
    private const string GenericName = "generic";

    /// <summary>The origin relative names in the fuzzed text are completed with.</summary>
    public static DnsName Origin { get; } = DnsName.Parse("example.");

    // The reader snapshots the options on each call, so sharing them is safe.
    private static readonly ZoneFileReaderOptions InputOptions = new()
    {
        Origin = Origin,
        MaxIncludeDepth = 0,
        MaxEntryLength = MaxEntryLength,
    };

    // Printed text has absolute names only, so it reads without an origin. A printed line may be far longer than the
    // entry it came from (a bitmap octet written in hex is two characters, its types up to ten each), so the default
    // entry length stays.
    private static readonly ZoneFileReaderOptions ReprintOptions = new()
    {
        MaxIncludeDepth = 0,
    };

    /// <inheritdoc />
    public string Name => "zone";

    /// <inheritdoc />
    public void Run(ReadOnlySpan<byte> input)
    {
        List<DnsRecord> records = Read(input, out ZoneFileException? error);
        if (error is not null)
        {
            CheckError(error, input);
        }

        CheckStreamed(input, records, error);

        if (records.Count == 0)
        {
            return;
        }

        string printed = Print(records);
        List<DnsRecord> again = ReadBack(printed, PrintedName);
        CheckSameRecords(records, again, "the printed text");
        FuzzCheck.That(string.Equals(printed, ZoneFilePrinter.Print(again), StringComparison.Ordinal), "Printing the records read back from printed text gave other text");

        List<DnsRecord> generic = ReadBack(PrintGeneric(records), GenericName);
        CheckSameRecords(records, generic, "the generic (RFC 3597) form");
    }

    /// <summary>
    /// Reads the input as Latin-1 zone-file text the way the target does; returns the records read before the first
    /// <see cref="ZoneFileException"/>, which goes to <paramref name="error"/>. Any other exception escapes.
    /// </summary>
    public static List<DnsRecord> Read(ReadOnlySpan<byte> input, out ZoneFileException? error)
    {
        var records = new List<DnsRecord>();
        error = null;
        try
        {
            foreach (DnsRecord record in ZoneFileReader.Parse(Encoding.Latin1.GetString(input), SourceName, InputOptions))
            {
                records.Add(record);
            }
        }
        catch (ZoneFileException e)
        {
            error = e;
        }

        return records;
    }

    private static void CheckError(ZoneFileException e, ReadOnlySpan<byte> input)
    {
        FuzzCheck.That(e.FileName == SourceName, $"A ZoneFileException names '{e.FileName}', not the source name given");
        FuzzCheck.That(!string.IsNullOrEmpty(e.Reason), "A ZoneFileException gives no reason");

        // Line 0 is only for a file that could not be read at all; text is always readable. A column may point just
        // past the last character of its line, where something is missing.
        int lines = input.Count((byte)'\n') + 1;
        FuzzCheck.That(e.Line >= 1 && e.Line <= lines && e.Column >= 1, $"A ZoneFileException points at line {e.Line}, column {e.Column} of a text of {lines} lines: {e.Reason}");
        ReadOnlySpan<byte> line = input;
        for (int i = 1; i < e.Line; i++)
        {
            line = line[(line.IndexOf((byte)'\n') + 1)..];
        }

        int length = line.IndexOf((byte)'\n') is int end and >= 0 ? end : line.Length;
        FuzzCheck.That(e.Column <= length + 1, $"A ZoneFileException points at column {e.Column} of line {e.Line}, which has {length} characters: {e.Reason}");
    }

    /// <summary>Prints the records with <see cref="ZoneFilePrinter"/> and checks each line against <see cref="RecordTextFormatter.Format"/>.</summary>
    private static string Print(List<DnsRecord> records)
    {
        string printed = ZoneFilePrinter.Print(records);
        int position = 0;
        foreach (DnsRecord record in records)
        {
            string line = RecordTextFormatter.Format(record);
            FuzzCheck.That(line.Length > 0 && line.AsSpan().IndexOfAny('\n', '\r') < 0, $"{record} printed as something other than one line");
            FuzzCheck.That(
                string.CompareOrdinal(printed, position, line, 0, line.Length) == 0 && position + line.Length < printed.Length && printed[position + line.Length] == '\n',
                $"ZoneFilePrinter printed {record} otherwise than RecordTextFormatter.Format");
            position += line.Length + 1;
        }

        FuzzCheck.That(position == printed.Length, "ZoneFilePrinter printed more than one line per record");
        FuzzCheck.That(Ascii.IsValid(printed), "ZoneFilePrinter printed characters outside ASCII");
        return printed;
    }

    /// <summary>Each record with its RDATA in the generic form of RFC 3597 §5, one per line.</summary>
    private static string PrintGeneric(List<DnsRecord> records)
    {
        var builder = new StringBuilder();
        foreach (DnsRecord record in records)
        {
            record.Owner.AppendTo(builder);
            builder.Append(' ').Append(record.Ttl)
                .Append(' ').Append(Mnemonics.FormatClass(record.Class))
                .Append(' ').Append(Mnemonics.FormatRecordType(record.Type))
                .Append(' ');
            RecordTextFormatter.AppendGenericData(builder, record.Data.Span);
            builder.Append('\n');
        }

        return builder.ToString();
    }

    private static List<DnsRecord> ReadBack(string text, string sourceName)
    {
        var records = new List<DnsRecord>();
        try
        {
            foreach (DnsRecord record in ZoneFileReader.Parse(text, sourceName, ReprintOptions))
            {
                records.Add(record);
            }
        }
        catch (ZoneFileException e)
        {
            throw new InvalidOperationException($"ZoneFileReader rejected {sourceName} text of records it had read: {e.Message}", e);
        }

        return records;
    }

    private static void CheckSameRecords(List<DnsRecord> expected, List<DnsRecord> actual, string what)
    {
        FuzzCheck.That(expected.Count == actual.Count, $"Reading {what} gave {actual.Count} records, not {expected.Count}");
        for (int i = 0; i < expected.Count; i++)
        {
            DnsRecord left = expected[i];
            DnsRecord right = actual[i];
            FuzzCheck.That(
                left.Owner.WireForm.SequenceEqual(right.Owner.WireForm) && left.Owner.LabelCount == right.Owner.LabelCount,
                $"Reading {what} changed the owner {left.Owner} to {right.Owner}");
            FuzzCheck.That(
                left.Type == right.Type && left.Class == right.Class && left.Ttl == right.Ttl,
                $"Reading {what} changed {left} to {right}");
            FuzzCheck.That(left.Data.Span.SequenceEqual(right.Data.Span), $"Reading {what} changed the RDATA of {left}");
        }
    }
}
