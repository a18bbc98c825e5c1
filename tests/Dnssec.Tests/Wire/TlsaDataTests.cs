using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>TLSA and SMIMEA RDATA through <see cref="TlsaData"/> (RFC 6698 §2.1).</summary>
public sealed class TlsaDataTests
{
    [Theory]
    [InlineData("DANE-EE SPKI SHA2-256", RecordType.TLSA, 3, 1, 1, 32)]
    [InlineData("DANE-TA full certificate exact", RecordType.TLSA, 2, 0, 0, 300)]
    [InlineData("PKIX-EE SHA2-512 as SMIMEA", RecordType.SMIMEA, 1, 1, 2, 64)]
    public void Encode_Fields_ReadBack(string description, RecordType type, int usage, int selector, int matching, int length)
    {
        byte[] association = [.. Enumerable.Range(0, length).Select(i => (byte)(i * 3))];
        var record = new DnsRecord(DnsName.Parse("_25._tcp.mail.example."), type, RecordClass.IN, 60, TlsaData.Encode((byte)usage, (byte)selector, (byte)matching, association));

        TlsaData tlsa = TlsaData.From(record);

        Assert.True((usage, selector, matching) == (tlsa.CertificateUsage, tlsa.Selector, tlsa.MatchingType), description);
        Assert.Equal(association, tlsa.AssociationData.ToArray());
        Assert.Equal(association, TlsaData.Parse(record.Data).AssociationData.ToArray());
    }

    [Fact]
    public void Parse_ShorterThanTheFixedFields_Throws()
    {
        Assert.Equal(DnsFormatError.InvalidRecordData, Assert.Throws<DnsFormatException>(() => TlsaData.Parse(new byte[2])).Error);
        Assert.Throws<ArgumentException>("record", () => TlsaData.From(new DnsRecord(DnsName.Root, RecordType.DS, RecordClass.IN, 0, new byte[4])));
    }
}
