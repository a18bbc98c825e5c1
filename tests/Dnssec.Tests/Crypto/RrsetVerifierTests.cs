using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

public class RrsetVerifierTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DnsName Zone = DnsName.Parse("example.");

    public static TheoryData<DnssecAlgorithm> Algorithms() =>
    [
        DnssecAlgorithm.RSASHA1, DnssecAlgorithm.RSASHA1NSEC3SHA1, DnssecAlgorithm.RSASHA256, DnssecAlgorithm.RSASHA512,
        DnssecAlgorithm.ECDSAP256SHA256, DnssecAlgorithm.ECDSAP384SHA384, DnssecAlgorithm.ED25519, DnssecAlgorithm.ED448,
    ];

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void Verify_SignedBySigner_IsValid(DnssecAlgorithm algorithm)
    {
        SigningKey key = SigningKey.Generate(Zone, algorithm);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
        Assert.Same(key.Dnskey, check.Key);
    }

    private static RrsetVerifier Verifier() => new(new VerifierCache(), new FakeTimeProvider(Now));

    private static List<DnsRecord> AddressSet(string owner) =>
    [
        new(DnsName.Parse(owner), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 1 }),
        new(DnsName.Parse(owner), RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 2 }),
    ];
}
