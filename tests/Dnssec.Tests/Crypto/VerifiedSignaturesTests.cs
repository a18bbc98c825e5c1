using Dnssec.Crypto;

namespace Dnssec.Tests.Crypto;

/// <summary>The memo of verified signatures: digests that tell key, data and signature apart, and a bound that never empties it at once.</summary>
public sealed class VerifiedSignaturesTests
{
    [Fact]
    public void Digest_SameOctetsSplitOtherwiseBetweenKeyAndSignature_Differs()
    {
        byte[] data = [1, 2, 3];

        VerifiedSignatures.SignatureDigest a = VerifiedSignatures.Digest([10, 11], data, [12, 13]);
        VerifiedSignatures.SignatureDigest b = VerifiedSignatures.Digest([10], data, [11, 12, 13]);

        Assert.NotEqual(a, b);
        Assert.Equal(a, VerifiedSignatures.Digest([10, 11], data, [12, 13]));
    }

    [Fact]
    public void Digest_LargeSignedData_Digested()
    {
        byte[] large = new byte[70_000];
        byte[] key = new byte[3_000];

        Assert.NotEqual(VerifiedSignatures.Digest(key, large, [1]), VerifiedSignatures.Digest(key, large, [2]));
    }

    [Fact]
    public void Add_PastTheCapacity_KeptWithinItAndTheNewestRemembered()
    {
        var memo = new VerifiedSignatures(capacity: 100);
        var digests = Enumerable.Range(0, 1_000).Select(i => VerifiedSignatures.Digest([(byte)(i >> 8), (byte)i], [], [])).ToList();

        foreach (VerifiedSignatures.SignatureDigest digest in digests)
        {
            memo.Add(digest);
            Assert.InRange(memo.Count, 1, 100);
        }

        Assert.True(memo.Contains(digests[^1]));
        Assert.True(memo.Contains(digests[^50]));
        Assert.False(memo.Contains(digests[0]));
    }
}
