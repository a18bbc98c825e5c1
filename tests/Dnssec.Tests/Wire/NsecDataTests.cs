using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>NSEC RDATA through <see cref="NsecData"/> (RFC 4034 §4).</summary>
public sealed class NsecDataTests
{
    [Fact]
    public void Encode_Rfc4034Section43Example_WritesTheRfcOctets()
    {
        // RFC 4034 §4.3: alfa.example.com. 86400 IN NSEC host.example.com. A MX RRSIG NSEC TYPE1234
        byte[] rdata = NsecData.Encode(DnsName.Parse("host.example.com."), [RecordType.A, RecordType.MX, RecordType.RRSIG, RecordType.NSEC, (RecordType)1234]);

        string expected = "04686f7374076578616d706c6503636f6d00"
            + "0006400100000003"
            + "041b" + string.Concat(Enumerable.Repeat("00", 26)) + "20";
        Assert.Equal(expected, Convert.ToHexString(rdata).ToLowerInvariant());

        NsecData nsec = NsecData.From(new DnsRecord(DnsName.Parse("alfa.example.com."), RecordType.NSEC, RecordClass.IN, 86400, rdata));
        Assert.Equal("host.example.com.", nsec.NextDomainName.ToString());
        Assert.Equal([RecordType.A, RecordType.MX, RecordType.RRSIG, RecordType.NSEC, (RecordType)1234], nsec.Types.ToList());
    }

    [Fact]
    public void Encode_NoTypes_HasAnEmptyBitmap()
    {
        byte[] rdata = NsecData.Encode(DnsName.Parse("Next.example."), []);

        NsecData nsec = NsecData.From(new DnsRecord(DnsName.Parse("example."), RecordType.NSEC, RecordClass.IN, 0, rdata));

        Assert.Equal("Next.example.", nsec.NextDomainName.ToString());
        Assert.Empty(nsec.Types.ToList());
        Assert.True(nsec.Types.RawData.IsEmpty);
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        Assert.Throws<ArgumentException>("record", () => NsecData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
