using Dnssec.Crypto;
using Dnssec.Validation;
using Dnssec.Wire;
using static Dnssec.Tests.Validation.DenialRecords;

namespace Dnssec.Tests.Validation;

/// <summary>The rules the validator applies alike everywhere: the deepest signer, usable DS records, the denial prover for a chain.</summary>
public class ValidationRulesTests
{
    [Fact]
    public void DeepestSigner_SeveralAncestors_TakesTheDeepestAndIgnoresOthers()
    {
        DnsRecord[] signatures = [Rrsig("www.example.test.", "test."), Rrsig("www.example.test.", "other.test."), Rrsig("www.example.test.", "example.test.")];

        DnsName? signer = ValidationRules.DeepestSigner(Name("www.example.test."), signatures);

        Assert.Equal(Name("example.test."), signer);
    }

    [Fact]
    public void DeepestSigner_NoAncestor_IsNull()
    {
        Assert.Null(ValidationRules.DeepestSigner(Name("www.example.test."), [Rrsig("www.example.test.", "other.test.")]));
    }

    [Fact]
    public void DeepestSigner_AcrossRRsets_KeepsTheDeepestSoFar()
    {
        DnsName? first = ValidationRules.DeepestSigner(Name("a.b.example.test."), [Rrsig("b.example.test.", "b.example.test.")]);

        DnsName? second = ValidationRules.DeepestSigner(Name("a.b.example.test."), [Rrsig("example.test.", "example.test.")], first);

        Assert.Equal(Name("b.example.test."), second);
    }

    [Fact]
    public void UsableDelegationSigners_Sha1BesideSha256_KeepsOnlySha256()
    {
        DnsRecord sha1 = Ds(DigestType.SHA1, 20);
        DnsRecord sha256 = Ds(DigestType.SHA256, 32);

        List<DnsRecord> usable = ValidationRules.UsableDelegationSigners([sha1, sha256], AlgorithmPolicy.Default);

        Assert.Equal([sha256], usable);
    }

    [Fact]
    public void UsableDelegationSigners_OnlySha1_KeepsIt()
    {
        DnsRecord sha1 = Ds(DigestType.SHA1, 20);

        Assert.Equal([sha1], ValidationRules.UsableDelegationSigners([sha1], AlgorithmPolicy.Default));
    }

    [Theory]
    [InlineData(1, 0, false, typeof(NsecProver))]
    [InlineData(1, 1, false, typeof(NsecProver))]
    [InlineData(0, 1, true, typeof(Nsec3Prover))]
    [InlineData(0, 0, true, typeof(NsecProver))]
    [InlineData(0, 0, false, typeof(Nsec3Prover))]
    public void DenialProverFor_RecordsPresent_ChoosesTheirChain(int nsecCount, int nsec3Count, bool nsecWhenNeither, Type expected)
    {
        List<DnsRRset> nsecs = [.. Enumerable.Repeat(Nsec("a.example.", "c.example.", "A"), nsecCount)];
        List<DnsRRset> nsec3s = [.. Enumerable.Repeat(Nsec3(HashLabel("a.example.") + ".example.", HashLabel("c.example."), "A"), nsec3Count)];

        IDenialProver prover = IDenialProver.For(nsecs, nsec3s, nsecWhenNeither, AlgorithmPolicy.Default, Budget());

        Assert.IsType(expected, prover);
    }

    private static DnsRecord Rrsig(string owner, string signer) =>
        new(Name(owner), RecordType.RRSIG, RecordClass.IN, 3600,
            RrsigData.Encode(RecordType.A, DnssecAlgorithm.ECDSAP256SHA256, (byte)Name(owner).LabelCount, 3600, 2_000_000_000, 1_000_000_000, 1, Name(signer), new byte[64]));

    private static DnsRecord Ds(DigestType digestType, int digestLength) =>
        new(Name("example.test."), RecordType.DS, RecordClass.IN, 3600, DsData.Encode(1, DnssecAlgorithm.ECDSAP256SHA256, digestType, new byte[digestLength]));
}
