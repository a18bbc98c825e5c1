using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Tests.TrustAnchors;

public class TrustAnchorFileTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Load_RootAnchorsXml_ReturnsTheValidDsRecords()
    {
        IReadOnlyList<DnsRecord> anchors = TrustAnchorFile.Load(RepositoryPaths.Combine("trust-anchors", "root-anchors.xml"), Now);

        Assert.Equal([20326, 38696], anchors.Select(r => (int)DsData.From(r).KeyTag).Order());
        Assert.All(anchors, r => Assert.True(r.Owner.IsRoot));
    }

    [Fact]
    public void ParseRootAnchorsXml_PublicKeys_DigestToTheirDs()
    {
        IReadOnlyList<RootAnchorKey> keys = TrustAnchorFile.ParseRootAnchorsXml(File.ReadAllText(RepositoryPaths.Combine("trust-anchors", "root-anchors.xml")), "root-anchors.xml");

        Assert.All(keys, key => Assert.True(Dnssec.Crypto.DsDigest.Matches(DsData.From(key.Ds), DnsName.Root, key.Dnskey!.Data.Span)));
    }

    [Fact]
    public void Load_ZoneFileLinesWithoutTtl_ReadsDsAndDnskey()
    {
        string file = Write("example. IN DS 12345 13 2 " + new string('A', 64) + "\nexample. IN DNSKEY 257 3 13 " + Convert.ToBase64String(new byte[64]) + "\n");

        IReadOnlyList<DnsRecord> anchors = TrustAnchorFile.Load(file, Now);

        Assert.Equal([RecordType.DS, RecordType.DNSKEY], anchors.Select(r => r.Type));
    }

    [Theory]
    [InlineData("a record that is no anchor", "example. IN A 192.0.2.1\n", "is not a trust anchor")]
    [InlineData("an empty file", "; nothing\n", "no DS or DNSKEY records")]
    [InlineData("a malformed DS", "example. IN DS 1 13 2 XYZ\n", ":1:")]
    [InlineData("XML without a Zone", "<TrustAnchor><KeyDigest validFrom=\"2020-01-01T00:00:00Z\"/></TrustAnchor>", "has no Zone")]
    [InlineData("XML with a bad digest", "<TrustAnchor><Zone>.</Zone><KeyDigest validFrom=\"2020-01-01T00:00:00Z\"><KeyTag>1</KeyTag><Algorithm>8</Algorithm><DigestType>2</DigestType><Digest>ZZ</Digest></KeyDigest></TrustAnchor>", "not hexadecimal")]
    [InlineData("XML cut short", "<TrustAnchor><Zone>.</Zone>", "")]
    public void Load_MalformedFile_ThrowsFormatExceptionNamingTheProblem(string description, string content, string expected)
    {
        string file = Write(content);

        FormatException exception = Assert.ThrowsAny<FormatException>(() => TrustAnchorFile.Load(file, Now));

        Assert.True(exception.Message.Contains(expected, StringComparison.Ordinal) && exception.Message.Contains(Path.GetFileName(file), StringComparison.Ordinal), $"{description}: {exception.Message}");
    }

    private static string Write(string content)
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("anchors-").FullName, "anchors.txt");
        File.WriteAllText(file, content);
        return file;
    }
}
