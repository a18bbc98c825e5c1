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

    [Theory]
    [MemberData(nameof(RfcVectors.Rfc5155AppendixAHashes), MemberType = typeof(RfcVectors))]
    public void TryDecodeLabel_Rfc5155AppendixAOwner_GivesTheHash(string name, string expected)
    {
        bool decoded = Nsec3Hasher.TryDecodeLabel(System.Text.Encoding.ASCII.GetBytes(expected), out byte[]? hash);

        Assert.True(decoded);
        Assert.Equal(Hash(name), hash);
    }

    [Theory]
    [InlineData("not-base32hex", "a hyphen is no base32hex digit")]
    [InlineData("w", "one digit holds too few bits for an octet")]
    public void TryDecodeLabel_NotAHash_IsFalse(string label, string why)
    {
        Assert.False(Nsec3Hasher.TryDecodeLabel(System.Text.Encoding.ASCII.GetBytes(label), out _), why);
    }

    [Theory]
    [InlineData(0x10, 0x30, 0x20, true, "between owner and next")]
    [InlineData(0x10, 0x30, 0x10, false, "the owner's own hash is matched, not covered")]
    [InlineData(0x10, 0x30, 0x30, false, "the next hash is not covered")]
    [InlineData(0x10, 0x30, 0x40, false, "after the next hash")]
    [InlineData(0x30, 0x10, 0x40, true, "the last record wraps: after its owner")]
    [InlineData(0x30, 0x10, 0x05, true, "the last record wraps: before the first")]
    [InlineData(0x30, 0x10, 0x20, false, "the last record wraps, but not over the middle")]
    [InlineData(0x20, 0x20, 0x05, true, "a chain of one record covers every other hash")]
    [InlineData(0x20, 0x20, 0x20, false, "a chain of one record does not cover its own hash")]
    public void Covers_Hash_FollowsRfc5155Section1_3(byte owner, byte next, byte hash, bool expected, string why)
    {
        Assert.True(expected == Nsec3Hasher.Covers(Filled(owner), Filled(next), Filled(hash)), why);
    }

    private static byte[] Filled(byte value) => Enumerable.Repeat(value, Nsec3Hasher.HashLength).ToArray();

    private static byte[] Hash(string name)
    {
        byte[] hash = new byte[Nsec3Hasher.HashLength];
        Nsec3Hasher.Compute(DnsName.Parse(name + "."), RfcVectors.Rfc5155AppendixASalt, RfcVectors.Rfc5155AppendixAIterations, hash);
        return hash;
    }
}
