using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

public class Nsec3HasherTests
{
    [Theory]
    [MemberData(nameof(RfcVectors.Rfc5155AppendixAHashes), MemberType = typeof(RfcVectors))]
    public void Compute_Rfc5155AppendixAName_IsTheListedHash(string name, string expected)
    {
        byte[] hash = Hash(name);

        Assert.Equal(expected, Nsec3Hasher.ToLabel(hash), ignoreCase: true);
    }

    [Theory]
    [MemberData(nameof(RfcVectors.Rfc5155AppendixAHashes), MemberType = typeof(RfcVectors))]
    public void ToLabel_Rfc5155AppendixAHash_MakesTheNsec3OwnerOfTheAppendix(string name, string expected)
    {
        string label = Nsec3Hasher.ToLabel(Hash(name));

        // RFC 5155 §3.3: base32hex without padding, 32 characters for SHA-1; printed upper case as BIND does.
        Assert.Equal(32, label.Length);
        Assert.Equal(expected.ToUpperInvariant(), label);
        Assert.Equal(DnsName.Parse(expected + ".example."), DnsName.Parse(label + ".example."));
    }

    [Fact]
    public void Compute_UpperCaseName_HashesTheCanonicalForm()
    {
        // RFC 5155 §5: the owner name is hashed in canonical form, so case does not matter.
        Assert.Equal(Hash("x.w.example"), Hash("X.W.Example"));
    }

    [Fact]
    public void Compute_ZeroIterationsEmptySalt_IsOneSha1OfTheName()
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(DnsName.Parse("example."), [], 0, hash);

        Assert.Equal(System.Security.Cryptography.SHA1.HashData("\u0007example\0"u8), hash);
    }

    [Fact]
    public void Compute_ShortDestinationOrLongSalt_Throws()
    {
        DnsName name = DnsName.Parse("example.");

        Assert.Throws<ArgumentException>(() => Nsec3Hasher.Compute(name, [], 0, new byte[19]));
        Assert.Throws<ArgumentException>(() => Nsec3Hasher.Compute(name, new byte[256], 0, new byte[20]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Nsec3Hasher.Compute(name, [], -1, new byte[20]));
    }

    private static byte[] Hash(string name)
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(DnsName.Parse(name + "."), RfcVectors.Rfc5155AppendixASalt, RfcVectors.Rfc5155AppendixAIterations, hash);
        return hash;
    }
}
