using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

public class DsDigestTests
{
    [Theory]
    [MemberData(nameof(RfcVectors.WithDs), MemberType = typeof(RfcVectors))]
    public void CreateDs_RfcExampleKey_IsTheRfcDs(string section)
    {
        RfcVectors.Example example = RfcVectors.Read(section);
        DsData expected = DsData.From(example.Ds);

        DnsRecord ds = DsDigest.CreateDs(example.Dnskey, expected.DigestType, example.Ds.Ttl);

        Assert.Equal(example.Ds.Owner, ds.Owner);
        Assert.Equal(example.Ds.Ttl, ds.Ttl);
        Assert.Equal(Convert.ToHexString(example.Ds.Data.Span), Convert.ToHexString(ds.Data.Span));
    }

    [Theory]
    [MemberData(nameof(RfcVectors.WithDs), MemberType = typeof(RfcVectors))]
    public void Matches_RfcExampleDs_IsTrueForItsKeyOnly(string section)
    {
        RfcVectors.Example example = RfcVectors.Read(section);
        DsData ds = DsData.From(example.Ds);
        byte[] otherKey = example.Dnskey.Data.ToArray();
        otherKey[^1] ^= 0x01;

        Assert.True(DsDigest.Matches(ds, example.Dnskey.Owner, example.Dnskey.Data.Span));
        Assert.False(DsDigest.Matches(ds, example.Dnskey.Owner.Prepend("x"u8), example.Dnskey.Data.Span));
        Assert.False(DsDigest.Matches(ds, example.Dnskey.Owner, otherKey));
    }

    [Fact]
    public void Matches_OwnerInAnotherCase_IsTrue()
    {
        // RFC 4034 §5.1.4: the owner is digested in canonical form, so the case it arrives in does not matter.
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc4034Section5_4));

        Assert.True(DsDigest.Matches(DsData.From(example.Ds), DnsName.Parse("DSKEY.Example.COM."), example.Dnskey.Data.Span));
    }

    [Fact]
    public void Matches_DigestWithOneBitChanged_IsFalse()
    {
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc4509Section2_3));
        byte[] data = example.Ds.Data.ToArray();
        data[^1] ^= 0x80;

        Assert.False(DsDigest.Matches(DsData.Parse(data), example.Dnskey.Owner, example.Dnskey.Data.Span));
    }

    [Theory]
    [InlineData("GOST R 34.11-94, which RFC 8624 says not to use", 3)]
    [InlineData("unassigned digest type", 200)]
    public void CreateDs_DigestTypeNotImplemented_Throws(string description, byte digestType)
    {
        Assert.NotNull(description);
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc4034Section5_4));
        byte[] ds = DsData.Encode(60485, DnssecAlgorithm.RSASHA1, (DigestType)digestType, new byte[32]);

        Assert.Equal(0, DsDigest.GetLength((DigestType)digestType));
        Assert.Throws<ArgumentException>(() => DsDigest.CreateDs(example.Dnskey, (DigestType)digestType));
        Assert.False(DsDigest.Matches(DsData.Parse(ds), example.Dnskey.Owner, example.Dnskey.Data.Span));
    }

    [Fact]
    public void CreateDs_NotADnskey_Throws()
    {
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc4034Section5_4));

        Assert.Throws<ArgumentException>(() => DsDigest.CreateDs(example.Ds, DigestType.SHA256));
    }

    /// <summary>The DS records make-signed-zones.sh had the tool print for each zone's key-signing key.</summary>
    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void CreateDs_FixtureKsk_EqualsWhatTheSigningToolPrinted(string name)
    {
        ToolSignedZone zone = ToolSignedZone.Get(name);
        IReadOnlyList<DnsRecord> printed = zone.ParentDs;

        Assert.Equal([DigestType.SHA1, DigestType.SHA256, DigestType.SHA384], printed.Select(ds => DsData.From(ds).DigestType));
        foreach (DnsRecord expected in printed)
        {
            DsData fields = DsData.From(expected);
            DnsRecord key = zone.Keys.Single(k => KeyTag.Compute(k) == fields.KeyTag);
            DnsRecord ds = DsDigest.CreateDs(key, fields.DigestType, expected.Ttl);
            Assert.Equal(expected.Owner, ds.Owner);
            Assert.Equal(RecordTextFormatter.FormatData(expected), RecordTextFormatter.FormatData(ds));
            Assert.Equal(expected.Data.ToArray(), ds.Data.ToArray());
        }
    }

    /// <summary>RFC 4509 §3 and RFC 6605 §5: BIND's own dnssec-dsfromkey, run now, over every key of every fixture zone.</summary>
    [Trait("Category", "Interop")]
    [Theory]
    [MemberData(nameof(ToolSignedZone.All), MemberType = typeof(ToolSignedZone))]
    public void CreateDs_EveryFixtureKey_EqualsDnssecDsfromkey(string name)
    {
        ToolSignedZone zone = ToolSignedZone.Get(name);
        ExternalTool.Result result = ExternalTool.Run(
            "dnssec-dsfromkey", ["-A", "-T", "3600", "-a", "SHA-1", "-a", "SHA-256", "-a", "SHA-384", "-f", zone.ZonePath, "example."]);
        Assert.True(result.ExitCode == 0, result.Combined);
        List<DnsRecord> bind = ZoneFileReader.Parse(result.Output, "dnssec-dsfromkey").ToList();

        var ours = new List<DnsRecord>();
        foreach (DnsRecord key in zone.Keys)
        {
            foreach (DigestType digest in new[] { DigestType.SHA1, DigestType.SHA256, DigestType.SHA384 })
            {
                ours.Add(DsDigest.CreateDs(key, digest));
            }
        }

        Assert.Equal(2 * 3, bind.Count);
        Assert.Equal(
            bind.Select(RecordTextFormatter.Format).Order(StringComparer.Ordinal),
            ours.Select(RecordTextFormatter.Format).Order(StringComparer.Ordinal));
    }
}
