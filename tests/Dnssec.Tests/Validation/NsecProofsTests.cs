using Dnssec.Validation;
using Dnssec.Wire;
using static Dnssec.Tests.Validation.DenialRecords;

namespace Dnssec.Tests.Validation;

/// <summary>NSEC proofs of non-existence (RFC 4035 §3.1.3, §5.4; RFC 6840 §4): the RFC 4035 Appendix B responses, then every way a proof can be wrong.</summary>
public sealed class NsecProofsTests
{
    private static readonly DnsName Example = Rfc4035Example.Apex;

    // ---- RFC 4035 Appendix B ----

    [Fact]
    public void ProveNameError_Rfc4035B2_ProvesMlExampleAbsent()
    {
        // B.2: b.example. NSEC ns1.example. covers ml.example.; example. NSEC a.example. covers *.example.
        DenialResult result = NsecProofs.ProveNameError(Name("ml.example."), Example, Rfc4035Example.Records("b.example.", "example."));

        Assert.Equal(DenialStatus.Proven, result.Status);
        Assert.Equal(Name("example."), result.ClosestEncloser);
        Assert.Equal(Name("*.example."), result.Wildcard);
        Assert.Equal(SecurityStatus.Secure, result.SecurityStatus);
        Assert.Null(result.ExtendedError);
        Assert.Contains("NSEC b.example. (next ns1.example.) covers ml.example.", result.Reason, StringComparison.Ordinal);
        Assert.Contains("*.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_Rfc4035B3_ProvesNoMxAtNs1()
    {
        // B.3: ns1.example. NSEC ns2.example. A RRSIG NSEC.
        DenialResult result = NsecProofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, Rfc4035Example.Records("ns1.example."));

        Assert.Equal(DenialStatus.Proven, result.Status);
        Assert.Null(result.Wildcard);
        Assert.Contains("ns1.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveDsAbsence_Rfc4035B4SignedDelegation_NotProvenBecauseDsExists()
    {
        // B.4: the referral to mc.a.example. carries a.example.'s DS; its NSEC lists DS, so nothing denies it.
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name("a.example."), Example, Rfc4035Example.Records("a.example."));

        Assert.Equal(DsAbsenceKind.NotProven, result.Kind);
        Assert.Equal(SecurityStatus.Bogus, result.SecurityStatus);
        Assert.Contains("lists DS", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNameError_Rfc4035B4BelowSignedDelegation_NotProven()
    {
        // B.4: mc.a.example. lies below the cut at a.example.; the parent's NSEC there cannot deny it.
        DenialResult result = NsecProofs.ProveNameError(Name("mc.a.example."), Example, Rfc4035Example.All());

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("delegation", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveDsAbsence_Rfc4035B5UnsignedDelegation_InsecureDelegation()
    {
        // B.5: b.example. NSEC ns1.example. NS RRSIG NSEC: a delegation without DS.
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name("b.example."), Example, Rfc4035Example.Records("b.example."));

        Assert.Equal(DsAbsenceKind.InsecureDelegation, result.Kind);
        Assert.Equal(SecurityStatus.Insecure, result.SecurityStatus);
        Assert.Null(result.ExtendedError);
        Assert.Contains("b.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_Rfc4035B5DsAtUnsignedDelegation_Proven()
    {
        DenialResult result = NsecProofs.ProveNoData(Name("b.example."), RecordType.DS, Example, Rfc4035Example.Records("b.example."));

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    [Fact]
    public void ProveWildcardAnswer_Rfc4035B6_ProvesExpansionFromStarW()
    {
        // B.6: a.z.w.example. MX signed with labels 2; x.y.w.example. NSEC xx.example. covers a.z.w.example.
        DenialResult result = NsecProofs.ProveWildcardAnswer(Name("a.z.w.example."), 2, Example, Rfc4035Example.Records("x.y.w.example."));

        Assert.Equal(DenialStatus.Proven, result.Status);
        Assert.Equal(Name("w.example."), result.ClosestEncloser);
        Assert.Equal(Name("*.w.example."), result.Wildcard);
    }

    [Fact]
    public void ProveWildcardNoData_Rfc4035B7_ProvesNoAaaaAtStarW()
    {
        // B.7: x.y.w.example. NSEC xx.example. covers a.z.w.example.; *.w.example. NSEC x.w.example. MX RRSIG NSEC has no AAAA.
        List<DnsRRset> records = Rfc4035Example.Records("x.y.w.example.", "*.w.example.");

        DenialResult wildcard = NsecProofs.ProveWildcardNoData(Name("a.z.w.example."), RecordType.AAAA, Example, records);
        DenialResult noData = NsecProofs.ProveNoData(Name("a.z.w.example."), RecordType.AAAA, Example, records);

        Assert.Equal(DenialStatus.Proven, wildcard.Status);
        Assert.Equal(Name("w.example."), wildcard.ClosestEncloser);
        Assert.Equal(Name("*.w.example."), wildcard.Wildcard);
        Assert.Equal(DenialStatus.Proven, noData.Status);
        Assert.Equal(Name("*.w.example."), noData.Wildcard);
    }

    [Theory]
    [InlineData("B.2 ml.example. with the whole chain", "ml.example.", DenialStatus.Proven)]
    [InlineData("a name between the apex and a.example.", "0.example.", DenialStatus.Proven)]
    [InlineData("the last NSEC xx.example. wraps to the apex and covers zz.example.", "zz.example.", DenialStatus.Proven)]
    [InlineData("the last NSEC covers a name below its own owner", "a.xx.example.", DenialStatus.Proven)]
    [InlineData("a deep name whose closest encloser is ai.example.", "q.r.ai.example.", DenialStatus.Proven)]
    [InlineData("an existing name", "ai.example.", DenialStatus.NotProven)]
    [InlineData("the apex", "example.", DenialStatus.NotProven)]
    [InlineData("the empty non-terminal w.example.", "w.example.", DenialStatus.NotProven)]
    [InlineData("the empty non-terminal y.w.example.", "y.w.example.", DenialStatus.NotProven)]
    [InlineData("a name the wildcard *.w.example. matches", "a.z.w.example.", DenialStatus.NotProven)]
    [InlineData("below the unsigned delegation b.example.", "mc.b.example.", DenialStatus.NotProven)]
    [InlineData("below the signed delegation a.example.", "mc.a.example.", DenialStatus.NotProven)]
    public void ProveNameError_Rfc4035Chain_Expected(string description, string qname, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveNameError(Name(qname), Example, Rfc4035Example.All());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    // ---- the shared scenarios, which Nsec3ProofsTests runs against NSEC3 ----

    [Theory]
    [MemberData(nameof(SyntheticZone.NameErrors), MemberType = typeof(SyntheticZone))]
    public void ProveNameError_SyntheticZone_Expected(string description, string qname, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveNameError(Name(qname), SyntheticZone.Nsec.Apex, SyntheticZone.Nsec.All);

        Assert.True(expected == result.Status, $"{description}: {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Theory]
    [MemberData(nameof(SyntheticZone.NoData), MemberType = typeof(SyntheticZone))]
    public void ProveNoData_SyntheticZone_Expected(string description, string qname, string qtype, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveNoData(Name(qname), Types(qtype)[0], SyntheticZone.Nsec.Apex, SyntheticZone.Nsec.All);

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Theory]
    [MemberData(nameof(SyntheticZone.WildcardAnswers), MemberType = typeof(SyntheticZone))]
    public void ProveWildcardAnswer_SyntheticZone_Expected(string description, string qname, int labels, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveWildcardAnswer(Name(qname), labels, SyntheticZone.Nsec.Apex, SyntheticZone.Nsec.All);

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Theory]
    [MemberData(nameof(SyntheticZone.DsAbsences), MemberType = typeof(SyntheticZone))]
    public void ProveDsAbsence_SyntheticZone_Expected(string description, string dsName, DsAbsenceKind expected)
    {
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name(dsName), SyntheticZone.Nsec.Apex, SyntheticZone.Nsec.All);

        Assert.True(expected == result.Kind, $"{description}: {result}");
    }

    // ---- name error: each way the proof can be wrong ----

    [Theory]
    [InlineData("the NSEC does not cover the name", "ml.example.", "ns1.example. ns2.example. A|example. a.example. NS SOA", "no NSEC covers ml.example.")]
    [InlineData("no wildcard denial", "ml.example.", "b.example. ns1.example. NS", "*.example.")]
    [InlineData("a denial of *.ml.example. below the closest encloser does not replace *.example.", "a.ml.example.", "b.example. ns1.example. NS", "*.example.")]
    [InlineData("the wildcard at the closest encloser exists", "a.z.w.example.", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. MX", "exists")]
    [InlineData("an NSEC at the name itself", "ml.example.", "b.example. ns1.example. NS|example. a.example. NS SOA|ml.example. ns1.example. A", "shows that ml.example. exists")]
    [InlineData("the next name lies below the name: an empty non-terminal", "w.example.", "ns2.example. *.w.example. A|example. a.example. NS SOA", "empty non-terminal")]
    [InlineData("an ancestor delegation's NSEC (NS without SOA)", "mc.b.example.", "b.example. ns1.example. NS|example. a.example. NS SOA", "delegation")]
    [InlineData("an ancestor's NSEC with DNAME", "x.d.example.", "d.example. e.example. DNAME|example. a.example. NS SOA", "DNAME")]
    [InlineData("the wildcard cover is an ancestor delegation", "mc.b.example.", "b.example. ns1.example. NS", "delegation")]
    [InlineData("no NSEC at all", "ml.example.", "", "no usable NSEC")]
    public void ProveNameError_BrokenProof_NotProven(string description, string qname, string records, string reason)
    {
        DenialResult result = NsecProofs.ProveNameError(Name(qname), Example, NsecSet(records));

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(SecurityStatus.Bogus, result.SecurityStatus);
        Assert.Equal(ExtendedDnsErrorCode.NsecMissing, result.ExtendedError);
    }

    [Fact]
    public void ProveNameError_ApexNsecIsNoDelegation_Proven()
    {
        // The apex NSEC has NS and SOA: it is not the parent side of a cut, so it may deny names below the apex.
        DenialResult result = NsecProofs.ProveNameError(Name("0.example."), Example, NsecSet("example. a.example. NS SOA MX RRSIG NSEC DNSKEY"));

        Assert.Equal(DenialStatus.Proven, result.Status);
        Assert.Equal(Name("example."), result.ClosestEncloser);
    }

    [Theory]
    [InlineData("a name below the apex", "anything.example.")]
    [InlineData("a deep name", "a.b.c.example.")]
    [InlineData("a name in upper case", "SOME.Example.")]
    public void ProveNameError_OnlyTheApexNsec_DeniesEveryOtherName(string description, string qname)
    {
        // The NSEC of a zone with only its apex points to itself and spans every other name of the zone.
        DenialResult result = NsecProofs.ProveNameError(Name(qname), Example, NsecSet("example. example. NS SOA RRSIG NSEC DNSKEY"));

        Assert.True(result.Status == DenialStatus.Proven, $"{description}: {result}");
    }

    [Theory]
    [InlineData("a sibling zone sorting after the apex", "zz.example2.")]
    [InlineData("the parent", "com.")]
    [InlineData("another top-level domain", "ml.example.net.")]
    public void ProveNameError_WrapAroundNsec_SaysNothingOutsideTheZone(string description, string qname)
    {
        List<DnsRRset> records = NsecSet("xx.example. example. A|example. a.example. NS SOA");

        DenialResult result = NsecProofs.ProveNameError(Name(qname), Example, records);

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Contains("not in the zone", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("owner in another zone", "b.example.net. ns1.example.net. NS|example. a.example. NS SOA")]
    [InlineData("next name outside the zone", "b.example. zz.example.net. NS|example. a.example. NS SOA")]
    [InlineData("next name going backwards to a name that is not the apex", "b.example. a.example. NS|example. a.example. NS SOA")]
    [InlineData("owner equal to next, not the apex", "b.example. b.example. NS|example. a.example. NS SOA")]
    public void ProveNameError_UnusableNsec_IsIgnored(string description, string records)
    {
        DenialResult result = NsecProofs.ProveNameError(Name("ml.example."), Example, NsecSet(records));

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
    }

    [Fact]
    public void ProveNameError_ZoneApexBelowTheRecords_IgnoresRecordsOutsideIt()
    {
        // The caller says the records come from w.example.; the example. chain's records are not in that zone.
        DenialResult result = NsecProofs.ProveNameError(Name("a.z.w.example."), Name("w.example."), Rfc4035Example.Records("x.y.w.example.", "ns2.example."));

        Assert.Equal(DenialStatus.NotProven, result.Status);
    }

    [Fact]
    public void ProveNameError_TwoNsecRecordsAtOneOwner_IsIgnored()
    {
        // RFC 4035 §2.3: one NSEC per owner; a set of two is unusable.
        var twice = new DnsRRset(
        [
            new DnsRecord(Name("b.example."), RecordType.NSEC, RecordClass.IN, 3600, NsecData.Encode(Name("ns1.example."), [RecordType.NS])),
            new DnsRecord(Name("b.example."), RecordType.NSEC, RecordClass.IN, 3600, NsecData.Encode(Name("zz.example."), [RecordType.NS])),
        ]);

        DenialResult result = NsecProofs.ProveNameError(Name("ml.example."), Example, [twice, Rfc4035Example.Record("example.")]);

        Assert.Equal(DenialStatus.NotProven, result.Status);
    }

    [Fact]
    public void ProveNameError_OtherRecordTypes_AreIgnored()
    {
        var soa = new DnsRRset([new DnsRecord(Name("example."), RecordType.A, RecordClass.IN, 3600, new byte[4])]);

        DenialResult result = NsecProofs.ProveNameError(Name("ml.example."), Example, [soa, .. Rfc4035Example.Records("b.example.", "example.")]);

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    [Fact]
    public void ProveNameError_MixedCaseNames_ComparedWithoutCase()
    {
        DenialResult result = NsecProofs.ProveNameError(Name("ML.Example."), Name("EXAMPLE."), NsecSet("B.example. NS1.EXAMPLE. NS|Example. A.example. NS SOA"));

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    // ---- NODATA ----

    [Theory]
    [InlineData("B.3 ns1.example. MX", "ns1.example.", "MX", "ns1.example. ns2.example. A RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("the type is in the bitmap", "ns1.example.", "A", "ns1.example. ns2.example. A RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("CNAME is in the bitmap", "c.example.", "A", "c.example. d.example. CNAME RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("CNAME asked for and present", "c.example.", "CNAME", "c.example. d.example. CNAME RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("CNAME asked for and absent", "c.example.", "CNAME", "c.example. d.example. A RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("parent-side delegation NSEC for A", "b.example.", "A", "b.example. ns1.example. NS RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("parent-side delegation NSEC for MX", "b.example.", "MX", "b.example. ns1.example. NS RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("parent-side delegation NSEC for DS", "b.example.", "DS", "b.example. ns1.example. NS RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("child apex NSEC for DS", "example.", "DS", "example. a.example. NS SOA MX RRSIG NSEC DNSKEY", DenialStatus.NotProven)]
    [InlineData("apex NSEC for a type it lacks", "example.", "AAAA", "example. a.example. NS SOA MX RRSIG NSEC DNSKEY", DenialStatus.Proven)]
    [InlineData("a non-delegation name for DS", "ns1.example.", "DS", "ns1.example. ns2.example. A RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("an NSEC that only covers the name", "ml.example.", "A", "b.example. ns1.example. NS RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("empty non-terminal w.example.", "w.example.", "A", "ns2.example. *.w.example. A RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("empty non-terminal for DS", "w.example.", "DS", "ns2.example. *.w.example. A RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("the next name is not below the name", "v.example.", "A", "ns2.example. *.w.example. A RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("an empty non-terminal below a delegation", "x.b.example.", "A", "b.example. y.x.b.example. NS RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("an empty non-terminal below a DNAME", "x.d.example.", "A", "d.example. y.x.d.example. DNAME RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("the NSEC is from another zone", "ns1.example.", "MX", "ns1.example.net. ns2.example.net. A RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("no records", "ns1.example.", "MX", "", DenialStatus.NotProven)]
    public void ProveNoData_Records_Expected(string description, string qname, string qtype, string records, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveNoData(Name(qname), Types(qtype)[0], Example, NsecSet(records));

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Fact]
    public void ProveNoData_RootApexNsecForDs_Proven()
    {
        // The root has no parent, so its own apex NSEC is what denies a DS at the root.
        DenialResult result = NsecProofs.ProveNoData(DnsName.Root, RecordType.DS, DnsName.Root, NsecSet(". aaa. NS SOA RRSIG NSEC DNSKEY"));

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    [Fact]
    public void ProveNoData_ParentSideDelegation_ReasonNamesTheDelegation()
    {
        DenialResult result = NsecProofs.ProveNoData(Name("b.example."), RecordType.A, Example, Rfc4035Example.Records("b.example."));

        Assert.Contains("parent side of a delegation at b.example.", result.Reason, StringComparison.Ordinal);
    }

    // ---- wildcard NODATA ----

    [Theory]
    [InlineData("B.7 a.z.w.example. AAAA", "AAAA", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. MX RRSIG NSEC", DenialStatus.Proven)]
    [InlineData("the wildcard has the type", "MX", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. MX RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("the wildcard has a CNAME", "A", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. CNAME RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("the wildcard has NS", "A", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. NS RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("no NSEC at the wildcard", "AAAA", "x.y.w.example. xx.example. MX", DenialStatus.NotProven)]
    [InlineData("a wildcard that is not at the closest encloser", "AAAA", "x.y.w.example. xx.example. MX|*.example. a.example. TXT RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("no NSEC covers the name", "AAAA", "*.w.example. x.w.example. MX RRSIG NSEC", DenialStatus.NotProven)]
    [InlineData("the name itself has an NSEC", "AAAA", "a.z.w.example. xx.example. MX|*.w.example. x.w.example. MX RRSIG NSEC", DenialStatus.NotProven)]
    public void ProveWildcardNoData_Records_Expected(string description, string qtype, string records, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveWildcardNoData(Name("a.z.w.example."), Types(qtype)[0], Example, NsecSet(records));

        Assert.True(expected == result.Status, $"{description}: {result}");
        if (expected == DenialStatus.Proven)
        {
            Assert.Equal(Name("*.w.example."), result.Wildcard);
        }
    }

    [Fact]
    public void ProveWildcardNoData_EmptyNonTerminal_NotProven()
    {
        DenialResult result = NsecProofs.ProveWildcardNoData(Name("w.example."), RecordType.A, Example, Rfc4035Example.All());

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("empty non-terminal", result.Reason, StringComparison.Ordinal);
    }

    // ---- wildcard answers ----

    [Theory]
    [InlineData("B.6 a.z.w.example. from *.w.example.", "a.z.w.example.", 2, "x.y.w.example. xx.example. MX", DenialStatus.Proven)]
    [InlineData("a name one label below *.w.example.'s parent", "a.w.example.", 2, "*.w.example. x.w.example. MX", DenialStatus.Proven)]
    [InlineData("a closer encloser x.w.example. exists", "a.x.w.example.", 2, "x.w.example. x.y.w.example. MX", DenialStatus.NotProven)]
    [InlineData("the labels field names *.example. but w.example. is closer", "a.z.w.example.", 1, "x.y.w.example. xx.example. MX", DenialStatus.NotProven)]
    [InlineData("the name exists", "x.w.example.", 2, "x.w.example. x.y.w.example. MX", DenialStatus.NotProven)]
    [InlineData("no NSEC covers the name", "a.z.w.example.", 2, "*.w.example. x.w.example. MX", DenialStatus.NotProven)]
    [InlineData("the covering NSEC is an ancestor delegation", "a.z.b.example.", 2, "b.example. ns1.example. NS", DenialStatus.NotProven)]
    [InlineData("the wildcard owner itself", "*.w.example.", 2, "", DenialStatus.Proven)]
    [InlineData("a literal asterisk name expanded from a wildcard above", "*.z.w.example.", 2, "x.y.w.example. xx.example. MX", DenialStatus.Proven)]
    [InlineData("labels equal to the name's: not expanded", "a.z.w.example.", 3, "x.y.w.example. xx.example. MX", DenialStatus.NotProven)]
    [InlineData("labels above the zone", "a.z.w.example.", 0, "x.y.w.example. xx.example. MX", DenialStatus.NotProven)]
    public void ProveWildcardAnswer_Records_Expected(string description, string qname, int labels, string records, DenialStatus expected)
    {
        DenialResult result = NsecProofs.ProveWildcardAnswer(Name(qname), labels, Example, NsecSet(records));

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Fact]
    public void ProveWildcardAnswer_CloserEncloser_ReasonNamesBothEnclosers()
    {
        DenialResult result = NsecProofs.ProveWildcardAnswer(Name("a.x.w.example."), 2, Example, Rfc4035Example.All());

        Assert.Contains("x.w.example.", result.Reason, StringComparison.Ordinal);
        Assert.Contains("*.w.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveWildcardAnswer_NegativeLabels_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NsecProofs.ProveWildcardAnswer(Name("a.example."), -1, Example, []));
    }

    // ---- DS absence ----

    [Theory]
    [InlineData("B.5 unsigned delegation b.example.", "b.example.", "b.example. ns1.example. NS RRSIG NSEC", DsAbsenceKind.InsecureDelegation)]
    [InlineData("B.4 signed delegation a.example.", "a.example.", "a.example. ai.example. NS DS RRSIG NSEC", DsAbsenceKind.NotProven)]
    [InlineData("the child's apex NSEC (SOA set)", "b.example.", "b.example. ns1.b.example. NS SOA RRSIG NSEC DNSKEY", DsAbsenceKind.NotProven)]
    [InlineData("the child's apex NSEC without NS", "b.example.", "b.example. ns1.b.example. SOA RRSIG NSEC DNSKEY", DsAbsenceKind.NotProven)]
    [InlineData("DS without NS", "b.example.", "b.example. ns1.example. DS RRSIG NSEC", DsAbsenceKind.NotProven)]
    [InlineData("a name with data and no cut", "ns1.example.", "ns1.example. ns2.example. A RRSIG NSEC", DsAbsenceKind.NoZoneCut)]
    [InlineData("an empty non-terminal", "w.example.", "ns2.example. *.w.example. A RRSIG NSEC", DsAbsenceKind.NoZoneCut)]
    [InlineData("a name that does not exist", "ml.example.", "b.example. ns1.example. NS RRSIG NSEC|example. a.example. NS SOA", DsAbsenceKind.NameDoesNotExist)]
    [InlineData("a name without the wildcard denial", "ml.example.", "b.example. ns1.example. NS RRSIG NSEC", DsAbsenceKind.NotProven)]
    [InlineData("a name matched by a wildcard", "z.w.example.", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. MX RRSIG NSEC", DsAbsenceKind.NoZoneCut)]
    [InlineData("a name matched by a wildcard with DS", "z.w.example.", "x.y.w.example. xx.example. MX|*.w.example. x.w.example. DS RRSIG NSEC", DsAbsenceKind.NotProven)]
    [InlineData("below an unsigned delegation", "x.b.example.", "b.example. ns1.example. NS RRSIG NSEC|example. a.example. NS SOA", DsAbsenceKind.NotProven)]
    [InlineData("the apex of the zone itself", "example.", "example. a.example. NS SOA", DsAbsenceKind.NotProven)]
    [InlineData("a name outside the zone", "b.example.net.", "b.example. ns1.example. NS RRSIG NSEC", DsAbsenceKind.NotProven)]
    [InlineData("no records", "b.example.", "", DsAbsenceKind.NotProven)]
    public void ProveDsAbsence_Records_Expected(string description, string dsName, string records, DsAbsenceKind expected)
    {
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name(dsName), Example, NsecSet(records));

        Assert.True(expected == result.Kind, $"{description}: {result}");
    }

    [Fact]
    public void ProveDsAbsence_ChildApexNsec_ReasonSaysSo()
    {
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name("b.example."), Example, NsecSet("b.example. ns1.b.example. NS SOA RRSIG NSEC DNSKEY"));

        Assert.Contains("child zone's apex", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ExtendedDnsErrorCode.NsecMissing, result.ExtendedError);
    }

    [Fact]
    public void ProveDsAbsence_WildcardWithNs_ReasonNamesTheWildcard()
    {
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name("x.deleg.example."), SyntheticZone.Nsec.Apex, SyntheticZone.Nsec.All);

        Assert.Equal(DsAbsenceKind.NotProven, result.Kind);
        Assert.Contains("lists NS at the wildcard *.deleg.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveDsAbsence_NameDoesNotExist_CarriesTheClosestEncloser()
    {
        DsAbsenceResult result = NsecProofs.ProveDsAbsence(Name("a.ml.example."), Example, Rfc4035Example.All());

        Assert.Equal(DsAbsenceKind.NameDoesNotExist, result.Kind);
        Assert.Equal(Name("example."), result.ClosestEncloser);
        Assert.Equal(SecurityStatus.Secure, result.SecurityStatus);
    }

    [Fact]
    public void ProveNameError_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => NsecProofs.ProveNameError(null!, Example, []));
        Assert.Throws<ArgumentNullException>(() => NsecProofs.ProveNameError(Example, null!, []));
        Assert.Throws<ArgumentNullException>(() => NsecProofs.ProveNameError(Example, Example, null!));
    }

    /// <summary>Parses "owner next TYPES|owner next TYPES" into NSEC RRsets.</summary>
    private static List<DnsRRset> NsecSet(string records)
    {
        var result = new List<DnsRRset>();
        foreach (string line in records.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            string[] fields = line.Split(' ', 3);
            result.Add(Nsec(fields[0], fields[1], fields.Length > 2 ? fields[2] : ""));
        }

        return result;
    }
}
