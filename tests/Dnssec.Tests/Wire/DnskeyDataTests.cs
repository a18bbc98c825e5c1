using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>DNSKEY, CDNSKEY and KEY RDATA through <see cref="DnskeyData"/> (RFC 4034 §2).</summary>
public sealed class DnskeyDataTests
{
    [Theory]
    [InlineData("key-signing key", 257, true, false, true)]
    [InlineData("zone-signing key", 256, true, false, false)]
    [InlineData("revoked key-signing key (RFC 5011)", 385, true, true, true)]
    [InlineData("not a zone key", 0, false, false, false)]
    public void Encode_Flags_ReadBack(string description, int flags, bool zoneKey, bool revoked, bool secureEntryPoint)
    {
        byte[] publicKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(255 - i))];
        byte[] rdata = DnskeyData.Encode((ushort)flags, DnskeyData.DnssecProtocol, DnssecAlgorithm.ED25519, publicKey);

        DnskeyData key = DnskeyData.From(new DnsRecord(DnsName.Parse("example."), RecordType.DNSKEY, RecordClass.IN, 3600, rdata));

        Assert.True(flags == key.Flags, description);
        Assert.Equal((zoneKey, revoked, secureEntryPoint), (key.IsZoneKey, key.IsRevoked, key.IsSecureEntryPoint));
        Assert.Equal(3, key.Protocol);
        Assert.Equal(DnssecAlgorithm.ED25519, key.Algorithm);
        Assert.Equal(publicKey, key.PublicKey.ToArray());
        Assert.Equal(rdata, key.RawData.ToArray());
    }

    [Fact]
    public void Parse_ShorterThanTheFixedFields_Throws()
    {
        Assert.Equal(DnsFormatError.InvalidRecordData, Assert.Throws<DnsFormatException>(() => DnskeyData.Parse(new byte[3])).Error);
        Assert.Empty(DnskeyData.Parse(new byte[4]).PublicKey.ToArray());
    }

    [Theory]
    [InlineData("CDNSKEY", RecordType.CDNSKEY)]
    [InlineData("KEY", RecordType.KEY)]
    public void From_SameLayoutTypes_Read(string description, RecordType type)
    {
        byte[] rdata = DnskeyData.Encode(257, 3, DnssecAlgorithm.ECDSAP256SHA256, [1, 2]);

        DnskeyData key = DnskeyData.From(new DnsRecord(DnsName.Parse("example."), type, RecordClass.IN, 0, rdata));

        Assert.True(key.IsSecureEntryPoint, description);
        Assert.Throws<ArgumentException>("record", () => DnskeyData.From(new DnsRecord(DnsName.Root, RecordType.DS, RecordClass.IN, 0, new byte[4])));
    }
}
