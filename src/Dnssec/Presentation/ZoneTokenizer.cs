using System.Buffers;

namespace Dnssec.Presentation;

/// <summary>
/// Splits master-file text into entries of tokens (RFC 1035 §5.1): whitespace separates tokens, a newline ends an entry
/// unless parentheses are open, <c>;</c> starts a comment, and quotes make a string that may hold any of these. The
/// tokens of an entry are slices of one pooled buffer (<see cref="ZoneToken"/>), so that no string is made per token.
/// </summary>
internal sealed class ZoneTokenizer : IDisposable
{
    /// <summary>Characters read from the text at a time: large enough that refills cost nothing next to parsing.</summary>
    public const int DefaultBufferSize = 64 * 1024;

    /// <summary>The first size of the buffer that holds an entry's tokens; it doubles when an entry needs more.</summary>
    private const int InitialTokenCapacity = 4096;

    private static readonly SearchValues<char> WordEnds = SearchValues.Create(" \t\r\n;()\"\\");
    private static readonly SearchValues<char> Blanks = SearchValues.Create(" \t\r");
    private static readonly SearchValues<char> LineFeed = SearchValues.Create("\n");

    private readonly TextReader _reader;
    private readonly string _fileName;
    private readonly int _maxEntryLength;
    private readonly int _bufferSize;
    private char[] _buffer;
    private char[] _chars;
    private int _charCount;
    private int _bufferLength;
    private int _bufferPosition;
    private int _line = 1;
    private int _column = 1;
    private int _entryLength;

    /// <summary>Reads entries from <paramref name="reader"/>, <paramref name="bufferSize"/> characters at a time (tests make it tiny so that tokens cross refills everywhere).</summary>
    public ZoneTokenizer(TextReader reader, string fileName, int maxEntryLength, int bufferSize = DefaultBufferSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 1);
        _reader = reader;
        _fileName = fileName;
        _maxEntryLength = maxEntryLength;
        _bufferSize = bufferSize;
        _buffer = ArrayPool<char>.Shared.Rent(bufferSize);
        _chars = ArrayPool<char>.Shared.Rent(InitialTokenCapacity);
    }

    /// <summary>Whether the entry last read began with whitespace, which means its owner is the previous one (RFC 1035 §5.1).</summary>
    public bool OwnerOmitted { get; private set; }

    /// <summary>The line where the last entry ended, for errors about something missing at its end.</summary>
    public int EndLine { get; private set; }

    /// <summary>The column where the last entry ended.</summary>
    public int EndColumn { get; private set; }

    /// <summary>Reads the next entry that holds at least one token into <paramref name="tokens"/>; false at the end of the text.</summary>
    /// <exception cref="ZoneFileException">The text is malformed or an entry is too long.</exception>
    public bool ReadEntry(List<ZoneToken> tokens)
    {
        tokens.Clear();
        _charCount = 0;
        int depth = 0;
        int openLine = 0;
        int openColumn = 0;
        bool atLineStart = true;
        bool started = false;
        bool adjacent = false;
        _entryLength = 0;
        while (true)
        {
            if (atLineStart && !started)
            {
                // A fresh entry: only its first line's first character decides whether the owner is omitted.
                int first = Peek();
                OwnerOmitted = first is ' ' or '\t';
                _entryLength = 0;
            }

            atLineStart = false;
            int c = Peek();
            switch (c)
            {
                case -1:
                    if (depth > 0)
                    {
                        throw Error(openLine, openColumn, "'(' is never closed");
                    }

                    SetEnd();
                    return tokens.Count > 0;
                case '\n':
                    SetEnd();
                    Take();
                    atLineStart = true;
                    adjacent = false;
                    if (depth == 0)
                    {
                        if (tokens.Count > 0)
                        {
                            return true;
                        }

                        started = false;
                    }

                    continue;
                case ' ' or '\t' or '\r':
                    Take();
                    TakeRun(Blanks, untilAnyOf: false);
                    adjacent = false;
                    continue;
                case ';':
                    while (Peek() is not (-1 or '\n'))
                    {
                        Take();
                        TakeRun(LineFeed, untilAnyOf: true);
                    }

                    continue;
                case '(':
                    if (depth == 0)
                    {
                        openLine = _line;
                        openColumn = _column;
                    }

                    depth++;
                    started = true;
                    Take();
                    adjacent = false;
                    continue;
                case ')':
                    if (depth == 0)
                    {
                        throw Error(_line, _column, "')' without a matching '('");
                    }

                    depth--;
                    Take();
                    adjacent = false;
                    continue;
                case '"':
                    tokens.Add(ReadQuoted(adjacent));
                    started = true;
                    adjacent = true;
                    continue;
                default:
                    tokens.Add(ReadWord(adjacent));
                    started = true;
                    adjacent = true;
                    continue;
            }
        }
    }

    private ZoneToken ReadWord(bool adjacent)
    {
        int line = _line;
        int column = _column;
        int start = _charCount;
        while (true)
        {
            Append(TakeRun(WordEnds, untilAnyOf: true));
            int c = Peek();
            if (c is -1 or ' ' or '\t' or '\r' or '\n' or ';' or '(' or ')' or '"')
            {
                // A quote ends the word and opens a string right after it, which is how SVCB's key="value" reads.
                return new ZoneToken(_chars, start, _charCount - start, quoted: false, adjacent, line, column);
            }

            Take();
            Append((char)c);
            if (c == '\\')
            {
                TakeEscaped();
            }
        }
    }

    private ZoneToken ReadQuoted(bool adjacent)
    {
        int line = _line;
        int column = _column;
        Take();
        int start = _charCount;
        while (true)
        {
            int c = Peek();
            if (c is -1 or '\n')
            {
                throw Error(line, column, "quoted string is not closed on its line");
            }

            Take();
            if (c == '"')
            {
                return new ZoneToken(_chars, start, _charCount - start, quoted: true, adjacent, line, column);
            }

            Append((char)c);
            if (c == '\\')
            {
                TakeEscaped();
            }
        }
    }

    /// <summary>Keeps the character after a backslash whatever it is, so that escaped delimiters stay in the token.</summary>
    private void TakeEscaped()
    {
        int next = Peek();
        if (next is -1 or '\n' or '\r')
        {
            throw Error(_line, _column, "backslash at the end of a line");
        }

        Take();
        Append((char)next);
    }

    /// <summary>Returns the pooled buffers.</summary>
    public void Dispose()
    {
        ArrayPool<char>.Shared.Return(_buffer);
        ArrayPool<char>.Shared.Return(_chars);
        _buffer = [];
        _chars = [];
    }

    private void Append(char c)
    {
        if (_charCount == _chars.Length)
        {
            Grow(1);
        }

        _chars[_charCount++] = c;
    }

    private void Append(ReadOnlySpan<char> run)
    {
        if (run.Length > _chars.Length - _charCount)
        {
            Grow(run.Length);
        }

        run.CopyTo(_chars.AsSpan(_charCount));
        _charCount += run.Length;
    }

    /// <summary>
    /// Moves the entry's characters to a larger buffer. The old one is left to the collector rather than returned to
    /// the pool, because tokens taken earlier in this entry still point into it.
    /// </summary>
    private void Grow(int needed)
    {
        char[] larger = ArrayPool<char>.Shared.Rent(Math.Max(_chars.Length * 2, _charCount + needed));
        _chars.AsSpan(0, _charCount).CopyTo(larger);
        _chars = larger;
    }

    private void SetEnd()
    {
        EndLine = _line;
        EndColumn = _column;
    }

    private int Peek()
    {
        if (_bufferPosition == _bufferLength)
        {
            try
            {
                _bufferLength = _reader.Read(_buffer, 0, _bufferSize);
            }
            catch (IOException exception)
            {
                throw new ZoneFileException(_fileName, _line, _column, $"cannot read the file: {exception.Message}", exception);
            }

            _bufferPosition = 0;
            if (_bufferLength == 0)
            {
                return -1;
            }
        }

        return _buffer[_bufferPosition];
    }

    private void Take()
    {
        char c = _buffer[_bufferPosition++];
        if (c == '\n')
        {
            _line++;
            _column = 1;
        }
        else
        {
            _column++;
        }

        if (++_entryLength > _maxEntryLength)
        {
            throw Error(_line, _column, $"entry is longer than {_maxEntryLength} characters");
        }
    }

    /// <summary>
    /// Takes, in one step, the characters left in the buffer up to the first that is (or, with <paramref name="untilAnyOf"/>
    /// false, is not) in <paramref name="set"/>, which must not let a line feed through; the run stops short of the entry
    /// length limit so that <see cref="Take"/> reports it where it is crossed.
    /// </summary>
    private ReadOnlySpan<char> TakeRun(SearchValues<char> set, bool untilAnyOf)
    {
        ReadOnlySpan<char> rest = _buffer.AsSpan(_bufferPosition, _bufferLength - _bufferPosition);
        int length = untilAnyOf ? rest.IndexOfAny(set) : rest.IndexOfAnyExcept(set);
        length = Math.Min(length < 0 ? rest.Length : length, _maxEntryLength - _entryLength);
        _bufferPosition += length;
        _column += length;
        _entryLength += length;
        return rest[..length];
    }

    private ZoneFileException Error(int line, int column, string reason) => new(_fileName, line, column, reason);
}
