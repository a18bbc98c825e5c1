using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

/// <summary>The signatures of RFC 5702 §6, RFC 6605 §6 and RFC 8080 §6 (erratum 4935), each at a time inside its validity.</summary>
public partial class RrsetVerifierTests
{
    [Theory]
    [MemberData(nameof(RfcVectors.WithSignature), MemberType = typeof(RfcVectors))]
    public void Verify_RfcExampleAtPinnedTime_IsValid(string section, DateTimeOffset now)
    {
        RfcVectors.Example example = RfcVectors.Read(section);

        SignatureCheck check = Verifier(now: now).Verify(example.SignedRRset, example.Rrsig, example.Dnskey);

        Assert.True(check.IsValid, check.Reason);
        Assert.Same(example.Dnskey, check.Key);
    }

    [Theory]
    [MemberData(nameof(RfcVectors.WithSignature), MemberType = typeof(RfcVectors))]
    public void Verify_RfcExampleWithASignatureBitFlipped_FailsInvalidSignature(string section, DateTimeOffset now)
    {
        RfcVectors.Example example = RfcVectors.Read(section);
        string rrset = $"{example.Rrsig.Owner} {RrsigData.From(example.Rrsig).TypeCovered}";

        SignatureCheck first = Verifier(now: now).Verify(example.SignedRRset, TestSignatures.FlipData(example.Rrsig, -1), example.Dnskey);
        SignatureCheck middle = Verifier(now: now).Verify(example.SignedRRset, TestSignatures.FlipData(example.Rrsig, -20, 0x80), example.Dnskey);

        AssertFails(first, SignatureFailure.InvalidSignature, rrset, "does not verify");
        AssertFails(middle, SignatureFailure.InvalidSignature, rrset, "does not verify");
    }

    [Theory]
    [MemberData(nameof(RfcVectors.WithSignature), MemberType = typeof(RfcVectors))]
    public void Verify_RfcExampleOutsideItsValidityWithoutSkew_IsExpiredOrNotYetValid(string section, DateTimeOffset now)
    {
        RfcVectors.Example example = RfcVectors.Read(section);
        RrsigData fields = RrsigData.From(example.Rrsig);
        DateTimeOffset inception = DateTimeOffset.FromUnixTimeSeconds(fields.SignatureInception);
        DateTimeOffset expiration = DateTimeOffset.FromUnixTimeSeconds(fields.SignatureExpiration);
        Assert.InRange(now, inception, expiration);

        SignatureCheck atInception = Exact(inception).Verify(example.SignedRRset, example.Rrsig, example.Dnskey);
        SignatureCheck atExpiration = Exact(expiration).Verify(example.SignedRRset, example.Rrsig, example.Dnskey);
        SignatureCheck before = Exact(inception.AddSeconds(-1)).Verify(example.SignedRRset, example.Rrsig, example.Dnskey);
        SignatureCheck after = Exact(expiration.AddSeconds(1)).Verify(example.SignedRRset, example.Rrsig, example.Dnskey);

        // RFC 4035 §5.3.1: valid from inception to expiration, both included.
        Assert.True(atInception.IsValid, atInception.Reason);
        Assert.True(atExpiration.IsValid, atExpiration.Reason);
        Assert.Equal(SignatureFailure.NotYetValid, before.Failure);
        Assert.Equal(SignatureFailure.Expired, after.Failure);

        static RrsetVerifier Exact(DateTimeOffset time) =>
            new(new VerifierCache(), new FakeTimeProvider(time)) { MinimumClockSkew = TimeSpan.Zero, MaximumClockSkew = TimeSpan.Zero };
    }

    [Fact]
    public void Verify_Rfc8080ExampleAsPublished_FailsLabelsMismatch()
    {
        // RFC 8080 erratum 4935: the published RRSIGs say labels 3 for example.com., which has 2 (RFC 4034 §3.1.3
        // does not count the root). A validator must refuse them (RFC 4035 §5.3.1); the erratum's records verify.
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc8080Section6_1Example1));
        DnsRecord published = RfcVectors.Read(nameof(RfcVectors.Rfc8080Section6_1Example1AsPublished)).Rrsig;

        SignatureCheck check = Verifier(now: new DateTimeOffset(2015, 8, 1, 0, 0, 0, TimeSpan.Zero)).Verify(example.SignedRRset, published, example.Dnskey);

        AssertFails(check, SignatureFailure.LabelsMismatch, "example.com. MX", "labels 3", "owner's 2");

        // The published signature itself is a good Ed25519 signature over its own fields (labels 3 included, owner
        // example.com. as is): the fault is the labels value, which the labels rule catches before any cryptography.
        RrsigData fields = RrsigData.From(published);
        DnskeyVerifier key = DnskeyVerifier.Create(DnssecAlgorithm.ED25519, DnskeyData.From(example.Dnskey).PublicKey.Span, AlgorithmPolicy.Default, out _)!;
        Assert.True(key.Verify(TestSignatures.SignedData(example.SignedRRset, fields.SignedFields.Span, 2, 3600), fields.Signature.Span));
    }

    [Fact]
    public void Verify_Rfc5702ExampleRRsetTtlCountedDown_IsValid()
    {
        // RFC 4035 §5.3.3: the original TTL field, not the TTL the RRset arrives with, goes into the signed data,
        // so a cache that has counted the TTL down still serves data that verifies.
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc5702Section6_1));
        List<DnsRecord> cached = example.SignedRRset.Select(r => r.WithTtl(1234)).ToList();

        SignatureCheck check = Verifier().Verify(cached, example.Rrsig.WithTtl(1234), example.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_Rfc5702Section6_1KeyUnderStricterModulusPolicy_FailsInvalidKey()
    {
        // The example key is 512 bits, the least RFC 3110 allows; a policy asking for 1024 refuses it.
        RfcVectors.Example example = RfcVectors.Read(nameof(RfcVectors.Rfc5702Section6_1));
        var verifier = new RrsetVerifier(new VerifierCache(new AlgorithmPolicy { MinRsaModulusBits = 1024 }), new FakeTimeProvider(Now));

        SignatureCheck check = verifier.Verify(example.SignedRRset, example.Rrsig, example.Dnskey);

        AssertFails(check, SignatureFailure.InvalidKey, "www.example.net. A", "RSA modulus of 512 bits");
    }
}
