namespace Dnssec.Presentation;

/// <summary>
/// One word or quoted string of a zone-file entry, with its escapes still in place: a slice of the tokenizer's entry
/// buffer, so that reading a zone makes no string per token. It is valid until the tokenizer reads the next entry.
/// </summary>
internal readonly struct ZoneToken
{
    private readonly char[]? _chars;
    private readonly int _start;
    private readonly int _length;

    /// <summary>A token of the characters <paramref name="chars"/>[<paramref name="start"/>..+<paramref name="length"/>].</summary>
    public ZoneToken(char[] chars, int start, int length, bool quoted, bool adjacent, int line, int column)
    {
        _chars = chars;
        _start = start;
        _length = length;
        Quoted = quoted;
        Adjacent = adjacent;
        Line = line;
        Column = column;
    }

    /// <summary>The characters between the delimiters, without the quotes and with <c>\X</c> and <c>\DDD</c> escapes undecoded.</summary>
    public ReadOnlySpan<char> Span => _chars.AsSpan(_start, _length);

    /// <summary>The characters as a new string, for messages and the rare fields that keep text.</summary>
    public string Text => new(Span);

    /// <summary>Whether the token was a quoted string.</summary>
    public bool Quoted { get; }

    /// <summary>Whether the token began right where the previous one ended, as the value does in SVCB's <c>key="value"</c>.</summary>
    public bool Adjacent { get; }

    /// <summary>The line of the first character, counting from 1.</summary>
    public int Line { get; }

    /// <summary>The column of the first character (the opening quote of a quoted string), counting from 1.</summary>
    public int Column { get; }

    /// <summary>Whether the token is the unquoted word <paramref name="word"/>, compared exactly.</summary>
    public bool Is(string word) => !Quoted && Span.SequenceEqual(word);
}
