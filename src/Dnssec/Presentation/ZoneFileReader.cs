using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>
/// Reads master (zone) files (RFC 1035 §5) into records, one at a time as they are enumerated: <c>$ORIGIN</c>,
/// <c>$TTL</c> (RFC 2308 §4), <c>$INCLUDE</c>, relative and omitted owners, TTL units, parentheses, comments, escapes
/// and the generic forms of RFC 3597. Every problem with the text is a <see cref="ZoneFileException"/>.
/// </summary>
public static class ZoneFileReader
{
    /// <summary>Reads the zone file at <paramref name="path"/> as Latin-1, so that every octet in it survives as it is.</summary>
    /// <remarks>The file is opened when enumeration starts; an unreadable file is a <see cref="ZoneFileException"/> with line 0.</remarks>
    public static IEnumerable<DnsRecord> ReadFile(string path, ZoneFileReaderOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return ReadFileCore(path, Snapshot(options));
    }

    /// <summary>Reads zone-file text from <paramref name="reader"/>, naming it <paramref name="sourceName"/> in errors; the reader is not disposed.</summary>
    /// <remarks>Relative <c>$INCLUDE</c> paths start from <see cref="ZoneFileReaderOptions.IncludeDirectory"/>.</remarks>
    public static IEnumerable<DnsRecord> Read(TextReader reader, string sourceName, ZoneFileReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ReadCore(reader, sourceName, Snapshot(options));
    }

    /// <summary>Reads zone-file text held in a string, naming it <paramref name="sourceName"/> in errors.</summary>
    public static IEnumerable<DnsRecord> Parse(string text, string sourceName = "(text)", ZoneFileReaderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        return ParseCore(text, sourceName, Snapshot(options));
    }

    private static ZoneFileReaderOptions Snapshot(ZoneFileReaderOptions? options)
    {
        ZoneFileReaderOptions snapshot = options?.Copy() ?? new ZoneFileReaderOptions();
        snapshot.Validate();
        return snapshot;
    }

    // Each enumeration starts afresh, with its own parser state and its own open file.
    private static IEnumerable<DnsRecord> ReadFileCore(string path, ZoneFileReaderOptions options)
    {
        foreach (DnsRecord record in new ZoneFileParser(options).ReadFile(path))
        {
            yield return record;
        }
    }

    private static IEnumerable<DnsRecord> ReadCore(TextReader reader, string sourceName, ZoneFileReaderOptions options)
    {
        foreach (DnsRecord record in new ZoneFileParser(options).Read(reader, sourceName))
        {
            yield return record;
        }
    }

    private static IEnumerable<DnsRecord> ParseCore(string text, string sourceName, ZoneFileReaderOptions options)
    {
        foreach (DnsRecord record in new ZoneFileParser(options).Read(new StringReader(text), sourceName))
        {
            yield return record;
        }
    }
}
