using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

public class KeyTagTests
{
    [Theory]
    [MemberData(nameof(RfcVectors.KeyTags), MemberType = typeof(RfcVectors))]
    public void Compute_RfcExampleKey_IsTheTagTheRfcGives(string section, ushort expected)
    {
        DnsRecord dnskey = RfcVectors.Read(section).Dnskey;

        Assert.Equal(expected, KeyTag.Compute(dnskey));
        Assert.Equal(expected, KeyTag.Compute(dnskey.Data.Span));
    }

    [Theory]
    [MemberData(nameof(RfcVectors.KeyTags), MemberType = typeof(RfcVectors))]
    public void Compute_RfcExampleKey_IsTheTagItsDsAndRrsigName(string section, ushort expected)
    {
        RfcVectors.Example example = RfcVectors.Read(section);

        Assert.All(example.Records.Where(r => r.Type == RecordType.DS), ds => Assert.Equal(expected, DsData.From(ds).KeyTag));
        Assert.All(example.Records.Where(r => r.Type == RecordType.RRSIG), rrsig => Assert.Equal(expected, RrsigData.From(rrsig).KeyTag));
    }

    [Fact]
    public void Compute_OddLength_AddsTheLastOctetAsTheHighHalf()
    {
        // RFC 4034 Appendix B: an odd final octet is summed as if followed by a zero octet.
        // 0x0100 + 0x030D + 0xFF00 = 0x1030D, and the carry folds back in: 0x030D + 1.
        byte[] rdata = [0x01, 0x00, 0x03, 0x0D, 0xFF];

        Assert.Equal(0x030E, KeyTag.Compute(rdata));
    }

    [Fact]
    public void Compute_CarryOutOfSixteenBits_IsFoldedBackIn()
    {
        // RFC 4034 Appendix B: ac += (ac >> 16) & 0xFFFF, then the low 16 bits.
        // 0xFFFF + 0xFFFF + 0x0002 = 0x20000: low half 0, carry 2.
        byte[] rdata = [0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x02];

        Assert.Equal(0x0002, KeyTag.Compute(rdata));
    }

    [Fact]
    public void Compute_RsaMd5_IsTheModulusOctetsBeforeTheLast()
    {
        // RFC 4034 Appendix B.1: for algorithm 1 the tag is the most significant 16 of the least significant 24 bits
        // of the modulus, not the checksum.
        byte[] rdata = [0x01, 0x00, 0x03, (byte)DnssecAlgorithm.RSAMD5, 0x01, 0x03, 0xAB, 0xCD, 0x12, 0x34, 0x56];

        Assert.Equal(0x1234, KeyTag.Compute(rdata));
    }

    [Fact]
    public void Compute_ShorterThanFixedFields_Throws()
    {
        Assert.Throws<ArgumentException>(() => KeyTag.Compute(new byte[] { 1, 0, 3 }));
    }
}
