using System.Buffers;
using System.Text;
using Dnssec.Presentation;

namespace Dnssec.Tests.Presentation;

/// <summary>Base64, hexadecimal and base32hex as zone files use them.</summary>
public class EncodingTextTests
{
    [Theory]
    [InlineData("RFC 4648 §10 vector f", "Zg==", "66")]
    [InlineData("RFC 4648 §10 vector fo", "Zm8=", "666F")]
    [InlineData("RFC 4648 §10 vector foobar", "Zm9vYmFy", "666F6F626172")]
    [InlineData("split by whitespace anywhere", "Zm9v\tY mFy\n", "666F6F626172")]
    [InlineData("empty", "", "")]
    public void Base64TryDecode_Valid_DecodesOctets(string description, string text, string expectedHex)
    {
        _ = description;
        var output = new ArrayBufferWriter<byte>();
        Assert.True(Base64Text.TryDecode(text, output, out string? error), error);
        Assert.Equal(expectedHex, Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("character outside the alphabet", "Zm9v!mFy", "invalid base64 character '!'")]
    [InlineData("URL-safe alphabet", "Zm-v", "invalid base64 character '-'")]
    [InlineData("missing padding", "Zm8", "middle of a group")]
    [InlineData("lone character", "Z", "middle of a group")]
    [InlineData("data after padding", "Zg==Zg==", "after '=' padding")]
    [InlineData("too much padding", "Z===", "'=' padding where base64 data should be")]
    [InlineData("padding alone", "====", "'=' padding where base64 data should be")]
    [InlineData("stray bits before padding (RFC 4648 §3.5)", "Zh==", "non-zero bits")]
    [InlineData("control character", "Zg\u0001=", "U+0001")]
    [InlineData("bad character in a long run of whole groups", "Zm9vYmFyZm9v!mFyZm9vYmFy", "invalid base64 character '!'")]
    [InlineData("stray bits after whole groups", "Zm9vYmFyZm9vZh==", "non-zero bits")]
    [InlineData("padding in the middle of whole groups", "Zm9vZg==Zm9vYmFy", "after '=' padding")]
    public void Base64TryDecode_Invalid_SaysWhy(string description, string text, string expectedError)
    {
        _ = description;
        Assert.False(Base64Text.TryDecode(text, new ArrayBufferWriter<byte>(), out string? error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Base64TryDecode_EveryLengthUpTo300_MatchesConvert()
    {
        var random = new Random(7);
        for (int length = 0; length <= 300; length++)
        {
            byte[] data = new byte[length];
            random.NextBytes(data);
            var output = new ArrayBufferWriter<byte>();

            Assert.True(Base64Text.TryDecode(Convert.ToBase64String(data), output, out string? error), error);
            Assert.Equal(data, output.WrittenSpan.ToArray());
        }
    }

    [Fact]
    public void Base64Append_LargeData_MatchesConvert()
    {
        byte[] data = new byte[5000];
        new Random(1).NextBytes(data);
        var builder = new StringBuilder();

        Base64Text.Append(builder, data);

        Assert.Equal(Convert.ToBase64String(data), builder.ToString());
    }

    [Theory]
    [InlineData("upper case", "0A1B", "0A1B")]
    [InlineData("lower case", "0a1b", "0A1B")]
    [InlineData("whitespace between digits", "0 a\t1b", "0A1B")]
    [InlineData("empty", "", "")]
    public void HexTryDecode_Valid_DecodesOctets(string description, string text, string expectedHex)
    {
        _ = description;
        var output = new ArrayBufferWriter<byte>();
        Assert.True(HexText.TryDecode(text, output, out string? error), error);
        Assert.Equal(expectedHex, Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("odd number of digits", "0A1", "odd number")]
    [InlineData("not a digit", "0G", "invalid hexadecimal digit 'G'")]
    [InlineData("prefix", "0x0A", "invalid hexadecimal digit 'x'")]
    public void HexTryDecode_Invalid_SaysWhy(string description, string text, string expectedError)
    {
        _ = description;
        Assert.False(HexText.TryDecode(text, new ArrayBufferWriter<byte>(), out string? error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RFC 4648 §10 vector f", "66", "CO")]
    [InlineData("RFC 4648 §10 vector fo", "666F", "CPNG")]
    [InlineData("RFC 4648 §10 vector foo", "666F6F", "CPNMU")]
    [InlineData("RFC 4648 §10 vector foob", "666F6F62", "CPNMUOG")]
    [InlineData("RFC 4648 §10 vector foobar", "666F6F626172", "CPNMUOJ1E8")]
    [InlineData("RFC 5155 App. A hash of the apex example.", "065368ABEED7EC6E9FEBA96B8C8BC3E8B791F716", "0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM")]
    public void Base32HexAppend_Octets_PrintsUpperCaseWithoutPadding(string description, string hex, string expected)
    {
        _ = description;
        var builder = new StringBuilder();
        Base32HexText.Append(builder, Convert.FromHexString(hex));
        Assert.Equal(expected, builder.ToString());

        var output = new ArrayBufferWriter<byte>();
        Assert.True(Base32HexText.TryDecode(expected.ToLowerInvariant(), output, out string? error), error);
        Assert.Equal(hex, Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("padding", "CO======", "no '=' padding")]
    [InlineData("letter past V", "CW", "invalid base32hex character 'W'")]
    [InlineData("length no octet string has", "CPN", "length or final character")]
    [InlineData("stray bits in the last character", "CP", "length or final character")]
    public void Base32HexTryDecode_Invalid_SaysWhy(string description, string text, string expectedError)
    {
        _ = description;
        Assert.False(Base32HexText.TryDecode(text, new ArrayBufferWriter<byte>(), out string? error));
        Assert.Contains(expectedError, error, StringComparison.Ordinal);
    }
}
