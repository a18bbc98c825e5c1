using System.Text;
using Dnssec.Presentation;

namespace Dnssec.Tests.Presentation;

/// <summary>TTLs, signature times and character strings.</summary>
public class TextFieldTests
{
    [Theory]
    [InlineData("plain seconds", "3600", 3600u)]
    [InlineData("zero", "0", 0u)]
    [InlineData("hours and minutes", "1h30m", 5400u)]
    [InlineData("upper-case week", "1W", 604800u)]
    [InlineData("every unit", "1w1d1h1m1s", 694861u)]
    [InlineData("repeated unit adds up, as BIND does", "1h1h", 7200u)]
    [InlineData("leading zeros", "007", 7u)]
    [InlineData("largest 32-bit value", "4294967295", 4294967295u)]
    public void TtlTryParse_Valid_ReturnsSeconds(string description, string text, uint expected)
    {
        _ = description;
        Assert.True(TtlText.TryParse(text, out uint value, out string? error), error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData("empty", "", "empty")]
    [InlineData("unit without number", "h", "needs a number")]
    [InlineData("number without unit after units", "1h30", "no unit")]
    [InlineData("unknown unit", "1y", "unknown unit 'y'")]
    [InlineData("over 32 bits", "4294967296", "larger than 4294967295")]
    [InlineData("sum over 32 bits", "7102w", "larger than 4294967295")]
    [InlineData("sign", "-1", "needs a number")]
    public void TtlTryParse_Invalid_SaysWhy(string description, string text, string expectedError)
    {
        _ = description;
        Assert.False(TtlText.TryParse(text, out _, out string? error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RFC 4034 §3.3 expiration", "20030322173103", 1048354263u)]
    [InlineData("epoch", "19700101000000", 0u)]
    [InlineData("last second of 32 bits", "21060207062815", 4294967295u)]
    [InlineData("leap day", "20240229000000", 1709164800u)]
    public void TimeTryParse_Date_ReturnsSecondsAndPrintsBack(string description, string text, uint expected)
    {
        _ = description;
        Assert.True(TimeText.TryParse(text, out uint seconds, out string? error), error);
        Assert.Equal(expected, seconds);
        var builder = new StringBuilder();
        TimeText.Append(builder, seconds);
        Assert.Equal(text, builder.ToString());
    }

    [Theory]
    [InlineData("seconds as a number (RFC 4034 §3.2)", "1048354263", 1048354263u)]
    [InlineData("short number", "5", 5u)]
    [InlineData("leap second rolls over, as in BIND", "20240101000060", 1704067260u)]
    [InlineData("past 2106 wraps modulo 2^32 (RFC 4034 §3.1.5)", "22000101000000", 2963151104u)]
    public void TimeTryParse_OtherForms_ReturnsSeconds(string description, string text, uint expected)
    {
        _ = description;
        Assert.True(TimeText.TryParse(text, out uint seconds, out string? error), error);
        Assert.Equal(expected, seconds);
    }

    [Theory]
    [InlineData("number over 32 bits", "4294967296")]
    [InlineData("twelve digits", "202401010000")]
    [InlineData("month 13", "20241301000000")]
    [InlineData("30 February", "20240230000000")]
    [InlineData("hour 24", "20240101240000")]
    [InlineData("minute 60", "20240101006000")]
    [InlineData("second 61", "20240101000061")]
    [InlineData("before 1970", "19691231235959")]
    [InlineData("not digits", "2024-01-01")]
    [InlineData("empty", "")]
    public void TimeTryParse_Invalid_ReturnsFalse(string description, string text)
    {
        _ = description;
        Assert.False(TimeText.TryParse(text, out _, out string? error));
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("plain", "abc", "\"abc\"")]
    [InlineData("quote and backslash escaped", "a\"b\\c", "\"a\\\"b\\\\c\"")]
    [InlineData("space and zone-file specials stay", "a b;c(d)@$", "\"a b;c(d)@$\"")]
    [InlineData("control octet", "\u0001", "\"\\001\"")]
    [InlineData("DEL", "\u007F", "\"\\127\"")]
    [InlineData("high octet", "\u00FF", "\"\\255\"")]
    [InlineData("empty", "", "\"\"")]
    public void AppendQuoted_Octets_EscapesAsBind(string description, string latin1, string expected)
    {
        _ = description;
        var builder = new StringBuilder();
        CharacterStringText.AppendQuoted(builder, Encoding.Latin1.GetBytes(latin1));
        Assert.Equal(expected, builder.ToString());
    }

    [Theory]
    [InlineData("decimal escape", @"\065\000\255", "410 0FF")]
    [InlineData("escaped special", @"\""\\\;", "225C3B")]
    [InlineData("escaped letter is the letter", @"\x", "78")]
    [InlineData("Latin-1 character is one octet", "\u00E9", "E9")]
    [InlineData("character beyond Latin-1 becomes UTF-8", "\u20AC", "E282AC")]
    [InlineData("surrogate pair becomes one UTF-8 sequence", "\U0001F600", "F09F9880")]
    public void TryDecode_Escapes_DecodesOctets(string description, string text, string expectedHex)
    {
        _ = description;
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        Assert.True(CharacterStringText.TryDecode(text, output, out string? error), error);
        Assert.Equal(expectedHex.Replace(" ", string.Empty, StringComparison.Ordinal), Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("escape over 255", @"\256", "over 255")]
    [InlineData("two digits", @"\06", "three decimal digits")]
    [InlineData("digits then letter", @"\06x", "three decimal digits")]
    [InlineData("trailing backslash", @"ab\", "backslash at the end")]
    public void TryDecode_BadEscape_SaysWhy(string description, string text, string expectedError)
    {
        _ = description;
        Assert.False(CharacterStringText.TryDecode(text, new System.Buffers.ArrayBufferWriter<byte>(), out string? error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }
}
