using Dnssec.Crypto;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Crypto;

/// <summary>
/// Signatures that verified are remembered, so the same RRSIG over the same RRset with the same key is not verified
/// again; what is remembered is only that mathematics: a changed record, signature or key, or a signature past its
/// validity period, fails as if nothing were remembered.
/// </summary>
public partial class RrsetVerifierTests
{
    [Fact]
    public void Verify_SameSignatureAgain_RememberedAndValid()
    {
        RrsetVerifier verifier = Verifier();
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck first = verifier.Verify(rrset, rrsig, Key.Dnskey);
        SignatureCheck second = verifier.Verify(AddressSet("WWW.example."), rrsig, Key.Dnskey);

        Assert.True(first.IsValid && second.IsValid, second.Reason);
        Assert.Equal(1, verifier.Remembered);
    }

    [Fact]
    public void Verify_RememberedSignatureOverOtherData_Invalid()
    {
        RrsetVerifier verifier = Verifier();
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        Assert.True(verifier.Verify(rrset, rrsig, Key.Dnskey).IsValid);
        List<DnsRecord> changed = [rrset[0], TestSignatures.WithData(rrset[1], [192, 0, 2, 99])];

        AssertFails(verifier.Verify(changed, rrsig, Key.Dnskey), SignatureFailure.InvalidSignature, "www.example. A", "does not verify");
        Assert.Equal(0, verifier.Remembered);
    }

    [Fact]
    public void Verify_RememberedRrsetWithAlteredSignature_Invalid()
    {
        RrsetVerifier verifier = Verifier();
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        Assert.True(verifier.Verify(rrset, rrsig, Key.Dnskey).IsValid);
        DnsRecord altered = TestSignatures.FlipData(rrsig, rrsig.Data.Length - 1);

        AssertFails(verifier.Verify(rrset, altered, Key.Dnskey), SignatureFailure.InvalidSignature, "www.example. A", "does not verify");
        Assert.Equal(0, verifier.Remembered);
    }

    [Fact]
    public void Verify_RememberedSignatureAfterItExpired_Expired()
    {
        var clock = new FakeTimeProvider(Now);
        var verifier = new RrsetVerifier(new VerifierCache(), clock);
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(1));
        Assert.True(verifier.Verify(rrset, rrsig, Key.Dnskey).IsValid);
        clock.Advance(TimeSpan.FromDays(10));

        AssertFails(verifier.Verify(rrset, rrsig, Key.Dnskey), SignatureFailure.Expired, "www.example. A");
    }

    [Fact]
    public void Verify_MemoTurnedOff_EveryCheckVerifies()
    {
        var verifier = new RrsetVerifier(new VerifierCache(), new FakeTimeProvider(Now)) { RemembersVerified = false };
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));

        Assert.True(verifier.Verify(rrset, rrsig, Key.Dnskey).IsValid);
        Assert.True(verifier.Verify(rrset, rrsig, Key.Dnskey).IsValid);
        Assert.Equal(0, verifier.Remembered);
    }
}
