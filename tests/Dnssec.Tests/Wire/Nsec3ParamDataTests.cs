using Dnssec.Wire;

namespace Dnssec.Tests.Wire;

/// <summary>NSEC3PARAM RDATA through <see cref="Nsec3ParamData"/> (RFC 5155 §4).</summary>
public sealed class Nsec3ParamDataTests
{
    [Theory]
    [InlineData("RFC 5155 appendix A", 12, "aabbccdd")]
    [InlineData("RFC 9276 recommendation", 0, "")]
    public void Encode_Fields_ReadBack(string description, int iterations, string saltHex)
    {
        byte[] salt = Convert.FromHexString(saltHex);
        var record = new DnsRecord(DnsName.Parse("example."), RecordType.NSEC3PARAM, RecordClass.IN, 0, Nsec3ParamData.Encode(1, 0, (ushort)iterations, salt));

        Nsec3ParamData parameters = Nsec3ParamData.From(record);

        Assert.True(iterations == parameters.Iterations, description);
        Assert.Equal(1, parameters.HashAlgorithm);
        Assert.Equal(0, parameters.Flags);
        Assert.Equal(salt, parameters.Salt.ToArray());
    }

    [Fact]
    public void From_OtherType_Throws()
    {
        Assert.Throws<ArgumentException>("record", () => Nsec3ParamData.From(new DnsRecord(DnsName.Root, RecordType.A, RecordClass.IN, 0, new byte[4])));
    }
}
