using System.Globalization;
using System.Security.Cryptography;
using System.Xml.Linq;

namespace Dnssec.Tests.TrustAnchors;

/// <summary>Checks the shipped root anchors and hints against the values IANA and InterNIC publish, so a damaged copy fails.</summary>
public class TrustAnchorFilesTests
{
    [Theory]
    [InlineData("KSK-2017", 20326, "2017-02-02T00:00:00+00:00", "E06D44B80B8F1D39A95C0B0D7C65D08458E880409BBC683457104237C7F8EC8D")]
    [InlineData("KSK-2024", 38696, "2024-07-18T00:00:00+00:00", "683D2D0ACB8C9B712A1948B27F741219298D0A450D612C483AF444A4C0FB2B16")]
    public void RootAnchors_Key_MatchesIanaDigestAndKeyTag(string description, int keyTag, string validFrom, string digest)
    {
        XDocument document = XDocument.Load(RepositoryPaths.Combine("trust-anchors", "root-anchors.xml"));
        Assert.Equal(".", document.Root!.Element("Zone")!.Value);
        XElement key = document.Root.Elements("KeyDigest").Single(k => k.Element("KeyTag")!.Value == keyTag.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(DateTimeOffset.Parse(validFrom, CultureInfo.InvariantCulture), DateTimeOffset.Parse(key.Attribute("validFrom")!.Value, CultureInfo.InvariantCulture));
        Assert.Equal("8", key.Element("Algorithm")!.Value);
        Assert.Equal("2", key.Element("DigestType")!.Value);
        Assert.Equal(digest, key.Element("Digest")!.Value);

        // RFC 4034 §5.1.4: the digest is over the owner name and the DNSKEY RDATA.
        byte[] publicKey = Convert.FromBase64String(key.Element("PublicKey")!.Value);
        ushort flags = ushort.Parse(key.Element("Flags")!.Value, CultureInfo.InvariantCulture);
        byte[] rdata = [(byte)(flags >> 8), (byte)flags, 3, 8, .. publicKey];
        Assert.Equal(digest, Convert.ToHexString(SHA256.HashData([0, .. rdata])));
        Assert.True(ComputeKeyTag(rdata) == keyTag, $"{description} key tag");
    }

    [Fact]
    public void RootHints_ListsThirteenRootServersWithBothAddresses()
    {
        string[] lines = File.ReadAllLines(RepositoryPaths.Combine("trust-anchors", "named.root"));
        var servers = lines.Where(l => !l.StartsWith(';') && l.Contains(" NS ", StringComparison.Ordinal)).ToList();
        Assert.Equal(13, servers.Count);
        foreach (char letter in "ABCDEFGHIJKLM")
        {
            string host = $"{letter}.ROOT-SERVERS.NET.";
            Assert.Contains(lines, l => l.StartsWith(host, StringComparison.Ordinal) && l.Contains(" A ", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith(host, StringComparison.Ordinal) && l.Contains(" AAAA ", StringComparison.Ordinal));
        }
    }

    /// <summary>RFC 4034 Appendix B, written out independently of the library so the test does not trust what it checks.</summary>
    private static int ComputeKeyTag(byte[] rdata)
    {
        long sum = 0;
        for (int i = 0; i < rdata.Length; i++)
        {
            sum += (i & 1) == 0 ? rdata[i] << 8 : rdata[i];
        }

        sum += (sum >> 16) & 0xFFFF;
        return (int)(sum & 0xFFFF);
    }
}
