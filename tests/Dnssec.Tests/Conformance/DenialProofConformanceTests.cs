using Dnssec.Crypto;
using Dnssec.Tests.Validation;
using Dnssec.Validation;
using Dnssec.Wire;
using static Dnssec.Tests.Validation.DenialRecords;

namespace Dnssec.Tests.Conformance;

/// <summary>
/// Clauses of RFC 4035 §5.4, RFC 4592, RFC 5155 §8, RFC 6672 §5.3 and RFC 6840 §4 that the conformance matrix found
/// without a unit test on <see cref="NsecProofs"/> and <see cref="Nsec3Proofs"/>. Each test is named after its clause.
/// </summary>
public sealed class DenialProofConformanceTests
{
    private static readonly DnsName Example = DnsName.Parse("example.");

    // ---- RFC 4035 §5.4: the NSEC and RRSIG bits of an NSEC are ignored ----

    [Theory]
    [InlineData("name error", "ml.example.", "b.example. ns1.example. NS|example. a.example. NS SOA")]
    [InlineData("NODATA at the name", "ns1.example.", "ns1.example. ns2.example. A")]
    [InlineData("NODATA at an empty non-terminal", "w.example.", "ns2.example. *.w.example. A")]
    public void Prove_Rfc4035Sec5_4_NsecWithoutItsNsecAndRrsigBits_Proven(string description, string qname, string records)
    {
        // A validated NSEC proves its own existence and its RRSIG's, so those two bits are not looked at: records
        // without them prove as much as the ones a signer writes.
        List<DnsRRset> nsecs = Set(records);

        DenialResult result = description == "name error"
            ? NsecProofs.ProveNameError(Name(qname), Example, nsecs)
            : NsecProofs.ProveNoData(Name(qname), RecordType.MX, Example, nsecs);

        Assert.True(result.Status == DenialStatus.Proven, $"{description}: {result}");
    }

    [Fact]
    public void ProveDsAbsence_Rfc4035Sec5_4_DelegationNsecWithoutItsNsecAndRrsigBits_InsecureDelegation()
    {
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name("b.example."), Example, Set("b.example. ns1.example. NS"));

        Assert.Equal(DsAbsenceKind.InsecureDelegation, result.Kind);
    }

    // ---- RFC 4592 §4.9: a wildcard that is an empty non-terminal ----

    // example. holds a.*.w.example. and x.w.example.: *.w.example. exists (it has a child) but holds no records, so a
    // query for z.w.example. is answered from it: NOERROR without data. Its NSEC proof is the record covering
    // z.w.example. (closest encloser w.example.) and the record whose span holds *.w.example. with a next name below it.
    private const string WildcardEntChain = "example. a.*.w.example. NS SOA RRSIG NSEC|a.*.w.example. x.w.example. A RRSIG NSEC|x.w.example. example. A RRSIG NSEC";

    /// <summary>The same zone signed with NSEC3, where the empty non-terminals w.example. and *.w.example. have records of their own.</summary>
    private static readonly Nsec3Zone WildcardEntZone = new("example.", new Dictionary<string, string>
    {
        ["example."] = "NS SOA RRSIG DNSKEY NSEC3PARAM",
        ["w.example."] = "",
        ["*.w.example."] = "",
        ["a.*.w.example."] = "A RRSIG",
        ["x.w.example."] = "A RRSIG",
    });

    [Fact]
    public void ProveNoData_Rfc4592Sec4_9_WildcardThatIsAnEmptyNonTerminal_NsecProven()
    {
        DenialResult result = NsecProofs.ProveNoData(Name("z.w.example."), RecordType.A, Example, Set(WildcardEntChain));

        Assert.True(result.Status == DenialStatus.Proven, result.ToString());
        Assert.Equal(Name("*.w.example."), result.Wildcard);
    }

    [Fact]
    public void ProveNoData_Rfc4592Sec4_9_WildcardThatIsAnEmptyNonTerminal_Nsec3Proven()
    {
        // With NSEC3 the empty non-terminal wildcard has its own record, with an empty type bitmap (RFC 5155 §7.1).
        List<DnsRRset> records = [WildcardEntZone.Matching("w.example."), WildcardEntZone.Covering("z.w.example."), WildcardEntZone.Matching("*.w.example.")];

        DenialResult result = Nsec3Proofs.ProveNoData(Name("z.w.example."), RecordType.A, Example, records, AlgorithmPolicy.Default, Budget());

        Assert.True(result.Status == DenialStatus.Proven, result.ToString());
        Assert.Equal(Name("*.w.example."), result.Wildcard);
    }

    [Fact]
    public void ProveNameError_Rfc4592Sec4_9_WildcardThatIsAnEmptyNonTerminal_NsecNotProven()
    {
        // The same records cannot be turned into a name error: the NSEC whose span holds *.w.example. has a next name
        // below it, so the wildcard exists and answers z.w.example. (RFC 1034 §4.3.2 step 3c): NOERROR, not NXDOMAIN.
        DenialResult result = NsecProofs.ProveNameError(Name("z.w.example."), Example, Set(WildcardEntChain));

        Assert.True(result.Status == DenialStatus.NotProven, result.ToString());
    }

    [Fact]
    public void ProveNameError_Rfc4592Sec4_9_WildcardThatIsAnEmptyNonTerminal_Nsec3NotProven()
    {
        List<DnsRRset> records = [WildcardEntZone.Matching("w.example."), WildcardEntZone.Covering("z.w.example."), WildcardEntZone.Matching("*.w.example.")];

        DenialResult result = Nsec3Proofs.ProveNameError(Name("z.w.example."), Example, records, AlgorithmPolicy.Default, Budget());

        Assert.True(result.Status == DenialStatus.NotProven, result.ToString());
    }

    // ---- RFC 5155 §8.6, §8.7 and RFC 6840 §4.3: the CNAME bit ----

    private static readonly Nsec3Zone CnameZone = new("example.", new Dictionary<string, string>
    {
        ["example."] = "NS SOA RRSIG DNSKEY NSEC3PARAM",
        ["a.example."] = "A RRSIG",
        ["c.example."] = "CNAME RRSIG",
        ["*.example."] = "CNAME RRSIG",
    });

    [Theory]
    [InlineData("RFC 6840 §4.3, RFC 5155 §8.5: A at a CNAME owner", "A")]
    [InlineData("RFC 5155 §8.6: DS at a CNAME owner", "DS")]
    public void ProveNoData_Rfc5155Sec8_6_MatchingNsec3WithTheCnameBit_NotProven(string description, string qtype)
    {
        DenialResult result = Nsec3Proofs.ProveNoData(Name("c.example."), Types(qtype)[0], Example, [CnameZone.Matching("c.example.")], AlgorithmPolicy.Default, Budget());

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Contains("CNAME", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveWildcardNoData_Rfc5155Sec8_7_WildcardNsec3WithTheCnameBit_NotProven()
    {
        // The wildcard is an alias: the answer should have been the synthesised CNAME.
        List<DnsRRset> records = [CnameZone.Matching("example."), CnameZone.Covering("q.example."), CnameZone.Matching("*.example.")];

        DenialResult result = Nsec3Proofs.ProveWildcardNoData(Name("q.example."), RecordType.A, Example, records, AlgorithmPolicy.Default, Budget());

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("CNAME", result.Reason, StringComparison.Ordinal);
    }

    // ---- RFC 6672 §5.3.4.2: a DNAME bit beside the name, not above it ----

    [Fact]
    public void ProveNameError_Rfc6672Sec5_3_4_2_NameBesideADnameOwner_Proven()
    {
        // bar.example. owns a DNAME and its NSEC covers cee.example., which is not below bar.example.: the DNAME
        // redirects nothing there, so the name error stands.
        DenialResult result = NsecProofs.ProveNameError(Name("cee.example."), Example, Set("bar.example. dub.example. A DNAME RRSIG NSEC|example. a.example. NS SOA RRSIG NSEC"));

        Assert.True(result.Status == DenialStatus.Proven, result.ToString());
    }

    [Fact]
    public void ProveNameError_Rfc6672Sec5_3_4_1_NameBelowADnameOwner_NotProven()
    {
        DenialResult result = NsecProofs.ProveNameError(Name("foo.bar.example."), Example, Set("bar.example. dub.example. A DNAME RRSIG NSEC|example. a.example. NS SOA RRSIG NSEC"));

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("DNAME", result.Reason, StringComparison.Ordinal);
    }

    /// <summary>Parses "owner next TYPES|owner next TYPES" into NSEC RRsets.</summary>
    private static List<DnsRRset> Set(string records) =>
        [.. records.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' ', 3)).Select(f => Nsec(f[0], f[1], f.Length > 2 ? f[2] : ""))];
}
