using Dnssec.Wire;

namespace Dnssec.Presentation;

/// <summary>Walks the tokens of one zone-file entry and turns problems into <see cref="ZoneFileException"/>s at the right place.</summary>
internal sealed class EntryCursor
{
    private List<ZoneToken> _tokens = [];
    private int _endLine;
    private int _endColumn;
    private string _repeatedText = string.Empty;
    private DnsName? _repeatedOrigin;
    private DnsName? _repeatedName;

    public EntryCursor(string fileName)
    {
        FileName = fileName;
    }

    /// <summary>The file the entry came from.</summary>
    public string FileName { get; }

    /// <summary>The origin that relative names are completed with, or null when there is none yet.</summary>
    public DnsName? Origin { get; private set; }

    /// <summary>The index of the next token.</summary>
    public int Index { get; private set; }

    /// <summary>Whether every token has been taken.</summary>
    public bool AtEnd => Index >= _tokens.Count;

    /// <summary>Points the cursor at the start of a new entry.</summary>
    public void Reset(List<ZoneToken> tokens, int endLine, int endColumn, DnsName? origin)
    {
        _tokens = tokens;
        _endLine = endLine;
        _endColumn = endColumn;
        Origin = origin;
        Index = 0;
    }

    /// <summary>The next token, not taken.</summary>
    public ZoneToken Peek() => _tokens[Index];

    /// <summary>Takes the next token; at the end of the entry, fails saying that <paramref name="expected"/> is missing.</summary>
    public ZoneToken Next(string expected) => AtEnd ? throw ErrorAtEnd($"missing {expected}") : _tokens[Index++];

    /// <summary>Takes the next token and requires that it is not a quoted string.</summary>
    public ZoneToken NextWord(string expected)
    {
        ZoneToken token = Next(expected);
        return token.Quoted ? throw Error(token, $"expected {expected}, found a quoted string") : token;
    }

    /// <summary>Parses a domain name token: <c>@</c> is the origin, a name without a final dot is relative to it (RFC 1035 §5.1).</summary>
    public DnsName ParseName(ZoneToken token, string what)
    {
        if (token.Quoted)
        {
            throw Error(token, $"expected {what}, found a quoted string");
        }

        ReadOnlySpan<char> text = token.Span;
        if (text.SequenceEqual("@"))
        {
            return Origin ?? throw Error(token, "'@' used before any origin was set; add $ORIGIN or give an origin");
        }

        bool absolute = IsAbsolute(text);
        if (!absolute && Origin is null)
        {
            throw Error(token, $"relative name '{token.Text}' but no origin is set; add $ORIGIN, end the name with '.', or give an origin");
        }

        if (!DnsName.TryParse(text, absolute ? DnsName.Root : Origin!, out DnsName? name, out string? error))
        {
            throw Error(token, $"invalid {what} '{token.Text}': {error}");
        }

        return name;
    }

    /// <summary>
    /// Parses a name that most entries repeat, such as the signer of every RRSIG: the same text under the same origin
    /// gives the name parsed last time instead of a new one.
    /// </summary>
    public DnsName ParseRepeatedName(ZoneToken token, string what)
    {
        if (_repeatedName is { } last && !token.Quoted && ReferenceEquals(_repeatedOrigin, Origin) && token.Span.SequenceEqual(_repeatedText))
        {
            return last;
        }

        DnsName name = ParseName(token, what);
        _repeatedText = token.Text;
        _repeatedOrigin = Origin;
        _repeatedName = name;
        return name;
    }

    /// <summary>An exception for a problem with <paramref name="token"/>.</summary>
    public ZoneFileException Error(ZoneToken token, string reason) => new(FileName, token.Line, token.Column, reason);

    /// <summary>An exception for a problem found at the end of the entry, such as a missing field.</summary>
    public ZoneFileException ErrorAtEnd(string reason) => new(FileName, _endLine, _endColumn, reason);

    /// <summary>Whether the name text ends with a dot that is not escaped.</summary>
    private static bool IsAbsolute(ReadOnlySpan<char> text)
    {
        if (!text.EndsWith('.'))
        {
            return false;
        }

        int backslashes = 0;
        for (int i = text.Length - 2; i >= 0 && text[i] == '\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 0;
    }
}
