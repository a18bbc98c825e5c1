using System.Text;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>Presentation form, wire form, limits, comparison and hierarchy of <see cref="DnsName"/>.</summary>
public sealed partial class DnsNameTests
{
    private static readonly string Label63 = new('a', 63);
    private static readonly string Label64 = new('a', 64);

    /// <summary>Three 63-octet labels and one of <paramref name="last"/> octets: 3 × 64 + 1 + last + 1 octets in wire form.</summary>
    private static string LongName(int last) => $"{Label63}.{Label63}.{Label63}.{new string('b', last)}.";

    [Theory]
    [InlineData("absolute name", "www.example.", "03777777076578616d706c6500", "www.example.")]
    [InlineData("name without a final dot is absolute", "www.example", "03777777076578616d706c6500", "www.example.")]
    [InlineData("root", ".", "00", ".")]
    [InlineData("single label", "com.", "03636f6d00", "com.")]
    [InlineData("case is kept", "WwW.ExAmple.", "03577757074578416d706c6500", "WwW.ExAmple.")]
    [InlineData("decimal escape of a dot is a dot inside the label", "a\\046b.", "03612e6200", "a\\.b.")]
    [InlineData("escaped dot stays inside the label", "a\\.b.example.", "03612e62076578616d706c6500", "a\\.b.example.")]
    [InlineData("NUL and 255 by decimal escape", "\\000\\255.", "0200ff00", "\\000\\255.")]
    [InlineData("escaped backslash", "a\\\\b.", "03615c6200", "a\\\\b.")]
    [InlineData("space prints as a decimal escape", "a\\ b.", "0361206200", "a\\032b.")]
    [InlineData("decimal escape of a space", "a\\032b.", "0361206200", "a\\032b.")]
    [InlineData("escaped ordinary letter is the letter", "\\a\\B.", "02614200", "aB.")]
    [InlineData("specials are escaped with a backslash", "\\(\\)\\;\\@\\$\\\".", "0628293b40242200", "\\(\\)\\;\\@\\$\\\".")]
    [InlineData("DEL and high octets print as decimal escapes", "\\127\\128.", "027f8000", "\\127\\128.")]
    [InlineData("wildcard label", "*.example.", "012a076578616d706c6500", "*.example.")]
    [InlineData("decimal escape followed by digits", "\\0491.", "02313100", "11.")]
    public void Parse_PresentationForm_GivesWireFormAndPrintsBack(string description, string text, string wireHex, string printed)
    {
        DnsName name = DnsName.Parse(text);

        Assert.True(Convert.FromHexString(wireHex).AsSpan().SequenceEqual(name.WireForm), $"{description}: wire form {Convert.ToHexString(name.WireForm)}");
        Assert.Equal(printed, name.ToString());
        Assert.Equal(name.WireForm.ToArray(), DnsName.Parse(name.ToString()).WireForm.ToArray());
    }

    [Theory]
    [InlineData("empty text", "")]
    [InlineData("empty label in the middle", "a..b.")]
    [InlineData("empty leading label", ".a.")]
    [InlineData("two dots", "..")]
    [InlineData("dangling backslash", "a\\")]
    [InlineData("decimal escape with two digits at the end", "a\\12")]
    [InlineData("decimal escape with two digits and a letter", "a\\12x.")]
    [InlineData("decimal escape over 255", "\\256.")]
    public void TryParse_InvalidText_ReturnsFalseWithReason(string description, string text)
    {
        bool parsed = DnsName.TryParse(text, DnsName.Root, out DnsName? name, out string? error);

        Assert.False(parsed, description);
        Assert.Null(name);
        Assert.False(string.IsNullOrEmpty(error));
        Assert.Throws<FormatException>(() => DnsName.Parse(text));
        Assert.False(DnsName.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(DnsName.TryParse(null, out DnsName? name));
        Assert.Null(name);
    }

    [Theory]
    [InlineData("63-octet label", 63, true)]
    [InlineData("64-octet label", 64, false)]
    public void Parse_LabelAtAndOverLimit_AcceptsOnly63(string description, int length, bool valid)
    {
        string text = new string('x', length) + ".example.";

        Assert.True(valid == DnsName.TryParse(text, out DnsName? name), description);
        if (valid)
        {
            Assert.Equal(length, name!.GetLabel(0).Length);
        }
    }

    [Theory]
    [InlineData("63 octets written as decimal escapes", 63, true)]
    [InlineData("64 octets written as decimal escapes", 64, false)]
    public void Parse_EscapedLabelAtAndOverLimit_CountsOctetsNotCharacters(string description, int length, bool valid)
    {
        string text = string.Concat(Enumerable.Repeat("\\255", length)) + ".";

        Assert.True(valid == DnsName.TryParse(text, out _), description);
    }

    [Theory]
    [InlineData("255 octets, absolute", 61, true, true)]
    [InlineData("256 octets, absolute", 62, true, false)]
    [InlineData("255 octets, no final dot", 61, false, true)]
    [InlineData("256 octets, no final dot", 62, false, false)]
    public void Parse_NameAtAndOverLimit_Accepts255Octets(string description, int lastLabel, bool absolute, bool valid)
    {
        string text = LongName(lastLabel);
        if (!absolute)
        {
            text = text[..^1];
        }

        Assert.True(valid == DnsName.TryParse(text, out DnsName? name), description);
        if (valid)
        {
            Assert.Equal(DnsName.MaxLength, name!.WireLength);
            Assert.Equal(4, name.LabelCount);
        }
    }

    [Theory]
    [InlineData("relative name gets the origin", "www", "example.", "www.example.")]
    [InlineData("absolute name ignores the origin", "www.other.", "example.", "www.other.")]
    [InlineData("relative name under the root origin", "www", ".", "www.")]
    public void Parse_WithOrigin_AppendsOriginToRelativeNames(string description, string text, string origin, string expected)
    {
        DnsName name = DnsName.Parse(text, DnsName.Parse(origin));

        Assert.True(DnsName.Parse(expected).Equals(name), $"{description}: got {name}");
    }

    [Fact]
    public void TryParse_RelativeNameOverLimitWithOrigin_ReturnsFalse()
    {
        DnsName origin = DnsName.Parse($"{Label63}.{Label63}.{Label63}.");

        Assert.True(DnsName.TryParse(new string('b', 61), origin, out _, out _));
        Assert.False(DnsName.TryParse(new string('b', 62), origin, out _, out string? error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Parse_NonAsciiCharacters_BecomeUtf8Octets()
    {
        // Latin-1 characters map to one octet each; anything beyond becomes UTF-8, surrogate pairs included.
        Assert.Equal("04e9e282ac00", Convert.ToHexString(DnsName.Parse("\u00e9\u20ac.").WireForm).ToLowerInvariant());
        Assert.Equal("04f09f988000", Convert.ToHexString(DnsName.Parse("\U0001F600.").WireForm).ToLowerInvariant());
        Assert.Equal("05f09f98806100", Convert.ToHexString(DnsName.Parse("\\\U0001F600a.").WireForm).ToLowerInvariant());
        Assert.Equal("03efbfbd00", Convert.ToHexString(DnsName.Parse("\uD800.").WireForm).ToLowerInvariant());
    }

    [Theory]
    [InlineData("root", "00", 0)]
    [InlineData("two labels", "03777777076578616d706c6500", 2)]
    [InlineData("63-octet label", "3f" + "61616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616161616100", 1)]
    public void FromWire_ValidName_KeepsBytes(string description, string hex, int labels)
    {
        byte[] wire = Convert.FromHexString(hex);

        DnsName name = DnsName.FromWire(wire);

        Assert.True(wire.AsSpan().SequenceEqual(name.WireForm), description);
        Assert.Equal(labels, name.LabelCount);
    }

    [Theory]
    [InlineData("empty input", "", DnsFormatError.Truncated, 0)]
    [InlineData("no root label", "03777777", DnsFormatError.Truncated, 4)]
    [InlineData("label runs past the end", "0577777700", DnsFormatError.Truncated, 0)]
    [InlineData("64-octet label has the 0x40 prefix", "40", DnsFormatError.LabelTooLong, 0)]
    [InlineData("0x80 prefix", "016180", DnsFormatError.LabelTooLong, 2)]
    [InlineData("compression pointer", "0161c000", DnsFormatError.CompressionNotAllowed, 2)]
    [InlineData("bytes after the root", "016100ff", DnsFormatError.InvalidRecordData, 3)]
    public void FromWire_Malformed_ThrowsDnsFormatException(string description, string hex, DnsFormatError error, int offset)
    {
        byte[] wire = Convert.FromHexString(hex);

        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => DnsName.FromWire(wire));

        Assert.True(error == exception.Error, $"{description}: {exception.Error}");
        Assert.Equal(offset, exception.Offset);
    }

    [Theory]
    [InlineData("exactly 255 octets", 61, true)]
    [InlineData("256 octets", 62, false)]
    public void FromWire_NameAtAndOverLimit_Accepts255Octets(string description, int lastLabel, bool valid)
    {
        byte[] wire = new WireBuilder().Labels($"{Label63}.{Label63}.{Label63}").Label(new string('b', lastLabel)).U8(0).ToArray();

        DnsName? name = null;
        Exception? exception = Record.Exception(() => name = DnsName.FromWire(wire));

        Assert.True(valid == (exception is null), $"{description}: {exception?.Message}");
        if (valid)
        {
            Assert.Equal(DnsName.MaxLength, name!.WireLength);
        }
        else
        {
            // The fourth label, at offset 192, is the one that takes the name over the limit.
            DnsFormatException formatException = Assert.IsType<DnsFormatException>(exception);
            Assert.Equal(DnsFormatError.NameTooLong, formatException.Error);
            Assert.Equal(192, formatException.Offset);
        }
    }

    [Theory]
    [InlineData("different case", "WWW.Example.", "www.example.", true)]
    [InlineData("decimal escape of a capital letter", "\\087ww.example.", "www.example.", true)]
    [InlineData("root", ".", ".", true)]
    [InlineData("different label", "www.example.", "ftp.example.", false)]
    [InlineData("extra label", "www.example.", "www.example.com.", false)]
    [InlineData("same octets split differently", "ab.c.", "a.bc.", false)]
    [InlineData("only ASCII letters fold (0xC3 and 0xE3 differ by 32)", "\\195.", "\\227.", false)]
    [InlineData("'@' and '`' are not letters", "\\@.", "`.", false)]
    public void Equals_CaseInsensitive_ConsistentWithHashCode(string description, string left, string right, bool equal)
    {
        DnsName a = DnsName.Parse(left);
        DnsName b = DnsName.Parse(right);

        Assert.True(equal == a.Equals(b), description);
        Assert.Equal(equal, b.Equals(a));
        Assert.Equal(equal, a == b);
        Assert.Equal(!equal, a != b);
        Assert.Equal(equal, a.Equals((object)b));
        Assert.Equal(equal, a.CompareTo(b) == 0);
        if (equal)
        {
            Assert.Equal(a.GetHashCode(), b.GetHashCode());
        }
    }

    [Fact]
    public void Equals_CaseDiffers_KeepsEachOriginalCase()
    {
        DnsName upper = DnsName.Parse("WWW.Example.");
        DnsName lower = DnsName.Parse("www.example.");

        Assert.Equal(upper, lower);
        Assert.Equal("WWW.Example.", upper.ToString());
        Assert.Equal("www.example.", lower.ToString());
        Assert.Equal("www.example.", upper.ToLowerCase().ToString());
        Assert.Same(lower, lower.ToLowerCase());
    }

    [Fact]
    public void Equals_Null_IsFalse()
    {
        DnsName name = DnsName.Parse("example.");

        Assert.False(name.Equals(null));
        Assert.False(name.Equals((object?)null));
        Assert.False(name == null);
        Assert.True((DnsName?)null == null);
        Assert.True(name.CompareTo(null) > 0);
    }

    [Fact]
    public void CompareTo_Rfc4034Section61Example_SortsInTheRfcOrder()
    {
        // RFC 4034 §6.1: the names below are in canonical order.
        string[] expected =
        [
            "example.",
            "a.example.",
            "yljkjljk.a.example.",
            "Z.a.example.",
            "zABC.a.EXAMPLE.",
            "z.example.",
            "\\001.z.example.",
            "*.z.example.",
            "\\200.z.example.",
        ];
        List<DnsName> names = [.. expected.Reverse().Select(DnsName.Parse)];
        names.Insert(0, names[^1]);
        names.RemoveAt(names.Count - 1);

        names.Sort();

        Assert.Equal(expected, names.Select(n => n.ToString()));
        for (int i = 1; i < names.Count; i++)
        {
            Assert.True(names[i - 1].CompareTo(names[i]) < 0);
            Assert.True(names[i].CompareTo(names[i - 1]) > 0);
            Assert.True(names[i - 1] < names[i]);
            Assert.True(names[i - 1] <= names[i]);
            Assert.True(names[i] > names[i - 1]);
            Assert.True(names[i] >= names[i - 1]);
        }
    }

    [Theory]
    [InlineData("proper prefix label sorts first", "a.example.", "ab.example.", -1)]
    [InlineData("fewer labels sort first", "example.", "a.example.", -1)]
    [InlineData("rightmost label decides first", "b.a.", "a.b.", -1)]
    [InlineData("octets compare unsigned", "\\127.", "\\128.", -1)]
    [InlineData("upper case compares as lower case", "Z.", "a.", 1)]
    [InlineData("equal ignoring case", "ABC.", "abc.", 0)]
    [InlineData("root sorts before everything", ".", "\\000.", -1)]
    public void CompareTo_Pairs_FollowsCanonicalOrder(string description, string left, string right, int sign)
    {
        DnsName a = DnsName.Parse(left);
        DnsName b = DnsName.Parse(right);

        Assert.True(sign == Math.Sign(a.CompareTo(b)), description);
        Assert.Equal(-sign, Math.Sign(b.CompareTo(a)));
    }

    [Theory]
    [InlineData("two labels", "www.example.", "example.")]
    [InlineData("one label", "example.", ".")]
    [InlineData("case kept", "WWW.Example.", "Example.")]
    public void Parent_Name_DropsLeftmostLabel(string description, string text, string parent)
    {
        DnsName name = DnsName.Parse(text);

        Assert.True(parent == name.Parent.ToString(), description);
        Assert.Equal(name.LabelCount - 1, name.Parent.LabelCount);
    }

    [Fact]
    public void Parent_Root_Throws()
    {
        Assert.Throws<InvalidOperationException>(() => DnsName.Root.Parent);
    }

    [Theory]
    [InlineData("keep all labels", "a.b.c.", 3, "a.b.c.")]
    [InlineData("keep two", "a.b.c.", 2, "b.c.")]
    [InlineData("keep one", "a.b.c.", 1, "c.")]
    [InlineData("keep none", "a.b.c.", 0, ".")]
    [InlineData("root of root", ".", 0, ".")]
    public void GetAncestor_LabelCount_KeepsRightmostLabels(string description, string text, int count, string expected)
    {
        DnsName ancestor = DnsName.Parse(text).GetAncestor(count);

        Assert.True(expected == ancestor.ToString(), description);
        Assert.Equal(count, ancestor.LabelCount);
    }

    [Theory]
    [InlineData("negative", -1)]
    [InlineData("more labels than the name has", 3)]
    public void GetAncestor_OutOfRange_Throws(string description, int count)
    {
        ArgumentOutOfRangeException exception = Assert.Throws<ArgumentOutOfRangeException>(() => DnsName.Parse("a.b.").GetAncestor(count));

        Assert.True(exception.ParamName == "labelCount", description);
    }

    [Theory]
    [InlineData("same name", "example.", "example.", true, false)]
    [InlineData("child", "www.example.", "example.", true, true)]
    [InlineData("grandchild, other case", "A.WWW.EXAMPLE.", "example.", true, true)]
    [InlineData("everything is under the root", "a.", ".", true, true)]
    [InlineData("root is under the root", ".", ".", true, false)]
    [InlineData("parent is not under the child", "example.", "www.example.", false, false)]
    [InlineData("suffix text but not on a label boundary", "wwwexample.", "example.", false, false)]
    [InlineData("sibling", "www.example.", "www.other.", false, false)]
    public void IsSubdomainOf_Pairs_FollowsLabels(string description, string child, string ancestor, bool subdomain, bool strict)
    {
        DnsName name = DnsName.Parse(child);
        DnsName other = DnsName.Parse(ancestor);

        Assert.True(subdomain == name.IsSubdomainOf(other), description);
        Assert.Equal(strict, name.IsStrictSubdomainOf(other));
    }

    [Fact]
    public void IsSubdomainOf_Null_ThrowsArgumentNull()
    {
        DnsName name = DnsName.Parse("example.");

        Assert.Throws<ArgumentNullException>(() => name.IsSubdomainOf(null!));
        Assert.Throws<ArgumentNullException>(() => name.IsStrictSubdomainOf(null!));
    }

    [Theory]
    [InlineData("wildcard", "*.example.", true, 1)]
    [InlineData("wildcard at the top", "*.", true, 0)]
    [InlineData("wildcard two levels down", "*.a.example.", true, 2)]
    [InlineData("asterisk inside the name is not a wildcard", "a.*.example.", false, 3)]
    [InlineData("asterisk with other octets is not a wildcard", "**.example.", false, 2)]
    [InlineData("asterisk followed by a letter", "*a.example.", false, 2)]
    [InlineData("ordinary name", "www.example.", false, 2)]
    [InlineData("root", ".", false, 0)]
    public void IsWildcard_Names_AndSignatureLabelCountSkipsTheWildcard(string description, string text, bool wildcard, int signatureLabels)
    {
        // RFC 4034 §3.1.3: the RRSIG Labels field does not count a leading "*" label.
        DnsName name = DnsName.Parse(text);

        Assert.True(wildcard == name.IsWildcard, description);
        Assert.Equal(signatureLabels, name.SignatureLabelCount);
    }

    [Theory]
    [InlineData("shared parent", "www.example.", "mail.example.", 1)]
    [InlineData("case ignored", "a.B.C.", "x.b.c.", 2)]
    [InlineData("one is the ancestor", "a.b.c.", "b.c.", 2)]
    [InlineData("same name", "a.b.", "A.B.", 2)]
    [InlineData("nothing shared", "example.", "example.com.", 0)]
    [InlineData("root", ".", "a.", 0)]
    [InlineData("same label text at different depths", "a.x.", "x.a.", 0)]
    public void CommonSuffixLabelCount_Pairs_CountsSharedRightmostLabels(string description, string left, string right, int count)
    {
        DnsName a = DnsName.Parse(left);
        DnsName b = DnsName.Parse(right);

        Assert.True(count == a.CommonSuffixLabelCount(b), description);
        Assert.Equal(count, b.CommonSuffixLabelCount(a));
    }

    [Fact]
    public void CommonSuffixLabelCount_MaximumLabels_CountsAll()
    {
        string text = string.Concat(Enumerable.Repeat("a.", DnsName.MaxLabels));
        DnsName name = DnsName.Parse(text);

        Assert.Equal(DnsName.MaxLength, name.WireLength);
        Assert.Equal(DnsName.MaxLabels, name.CommonSuffixLabelCount(DnsName.Parse(text.ToUpperInvariant())));
    }

    [Fact]
    public void GetLabel_Index_ReturnsLabelOctets()
    {
        DnsName name = DnsName.Parse("www.Example.");

        Assert.Equal("www", Encoding.ASCII.GetString(name.GetLabel(0)));
        Assert.Equal("Example", Encoding.ASCII.GetString(name.GetLabel(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => name.GetLabel(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => name.GetLabel(-1));
    }

    [Fact]
    public void WriteCanonicalTo_MixedCase_WritesLowerCase()
    {
        byte[] buffer = new byte[20];

        int length = DnsName.Parse("WwW.EXAMPLE.").WriteCanonicalTo(buffer);

        Assert.Equal("www.example.", DnsName.FromWire(buffer.AsSpan(0, length)).ToString());
    }

    [Fact]
    public void WriteTo_MixedCase_KeepsCase()
    {
        byte[] buffer = new byte[20];

        int length = DnsName.Parse("WwW.EXAMPLE.").WriteTo(buffer);

        Assert.Equal("WwW.EXAMPLE.", DnsName.FromWire(buffer.AsSpan(0, length)).ToString());
    }

    [Theory]
    [InlineData("63-octet label", 63, true)]
    [InlineData("64-octet label", 64, false)]
    [InlineData("empty label", 0, false)]
    public void Prepend_LabelLengths_Accepts1To63(string description, int length, bool valid)
    {
        DnsName parent = DnsName.Parse("example.");
        byte[] label = new byte[length];
        Array.Fill(label, (byte)'x');

        DnsName? name = null;
        Exception? exception = Record.Exception(() => name = parent.Prepend(label));

        Assert.True(valid == (exception is null), $"{description}: {exception?.Message}");
        if (valid)
        {
            Assert.Equal(parent.LabelCount + 1, name!.LabelCount);
            Assert.True(name.IsStrictSubdomainOf(parent));
        }
        else
        {
            Assert.Equal("label", Assert.IsType<ArgumentException>(exception).ParamName);
        }
    }

    [Theory]
    [InlineData("result of exactly 255 octets", 60, true)]
    [InlineData("result of 256 octets", 61, false)]
    public void Prepend_ResultAtAndOverLimit_Accepts255Octets(string description, int lastLabel, bool valid)
    {
        // The parent is 3 × 64 + 1 = 193 octets; a label of n octets adds n + 1.
        DnsName parent = DnsName.Parse($"{Label63}.{Label63}.{Label63}.");
        byte[] label = Encoding.ASCII.GetBytes(new string('b', lastLabel + 1));

        DnsName? name = null;
        Exception? exception = Record.Exception(() => name = parent.Prepend(label));

        Assert.True(valid == (exception is null), $"{description}: {exception?.Message}");
        if (valid)
        {
            Assert.Equal(DnsName.MaxLength, name!.WireLength);
        }
        else
        {
            Assert.Equal("label", Assert.IsType<ArgumentException>(exception).ParamName);
        }
    }

    [Theory]
    [InlineData("parent of 253 octets gives 255", 59, true)]
    [InlineData("parent of 254 octets would give 256", 60, false)]
    public void ToWildcard_AtAndOverLimit_Accepts255Octets(string description, int lastLabel, bool valid)
    {
        // 3 × 64 + (1 + lastLabel) + 1 octets before the two of "*".
        DnsName parent = DnsName.Parse($"{Label63}.{Label63}.{Label63}.{new string('b', lastLabel)}.");

        DnsName? wildcard = null;
        Exception? exception = Record.Exception(() => wildcard = parent.ToWildcard());

        Assert.True(valid == (exception is null), $"{description}: {exception?.Message}");
        if (valid)
        {
            Assert.True(wildcard!.IsWildcard);
            Assert.Equal(DnsName.MaxLength, wildcard.WireLength);
            Assert.Equal(parent, wildcard.Parent);
        }
        else
        {
            Assert.IsType<ArgumentException>(exception);
        }
    }

    [Theory]
    [InlineData("two relative labels", "www.mail.", "example.", "www.mail.example.")]
    [InlineData("root suffix", "www.", ".", "www.")]
    [InlineData("root prefix", ".", "example.", "example.")]
    public void Concat_Names_JoinsLabels(string description, string prefix, string suffix, string expected)
    {
        DnsName name = DnsName.Parse(prefix).Concat(DnsName.Parse(suffix));

        Assert.True(expected == name.ToString(), description);
        Assert.Equal(DnsName.Parse(expected).LabelCount, name.LabelCount);
    }

    [Theory]
    [InlineData("exactly 255 octets", 61, true)]
    [InlineData("256 octets", 62, false)]
    public void Concat_ResultAtAndOverLimit_Accepts255Octets(string description, int lastLabel, bool valid)
    {
        DnsName prefix = DnsName.Parse($"{Label63}.{Label63}.");
        DnsName suffix = DnsName.Parse($"{Label63}.{new string('b', lastLabel)}.");

        DnsName? name = null;
        Exception? exception = Record.Exception(() => name = prefix.Concat(suffix));

        Assert.True(valid == (exception is null), $"{description}: {exception?.Message}");
        if (valid)
        {
            Assert.Equal(DnsName.MaxLength, name!.WireLength);
            Assert.Equal(4, name.LabelCount);
        }
        else
        {
            Assert.Equal("suffix", Assert.IsType<ArgumentException>(exception).ParamName);
        }
    }

    [Fact]
    public void Parse_Label64InMiddle_Fails()
    {
        Assert.False(DnsName.TryParse($"a.{Label64}.b.", out _));
        Assert.True(DnsName.TryParse($"a.{Label63}.b.", out _));
    }
}
