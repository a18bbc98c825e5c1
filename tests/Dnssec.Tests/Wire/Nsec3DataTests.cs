using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>NSEC3 and NSEC3PARAM RDATA through <see cref="Nsec3Data"/> (RFC 5155 §3).</summary>
public sealed class Nsec3DataTests
{
    [Theory]
    [InlineData("RFC 5155 appendix A parameters", 12, 4, 0, false)]
    [InlineData("opt-out, no salt, no iterations (RFC 9276)", 0, 0, 1, true)]
    [InlineData("unknown flag bits kept, longest salt", 65535, 255, 0xFE, false)]
    public void Encode_Fields_ReadBack(string description, int iterations, int saltLength, int flags, bool optOut)
    {
        byte[] salt = [.. Enumerable.Range(0, saltLength).Select(i => (byte)(0xAA + i))];
        byte[] hash = [.. Enumerable.Range(0, 20).Select(i => (byte)(i * 7))];
        RecordType[] types = [RecordType.NS, RecordType.SOA, RecordType.RRSIG, RecordType.DNSKEY, RecordType.NSEC3PARAM];
        var record = new DnsRecord(DnsName.Parse("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example."), RecordType.NSEC3, RecordClass.IN, 3600,
            Nsec3Data.Encode(1, (byte)flags, (ushort)iterations, salt, hash, types));

        Nsec3Data nsec3 = Nsec3Data.From(record);

        Assert.True(optOut == nsec3.IsOptOut, description);
        Assert.Equal(1, nsec3.HashAlgorithm);
        Assert.Equal(flags, nsec3.Flags);
        Assert.Equal(iterations, nsec3.Iterations);
        Assert.Equal(salt, nsec3.Salt.ToArray());
        Assert.Equal(hash, nsec3.NextHashedOwnerName.ToArray());
        Assert.Equal(types, nsec3.Types.ToList());
        Assert.True(nsec3.Types.Contains(RecordType.SOA));
        Assert.False(nsec3.Types.Contains(RecordType.A));
    }

    [Fact]
    public void Encode_EmptyHash_IsRejectedAsRecordData()
    {
        byte[] rdata = Nsec3Data.Encode(1, 0, 0, [], [], []);

        DnsFormatException exception = Assert.Throws<DnsFormatException>(() => new DnsRecord(DnsName.Root, RecordType.NSEC3, RecordClass.IN, 0, rdata));

        Assert.Equal(DnsFormatError.InvalidRecordData, exception.Error);
        Assert.Equal(5, exception.Offset);
    }

    [Fact]
    public void Encode_SaltOver255Octets_Throws()
    {
        Assert.Throws<ArgumentException>(() => Nsec3Data.Encode(1, 0, 0, new byte[256], [1], []));
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        Assert.Throws<ArgumentException>("record", () => Nsec3Data.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
