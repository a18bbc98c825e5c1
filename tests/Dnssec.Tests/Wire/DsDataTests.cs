using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>DS, CDS, TA and DLV RDATA through <see cref="DsData"/> (RFC 4034 §5).</summary>
public sealed class DsDataTests
{
    [Theory]
    [InlineData("DS with SHA-256", RecordType.DS, DigestType.SHA256, 32)]
    [InlineData("CDS with SHA-384", RecordType.CDS, DigestType.SHA384, 48)]
    [InlineData("TA above the type table", RecordType.TA, DigestType.SHA1, 20)]
    [InlineData("DLV", RecordType.DLV, DigestType.SHA256, 32)]
    public void Encode_Fields_ReadBack(string description, RecordType type, DigestType digestType, int digestLength)
    {
        byte[] digest = [.. Enumerable.Range(0, digestLength).Select(i => (byte)i)];
        var record = new DnsRecord(DnsName.Parse("example."), type, RecordClass.IN, 3600, DsData.Encode(20326, DnssecAlgorithm.RSASHA256, digestType, digest));

        DsData ds = DsData.From(record);

        Assert.True(ds.KeyTag == 20326, description);
        Assert.Equal(DnssecAlgorithm.RSASHA256, ds.Algorithm);
        Assert.Equal(digestType, ds.DigestType);
        Assert.Equal(digest, ds.Digest.ToArray());
        Assert.Equal(digest, DsData.Parse(record.Data).Digest.ToArray());
    }

    [Fact]
    public void Parse_ShorterThanTheFixedFields_Throws()
    {
        Assert.Equal(DnsFormatError.InvalidRecordData, Assert.Throws<DnsFormatException>(() => DsData.Parse(new byte[3])).Error);
        Assert.Throws<ArgumentException>("record", () => DsData.From(new DnsRecord(DnsName.Root, RecordType.DNSKEY, RecordClass.IN, 0, new byte[4])));
    }

    [Fact]
    public void DnsRecord_TaAndDlvOutsideTheTypeTable_AreChecked()
    {
        Assert.Throws<DnsFormatException>(() => new DnsRecord(DnsName.Root, RecordType.TA, RecordClass.IN, 0, new byte[3]));
        Assert.Throws<DnsFormatException>(() => new DnsRecord(DnsName.Root, RecordType.DLV, RecordClass.IN, 0, new byte[3]));
    }
}
