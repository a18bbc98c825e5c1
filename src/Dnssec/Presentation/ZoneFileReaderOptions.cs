using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>Settings for <see cref="ZoneFileReader"/>; the defaults suit reading a zone file written by hand or by BIND.</summary>
public sealed class ZoneFileReaderOptions
{
    /// <summary>The most <see cref="MaxIncludeDepth"/> may be.</summary>
    public const int IncludeDepthLimit = 64;

    /// <summary>The fewest characters <see cref="MaxEntryLength"/> may be.</summary>
    public const int MinEntryLength = 1024;

    /// <summary>The most characters <see cref="MaxEntryLength"/> may be.</summary>
    public const int EntryLengthLimit = 16 << 20;

    /// <summary>The origin before any <c>$ORIGIN</c>; null (the default) makes relative names an error until one is set.</summary>
    public DnsName? Origin { get; set; }

    /// <summary>The class of records before any record states one (RFC 1035 §5.1); default <see cref="RecordClass.IN"/>.</summary>
    public RecordClass DefaultClass { get; set; } = RecordClass.IN;

    /// <summary>A default TTL as if the file began with <c>$TTL</c>; null (the default) means none.</summary>
    public uint? DefaultTtl { get; set; }

    /// <summary>How deep <c>$INCLUDE</c> may nest, 0 to 64; 0 refuses <c>$INCLUDE</c> altogether. Default 8.</summary>
    public int MaxIncludeDepth { get; set; } = 8;

    /// <summary>The directory that relative <c>$INCLUDE</c> paths in text not read from a file start from; null means the current directory.</summary>
    public string? IncludeDirectory { get; set; }

    /// <summary>The most characters one entry (a line, or lines joined by parentheses) may have, 1 KiB to 16 MiB; default 1 MiB.</summary>
    public int MaxEntryLength { get; set; } = 1 << 20;

    /// <summary>Characters read from the text at a time; only tests change it, to make tokens cross every refill.</summary>
    internal int ReadBufferSize { get; set; } = ZoneTokenizer.DefaultBufferSize;

    /// <summary>A copy, so that changes made to these options after a read has begun do not reach it.</summary>
    internal ZoneFileReaderOptions Copy() => (ZoneFileReaderOptions)MemberwiseClone();

    /// <summary>Checks that every setting is within its range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(MaxIncludeDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxIncludeDepth, IncludeDepthLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxEntryLength, MinEntryLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxEntryLength, EntryLengthLimit);
        ArgumentOutOfRangeException.ThrowIfLessThan(ReadBufferSize, 1);
        if (DefaultTtl > TtlText.MaxTtl)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultTtl), DefaultTtl, $"A TTL is at most {TtlText.MaxTtl} (RFC 2181 §8).");
        }
    }
}
