using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

/// <summary>What the signed data is built from: canonical form (RFC 4034 §6.2), order and duplicates (§6.3), wildcards (RFC 4035 §5.3.2).</summary>
public partial class RrsetVerifierTests
{
    [Theory]
    [InlineData("one label in place of the *", "foo.example.")]
    [InlineData("two labels in place of the *", "a.b.example.")]
    [InlineData("upper case in place of the *", "FOO.Example.")]
    [InlineData("the wildcard owner itself", "*.example.")]
    public void Verify_WildcardExpansion_IsValid(string description, string served)
    {
        // Signed as *.example. (labels 1), served under the name the query asked for.
        Assert.NotNull(description);
        List<DnsRecord> wildcard = AddressSet("*.example.");
        DnsRecord rrsig = RrsetSigner.Sign(wildcard, Key, Now.AddDays(-1), Now.AddDays(30));
        Assert.Equal(1, RrsigData.From(rrsig).Labels);
        DnsName name = DnsName.Parse(served);

        SignatureCheck check = Verifier().Verify(wildcard.Select(r => r.WithOwner(name)).ToList(), rrsig.WithOwner(name), Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_WildcardExpansionWithLabelsRaisedToTheServedName_FailsInvalidSignature()
    {
        // With labels 2 the validator signs foo.example. itself, which is not what the zone signed.
        List<DnsRecord> wildcard = AddressSet("*.example.");
        DnsName name = DnsName.Parse("foo.example.");
        DnsRecord rrsig = TestSignatures.WithLabels(RrsetSigner.Sign(wildcard, Key, Now.AddDays(-1), Now.AddDays(30)), 2);

        SignatureCheck check = Verifier().Verify(wildcard.Select(r => r.WithOwner(name)).ToList(), rrsig.WithOwner(name), Key.Dnskey);

        AssertFails(check, SignatureFailure.InvalidSignature, "foo.example. A", "does not verify");
    }

    [Fact]
    public void Verify_ExpansionOfAnotherWildcard_FailsInvalidSignature()
    {
        // *.b.example. (labels 2) served as x.a.example. rebuilds *.a.example.: another name, so no match.
        List<DnsRecord> wildcard = AddressSet("*.b.example.");
        DnsName name = DnsName.Parse("x.a.example.");
        DnsRecord rrsig = RrsetSigner.Sign(wildcard, Key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(wildcard.Select(r => r.WithOwner(name)).ToList(), rrsig.WithOwner(name), Key.Dnskey);

        AssertFails(check, SignatureFailure.InvalidSignature, "x.a.example. A", "does not verify");
    }

    public static TheoryData<string, string, string, string, string> CaseVariants() => new()
    {
        { "as signed", "example.", "mail.example.", "example.", "example." },
        { "owner in upper case", "EXAMPLE.", "mail.example.", "example.", "example." },
        { "name in the MX RDATA in mixed case", "example.", "Mail.EXAMPLE.", "example.", "example." },
        { "signer name in the RRSIG in upper case", "example.", "mail.example.", "EXAMPLE.", "example." },
        { "DNSKEY owner in mixed case", "example.", "mail.example.", "example.", "eXaMpLe." },
        { "everything in other case at once", "Example.", "MAIL.example.", "EXAMPLE.", "EXAMPLE." },
    };

    [Theory]
    [MemberData(nameof(CaseVariants))]
    public void Verify_NamesInOtherCase_IsValid(string description, string owner, string exchange, string signer, string keyOwner)
    {
        // RFC 4034 §6.2: owner, the names in MX RDATA and the signer are lower-cased before signing and verifying.
        Assert.NotNull(description);
        List<DnsRecord> signed = MxSet("example.", "mail.example.");
        DnsRecord rrsig = RrsetSigner.Sign(signed, Key, Now.AddDays(-1), Now.AddDays(30));
        List<DnsRecord> served = MxSet(owner, exchange);
        DnsRecord servedRrsig = TestSignatures.WithSignerText(rrsig.WithOwner(DnsName.Parse(owner)), signer);

        SignatureCheck check = Verifier().Verify(served, servedRrsig, Key.Dnskey.WithOwner(DnsName.Parse(keyOwner)));

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_NsecNextNameInOtherCase_FailsInvalidSignature()
    {
        // RFC 6840 §5.1 took NSEC out of the types whose RDATA names are lower-cased: the next name is signed as it is,
        // so a change of its case is a change of the data (as BIND, Unbound and the zones in ToolSignedZoneTests do).
        DnsName owner = DnsName.Parse("a.example.");
        List<DnsRecord> nsec = [new(owner, RecordType.NSEC, RecordClass.IN, 300, NsecData.Encode(DnsName.Parse("MiXeD.example."), [RecordType.A, RecordType.RRSIG, RecordType.NSEC]))];
        List<DnsRecord> lowered = [new(owner, RecordType.NSEC, RecordClass.IN, 300, NsecData.Encode(DnsName.Parse("mixed.example."), [RecordType.A, RecordType.RRSIG, RecordType.NSEC]))];
        DnsRecord rrsig = RrsetSigner.Sign(nsec, Key, Now.AddDays(-1), Now.AddDays(30));

        Assert.True(Verifier().Verify(nsec, rrsig, Key.Dnskey).IsValid);
        AssertFails(Verifier().Verify(lowered, rrsig, Key.Dnskey), SignatureFailure.InvalidSignature, "a.example. NSEC", "does not verify");
    }

    [Fact]
    public void Verify_DuplicateRecords_AreIgnored()
    {
        // RFC 4034 §6.3: duplicates are dropped from the canonical RRset (RFC 2181 §5: an RRset has no duplicates).
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        List<DnsRecord> withDuplicates = [rrset[1], rrset[0], rrset[1], rrset[0].WithTtl(60), rrset[1]];

        SignatureCheck check = Verifier().Verify(withDuplicates, rrsig, Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_SignedWithDuplicates_VerifiesTheSetWithout()
    {
        List<DnsRecord> rrset = AddressSet("www.example.");
        DnsRecord rrsig = RrsetSigner.Sign([.. rrset, .. rrset, rrset[0]], Key, Now.AddDays(-1), Now.AddDays(30));

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_DuplicateNamesDifferingOnlyInCase_AreOneRecord()
    {
        // Two MX records that differ only in the case of the exchange are the same record in canonical form.
        List<DnsRecord> rrset = MxSet("example.", "mail.example.");
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        List<DnsRecord> served = [.. rrset, .. MxSet("example.", "MAIL.Example.")];

        SignatureCheck check = Verifier().Verify(served, rrsig, Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    [Fact]
    public void Verify_RecordsInAnotherOrder_IsValid()
    {
        List<DnsRecord> rrset = [.. AddressSet("www.example."), new(DnsName.Parse("www.example."), RecordType.A, RecordClass.IN, 3600, new byte[] { 10, 0, 0, 1 })];
        DnsRecord rrsig = RrsetSigner.Sign(rrset, Key, Now.AddDays(-1), Now.AddDays(30));
        rrset.Reverse();

        SignatureCheck check = Verifier().Verify(rrset, rrsig, Key.Dnskey);

        Assert.True(check.IsValid, check.Reason);
    }

    private static List<DnsRecord> MxSet(string owner, string exchange) =>
    [
        new(DnsName.Parse(owner), RecordType.MX, RecordClass.IN, 3600, MxData.Encode(10, DnsName.Parse(exchange))),
        new(DnsName.Parse(owner), RecordType.MX, RecordClass.IN, 3600, MxData.Encode(20, DnsName.Parse("backup.example."))),
    ];
}
