namespace Dnssec.Presentation;

/// <summary>One word or quoted string of a zone-file entry, with its escapes still in place.</summary>
/// <param name="Text">The characters between the delimiters, without the quotes and with <c>\X</c> and <c>\DDD</c> escapes undecoded.</param>
/// <param name="Quoted">Whether the token was a quoted string.</param>
/// <param name="Adjacent">Whether the token began right where the previous one ended, as the value does in SVCB's <c>key="value"</c>.</param>
/// <param name="Line">The line of the first character, counting from 1.</param>
/// <param name="Column">The column of the first character (the opening quote of a quoted string), counting from 1.</param>
internal readonly record struct ZoneToken(string Text, bool Quoted, bool Adjacent, int Line, int Column)
{
    /// <summary>Whether the token is the unquoted word <paramref name="word"/>, compared exactly.</summary>
    public bool Is(string word) => !Quoted && Text == word;
}
