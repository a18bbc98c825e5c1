using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

public partial class RrsetVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName Zone = DnsName.Parse("example.");

    // Keys are slow to make (RSA especially), so the tests that do not care about the algorithm share these.
    private static readonly Lazy<SigningKey> SharedKey = new(() => SigningKey.Generate(Zone, DnssecAlgorithm.ECDSAP256SHA256));
    private static readonly Lazy<SigningKey> SharedOtherKey = new(() =>
    {
        // A second key of the same zone and algorithm, with another key tag so that tag checks can tell them apart.
        SigningKey other;
        do
        {
            other = SigningKey.Generate(Zone, DnssecAlgorithm.ECDSAP256SHA256);
        }
        while (other.KeyTag == SharedKey.Value.KeyTag);

        return other;
    });

    public static TheoryData<DnssecAlgorithm> Algorithms() =>
    [
        DnssecAlgorithm.RSASHA1, DnssecAlgorithm.RSASHA1NSEC3SHA1, DnssecAlgorithm.RSASHA256, DnssecAlgorithm.RSASHA512,
        DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448,
    ];

    private static SigningKey Key => SharedKey.Value;

    private static SigningKey OtherKey => SharedOtherKey.Value;

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verify_SignedBySigner_IsValid(DnssecAlgorithm algorithm)
    {
        SigningKey key = SigningKey.Generate(Zone, algorithm, rsaBits: 1024);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
        Assert.Same(key.Dnskey, check.Key);
        Assert.Equal($"RRSIG for www.example. A (algorithm {(byte)algorithm}, key {key.KeyTag}) verified with DNSKEY {key.KeyTag}", check.Reason);
    }

    [Theory]
    [InlineData(DnssecAlgorithm.RSASHA256)]
    [InlineData(DnssecAlgorithm.ECDSAP256SHA256)]
    [InlineData(DnssecAlgorithm.ED448)]
    public void Verify_WarmKeyOnLibCrypto_AllocatesNothing(DnssecAlgorithm algorithm)
    {
        // The algorithms whose measured backend is libcrypto: key decoded once, signed data in a reused buffer, no
        // signer name object, and the success sentence written only when read.
        Assert.Equal(SignatureBackend.LibCrypto, DnskeyVerifier.ChooseBackend(algorithm));
        SigningKey key = SigningKey.Generate(Zone, algorithm, rsaBits: 1024);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));
        RrsetVerifier verifier = Verifier();
        Assert.True(verifier.Verify(rrset, rrsig, key.Dnskey).IsValid);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool valid = true;
        for (int i = 0; i < 20; i++)
        {
            valid &= verifier.Verify(rrset, rrsig, key.Dnskey).IsValid;
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(valid);
    }

    [Fact]
    public void Sign_Ed25519_SameBytesAsTheIndependentlyBuiltSignedData()
    {
        // Ed25519 signing is deterministic (RFC 8032 §5.1.6), so the library's signed data (RrsetSigner through
        // SignedData) and the one TestSignatures builds from RFC 4034 §3.1.8.1 must give the same signature.
        SigningKey key = SigningKey.Generate(Zone, DnssecAlgorithm.ED25519);
        List<DnsRecord> rrset = [.. AddressSet("WWW.Example."), new(DnsName.Parse("www.example."), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 0 })];

        DnsRecord ours = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));
        DnsRecord independent = TestSignatures.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));

        Assert.Equal(Convert.ToHexString(independent.Data.Span), Convert.ToHexString(ours.Data.Span));
    }

    private static RrsetVerifier Verifier(AlgorithmPolicy? policy = null, DateTimeOffset? now = null) =>
        new(new VerifierCache(policy), new FakeTimeProvider(now ?? Now));

    private static List<DnsRecord> AddressSet(string owner, uint ttl = 3600) =>
    [
        new(DnsName.Parse(owner), RecordType.A, RecordClass.IN, ttl, new byte[] { 192, 0, 2, 1 }),
        new(DnsName.Parse(owner), RecordType.A, RecordClass.IN, ttl, new byte[] { 192, 0, 2, 2 }),
    ];

    /// <summary>Asserts the failure and that the reason names the RRset (owner and type) and what was wrong.</summary>
    private static void AssertFails(SignatureCheck check, SignatureFailure expected, string rrset, params string[] what)
    {
        Assert.False(check.IsValid, check.Reason);
        Assert.Equal(expected, check.Failure);
        Assert.StartsWith($"RRSIG for {rrset} ", check.Reason, StringComparison.Ordinal);
        foreach (string part in what)
        {
            Assert.Contains(part, check.Reason, StringComparison.Ordinal);
        }
    }
}
