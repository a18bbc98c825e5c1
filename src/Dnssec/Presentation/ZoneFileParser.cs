using System.Buffers;
using System.Text;
using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>The state of one read of a zone file: the stack of included files, the default TTL, and the last TTL and class.</summary>
internal sealed class ZoneFileParser
{
    private readonly ZoneFileReaderOptions _options;
    private readonly List<ZoneToken> _tokens = [];
    private readonly ArrayBufferWriter<byte> _data = new();
    private readonly Stack<Frame> _frames = new();
    private uint? _defaultTtl;
    private uint? _lastTtl;
    private RecordClass? _lastClass;

    public ZoneFileParser(ZoneFileReaderOptions options)
    {
        _options = options;
        _defaultTtl = options.DefaultTtl;
    }

    public IEnumerable<DnsRecord> ReadFile(string path)
    {
        TextReader reader;
        try
        {
            reader = OpenLatin1(path);
        }
        catch (Exception exception) when (IsFileError(exception))
        {
            throw new ZoneFileException(path, 0, 0, $"cannot open the file: {exception.Message}", exception);
        }

        foreach (DnsRecord record in Run(new Frame(reader, ownsReader: true, path, Path.GetDirectoryName(path) ?? string.Empty, _options.Origin, _options)))
        {
            yield return record;
        }
    }

    public IEnumerable<DnsRecord> Read(TextReader reader, string sourceName) =>
        Run(new Frame(reader, ownsReader: false, sourceName, _options.IncludeDirectory ?? string.Empty, _options.Origin, _options));

    /// <summary>Opens a file as Latin-1 with the reader's buffer as the only one, since the tokenizer reads large blocks.</summary>
    private static StreamReader OpenLatin1(string path) =>
        new(new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0, FileOptions.SequentialScan), Encoding.Latin1, detectEncodingFromByteOrderMarks: false, ZoneTokenizer.DefaultBufferSize);

    private static bool IsFileError(Exception exception) =>
        exception is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException;

    private IEnumerable<DnsRecord> Run(Frame root)
    {
        _frames.Push(root);
        try
        {
            while (_frames.Count > 0)
            {
                Frame frame = _frames.Peek();
                if (!frame.Tokenizer.ReadEntry(_tokens))
                {
                    _frames.Pop().Dispose();
                    continue;
                }

                frame.Cursor.Reset(_tokens, frame.Tokenizer.EndLine, frame.Tokenizer.EndColumn, frame.Origin);
                ZoneToken first = _tokens[0];
                if (!frame.Tokenizer.OwnerOmitted && !first.Quoted && first.Span.StartsWith('$'))
                {
                    Directive(frame, first);
                    continue;
                }

                yield return ParseRecord(frame);
            }
        }
        finally
        {
            while (_frames.Count > 0)
            {
                _frames.Pop().Dispose();
            }
        }
    }

    private void Directive(Frame frame, ZoneToken directive)
    {
        EntryCursor cursor = frame.Cursor;
        cursor.Next("directive");
        switch (directive.Text.ToUpperInvariant())
        {
            case "$ORIGIN":
                // RFC 1035 §5.1: a relative $ORIGIN is completed with the current origin.
                frame.Origin = cursor.ParseName(cursor.Next("origin name after $ORIGIN"), "origin");
                EndOfDirective(cursor, "$ORIGIN");
                break;
            case "$TTL":
                _defaultTtl = ParseTtl(cursor, cursor.NextWord("TTL after $TTL"));
                EndOfDirective(cursor, "$TTL");
                break;
            case "$INCLUDE":
                Include(frame, directive);
                break;
            case "$GENERATE":
                throw cursor.Error(directive, "$GENERATE is not supported");
            default:
                throw cursor.Error(directive, $"unknown directive '{directive.Text}'");
        }
    }

    private void Include(Frame frame, ZoneToken directive)
    {
        EntryCursor cursor = frame.Cursor;
        ZoneToken fileToken = cursor.Next("file name after $INCLUDE");
        DnsName? origin = cursor.AtEnd ? frame.Origin : cursor.ParseName(cursor.Next("origin"), "origin");
        EndOfDirective(cursor, "$INCLUDE");
        if (_options.MaxIncludeDepth == 0)
        {
            throw cursor.Error(directive, "$INCLUDE is not allowed here");
        }

        if (_frames.Count > _options.MaxIncludeDepth)
        {
            throw cursor.Error(directive, $"$INCLUDE nests more than {_options.MaxIncludeDepth} files deep; do the files include each other?");
        }

        var bytes = new ArrayBufferWriter<byte>();
        if (!CharacterStringText.TryDecode(fileToken.Span, bytes, out string? error))
        {
            throw cursor.Error(fileToken, $"invalid file name: {error}");
        }

        // File names are octets; as octets read from a Latin-1 file they are most likely UTF-8, as the file system expects.
        string file = Encoding.UTF8.GetString(bytes.WrittenSpan);
        string path;
        TextReader reader;
        try
        {
            path = Path.IsPathRooted(file) ? file : Path.Combine(frame.Directory, file);
            reader = OpenLatin1(path);
        }
        catch (Exception exception) when (IsFileError(exception))
        {
            throw new ZoneFileException(cursor.FileName, fileToken.Line, fileToken.Column, $"cannot open included file '{file}': {exception.Message}", exception);
        }

        // RFC 1035 §5.1: the included file starts with the given origin, and the includer's own origin is untouched.
        _frames.Push(new Frame(reader, ownsReader: true, path, Path.GetDirectoryName(path) ?? string.Empty, origin, _options));
    }

    private static void EndOfDirective(EntryCursor cursor, string directive)
    {
        if (!cursor.AtEnd)
        {
            ZoneToken extra = cursor.Peek();
            throw cursor.Error(extra, $"unexpected '{extra.Text}' after {directive}");
        }
    }

    private DnsRecord ParseRecord(Frame frame)
    {
        EntryCursor cursor = frame.Cursor;
        ZoneToken first = _tokens[0];
        DnsName owner;
        if (frame.Tokenizer.OwnerOmitted)
        {
            if (!first.Quoted && first.Span.StartsWith('$'))
            {
                throw cursor.Error(first, $"the directive '{first.Text}' must start at the beginning of the line");
            }

            // RFC 1035 §5.1: a line that starts with blank space belongs to the last stated owner.
            owner = frame.PreviousOwner ?? throw cursor.Error(first, "the line starts with a blank, which means the previous owner, but there is none yet");
        }
        else
        {
            owner = cursor.ParseName(cursor.Next("owner name"), "owner name");
        }

        frame.PreviousOwner = owner;

        // RFC 1035 §5.1: TTL and class are both optional and may come in either order.
        uint? ttl = null;
        RecordClass? @class = null;
        for (int i = 0; i < 2 && !cursor.AtEnd; i++)
        {
            ZoneToken token = cursor.Peek();
            if (token.Quoted)
            {
                break;
            }

            if (ttl is null && char.IsAsciiDigit(token.Span[0]))
            {
                ttl = ParseTtl(cursor, cursor.Next("TTL"));
                continue;
            }

            if (@class is null && Mnemonics.TryParseClass(token.Span, out RecordClass parsedClass))
            {
                @class = parsedClass;
                cursor.Next("class");
                continue;
            }

            break;
        }

        ZoneToken typeToken = cursor.NextWord("record type");
        if (!Mnemonics.TryParseRecordType(typeToken.Span, out RecordType type))
        {
            throw cursor.Error(typeToken, $"unknown record type '{typeToken.Text}'");
        }

        // RFC 6895 §3.1: OPT and the meta-types and query types (128 to 255) describe messages, not zone data.
        if (type == RecordType.OPT || (ushort)type is >= 128 and <= 255)
        {
            throw cursor.Error(typeToken, $"{Mnemonics.FormatRecordType(type)} is a meta-type, which has no place in a zone file");
        }

        // RFC 2308 §4: $TTL gives the default; before any, RFC 1035 §5.1 carries the last TTL forward.
        uint resolvedTtl = ttl ?? _defaultTtl ?? _lastTtl ??
            throw cursor.Error(first, "the record has no TTL and there is no $TTL or earlier record to take one from");
        RecordClass resolvedClass = @class ?? _lastClass ?? _options.DefaultClass;
        int dataIndex = cursor.Index;
        byte[] data = RecordDataParser.Parse(cursor, type, _data);
        DnsRecord record;
        try
        {
            record = new DnsRecord(owner, type, resolvedClass, resolvedTtl, data);
        }
        catch (DnsFormatException exception)
        {
            ZoneToken at = dataIndex < _tokens.Count ? _tokens[dataIndex] : typeToken;
            throw cursor.Error(at, $"the {Mnemonics.FormatRecordType(type)} RDATA is invalid: {exception.Message}");
        }

        _lastTtl = resolvedTtl;
        _lastClass = resolvedClass;
        return record;
    }

    private static uint ParseTtl(EntryCursor cursor, ZoneToken token)
    {
        if (!TtlText.TryParse(token.Span, out uint ttl, out string? error))
        {
            throw cursor.Error(token, $"invalid TTL '{token.Text}': {error}");
        }

        if (ttl > TtlText.MaxTtl)
        {
            throw cursor.Error(token, $"TTL {ttl} is over {TtlText.MaxTtl}, the most RFC 2181 §8 allows");
        }

        return ttl;
    }

    /// <summary>One file being read: its tokenizer, where it lives, and its own origin and last owner.</summary>
    private sealed class Frame : IDisposable
    {
        private readonly TextReader _reader;
        private readonly bool _ownsReader;

        public Frame(TextReader reader, bool ownsReader, string fileName, string directory, DnsName? origin, ZoneFileReaderOptions options)
        {
            _reader = reader;
            _ownsReader = ownsReader;
            Directory = directory;
            Origin = origin;
            Tokenizer = new ZoneTokenizer(reader, fileName, options.MaxEntryLength, options.ReadBufferSize);
            Cursor = new EntryCursor(fileName);
        }

        public ZoneTokenizer Tokenizer { get; }

        public EntryCursor Cursor { get; }

        public string Directory { get; }

        public DnsName? Origin { get; set; }

        public DnsName? PreviousOwner { get; set; }

        public void Dispose()
        {
            Tokenizer.Dispose();
            if (_ownsReader)
            {
                _reader.Dispose();
            }
        }
    }
}
