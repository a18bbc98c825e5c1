using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>
/// Internationalised names (RFC 5890, UTS #46 case mapping) become A-labels under invariant globalisation, bad labels
/// are named in the error, and ASCII names, underscores included, are read exactly as <see cref="DnsName.Parse(string)"/> reads them.
/// </summary>
public class DnsNameInternationalTests
{
    [Theory]
    [InlineData("bücher.example.", "xn--bcher-kva.example.", "German")]
    [InlineData("bücher.example", "xn--bcher-kva.example.", "no final dot: absolute")]
    [InlineData("BÜCHER.example.", "xn--bcher-kva.example.", "upper case is mapped to lower case before encoding")]
    [InlineData("日本語.jp", "xn--wgv71a119e.jp.", "Japanese")]
    [InlineData("www.bücher。example", "www.xn--bcher-kva.example.", "an ideographic full stop separates labels")]
    [InlineData("faß.de", "xn--fa-hia.de.", "IDNA2008 keeps ß (no transitional mapping to ss)")]
    [InlineData("_25._tcp.bücher.example.", "_25._tcp.xn--bcher-kva.example.", "ASCII labels beside a U-label keep their underscores")]
    [InlineData("a\\.b.bücher.example.", "a\\.b.xn--bcher-kva.example.", "an escaped dot in an ASCII label is not a separator")]
    public void ParseInternational_ULabels_BecomeALabels(string text, string expected, string description)
    {
        DnsName name = DnsName.ParseInternational(text);

        Assert.True(string.Equals(expected, name.ToString(), StringComparison.OrdinalIgnoreCase), $"{description}: {name}");
    }

    [Theory]
    [InlineData("xn--bcher-kva.example.")]
    [InlineData("_25._tcp.Mail.Example.")]
    [InlineData("_dmarc.example")]
    [InlineData("odd\\032label.example.")]
    [InlineData(".")]
    public void ParseInternational_Ascii_ExactlyAsParse(string text)
    {
        DnsName name = DnsName.ParseInternational(text);

        Assert.Equal(DnsName.Parse(text).ToString(), name.ToString());
    }

    [Theory]
    [InlineData("bü_cher.example.", "'bü_cher'", "U+005F")]
    [InlineData("☃.example.", "'☃'", "not a letter, digit or combining mark")]
    [InlineData("a\u200Db\u00fc.example.", "U+200D", "not a letter, digit or combining mark")]
    [InlineData("\u0308bücher.example.", "U+0308", "combining mark and cannot start a label")]
    [InlineData("bü\uFFFFcher.example.", "U+FFFF", "not assigned")]
    [InlineData("ｂücher.example.", "U+FF42", "full-width")]
    [InlineData("bü-.example.", "'bü-'", "hyphen")]
    [InlineData("bü..example.", "empty label", "empty label")]
    public void TryParseInternational_InvalidLabel_ErrorNamesIt(string text, string named, string why)
    {
        Assert.False(DnsName.TryParseInternational(text, out DnsName? name, out string? error));

        Assert.Null(name);
        Assert.Contains(named, error, StringComparison.Ordinal);
        Assert.Contains(why, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseInternational_LoneSurrogate_ErrorNamesIt()
    {
        // Built here: attribute arguments cannot hold a lone surrogate (the compiler stores U+FFFD instead).
        string label = "b" + (char)0xD800 + "ücher";

        Assert.False(DnsName.TryParseInternational(label + ".example.", out _, out string? error));

        Assert.Contains($"label '{label}' is not valid UTF-16 at character 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseInternational_LabelTooLongAfterConversion_FormatExceptionNamesTheLabel()
    {
        // 60 characters are within the label limit as typed, but their A-label is far longer than 63 octets.
        string label = new('ü', 60);

        FormatException error = Assert.Throws<FormatException>(() => DnsName.ParseInternational(label + ".example."));

        Assert.Contains($"label '{label}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("63 octets", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ParseInternational_NameTooLongAfterConversion_FormatException()
    {
        string text = string.Join('.', Enumerable.Repeat("bücherbücherbücher", 14)) + ".";

        FormatException error = Assert.Throws<FormatException>(() => DnsName.ParseInternational(text));

        Assert.Contains("255", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParseInternational_Null_False()
    {
        Assert.False(DnsName.TryParseInternational(null, out _, out string? error));
        Assert.NotEmpty(error);
    }

    [Fact]
    public async Task ResolveAsync_NameInULabels_ResolvedThroughItsALabelAndSecure()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("xn--bcher-kva.test.", z => z.Records = "www A 192.0.2.80");
        hierarchy.Build();
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));

        DnssecAnswer answer = await resolver.ResolveAsync("www.Bücher.test", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        DnsRecord record = Assert.Single(answer.Records);
        Assert.Equal("www.xn--bcher-kva.test.", record.Owner.ToString());
        Assert.Equal(IPAddress.Parse("192.0.2.80"), AddressData.From(record).Address);
    }
}
