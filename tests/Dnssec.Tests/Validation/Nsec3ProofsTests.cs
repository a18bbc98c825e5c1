using Dnssec.Crypto;
using Dnssec.Validation;
using Dnssec.Wire;
using static Dnssec.Tests.Validation.DenialRecords;

namespace Dnssec.Tests.Validation;

/// <summary>
/// NSEC3 proofs of non-existence (RFC 5155 §8, RFC 9276): the RFC 5155 Appendix B responses, the scenarios shared
/// with <see cref="NsecProofsTests"/>, then every way a proof can be wrong, the NSEC3 rules and the work limits.
/// </summary>
public sealed class Nsec3ProofsTests
{
    private static readonly DnsName Example = Rfc5155Example.Apex;
    private static readonly AlgorithmPolicy Policy = AlgorithmPolicy.Default;

    // ---- RFC 5155 Appendix A and B ----

    [Fact]
    public void Rfc5155AppendixA_OwnerHashes_AreTheHashesOfTheZoneNames()
    {
        for (int i = 0; i < Rfc5155Example.Chain.Length; i++)
        {
            var (owner, next, _, name) = Rfc5155Example.Chain[i];
            Assert.Equal(owner, HashLabel(name));
            Assert.Equal(Rfc5155Example.Chain[(i + 1) % Rfc5155Example.Chain.Length].Owner, next);
        }
    }

    [Theory]
    [InlineData("as published: every record opt-out", true, DenialStatus.OptOut)]
    [InlineData("the same chain without opt-out", false, DenialStatus.Proven)]
    public void ProveNameError_Rfc5155B1_ProvesACXWExampleAbsent(string description, bool optOut, DenialStatus expected)
    {
        // B.1: 0p9mhave… covers the next closer c.x.w.example., b4um86eg… matches the closest encloser x.w.example.,
        // 35mthgpg… covers the wildcard *.x.w.example.
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Example, Rfc5155Example.Records(optOut, "0p9m", "b4um", "35mt"), Policy, budget);

        Assert.True(expected == result.Status, $"{description}: {result}");
        Assert.Equal(Name("x.w.example."), result.ClosestEncloser);
        Assert.Equal(Name("*.x.w.example."), result.Wildcard);
        Assert.Equal(optOut ? SecurityStatus.Insecure : SecurityStatus.Secure, result.SecurityStatus);
        Assert.Null(result.ExtendedError);

        // a.c.x.w, c.x.w and x.w to find the closest encloser (c.x.w again as next closer, from the cache), then *.x.w.
        Assert.Equal(4, budget.HashesUsed);
    }

    [Fact]
    public void ProveNameError_Rfc5155B1OptOut_ReasonNamesTheOptOutRecord()
    {
        DenialResult result = Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Example, Rfc5155Example.Records(true, "0p9m", "b4um", "35mt"), Policy, Budget());

        Assert.Contains("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example. (opt-out)", result.Reason, StringComparison.Ordinal);
        Assert.Contains("c.x.w.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_Rfc5155B2_ProvesNoMxAtNs1()
    {
        // B.2: 2t7b4g4v… matches ns1.example. and lists only A and RRSIG.
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, Rfc5155Example.Records(true, "2t7b"), Policy, budget);

        Assert.Equal(DenialStatus.Proven, result.Status);
        Assert.Equal(1, budget.HashesUsed);
        Assert.Contains("2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_Rfc5155B21_ProvesEmptyNonTerminalYW()
    {
        // B.2.1: ji6neoae… matches y.w.example. with an empty type bitmap.
        DenialResult result = Nsec3Proofs.ProveNoData(Name("y.w.example."), RecordType.A, Example, Rfc5155Example.Records(true, "ji6n"), Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
        Assert.Contains("empty non-terminal", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveDsAbsence_Rfc5155B3_OptOutDelegationCExample()
    {
        // B.3: 0p9mhave… matches the closest provable encloser example., 35mthgpg… (opt-out) covers the next closer c.example.
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name("c.example."), Example, Rfc5155Example.Records(true, "35mt", "0p9m"), Policy, Budget());

        Assert.Equal(DsAbsenceKind.OptOut, result.Kind);
        Assert.Equal(Name("example."), result.ClosestEncloser);
        Assert.Equal(SecurityStatus.Insecure, result.SecurityStatus);
        Assert.Contains("35mthgpgcu1qg68fab165klnsnk3dpvl.example. (opt-out)", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("B.3 referral for mc.c.example.: DS NODATA at c.example. via opt-out", "c.example.", true, DenialStatus.OptOut)]
    [InlineData("the same records without opt-out prove nothing", "c.example.", false, DenialStatus.NotProven)]
    public void ProveNoData_Rfc5155B3Ds_Expected(string description, string qname, bool optOut, DenialStatus expected)
    {
        DenialResult result = Nsec3Proofs.ProveNoData(Name(qname), RecordType.DS, Example, Rfc5155Example.Records(optOut, "35mt", "0p9m"), Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Theory]
    [InlineData("as published: q04jkcev… is opt-out", true, DenialStatus.OptOut)]
    [InlineData("the same chain without opt-out", false, DenialStatus.Proven)]
    public void ProveWildcardAnswer_Rfc5155B4_ProvesExpansionOfAZWExample(string description, bool optOut, DenialStatus expected)
    {
        // B.4: a.z.w.example. MX signed with labels 2; q04jkcev… covers the next closer z.w.example.
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveWildcardAnswer(Name("a.z.w.example."), 2, Example, Rfc5155Example.Records(optOut, "q04j"), Policy, budget);

        Assert.True(expected == result.Status, $"{description}: {result}");
        Assert.Equal(Name("w.example."), result.ClosestEncloser);
        Assert.Equal(Name("*.w.example."), result.Wildcard);
        Assert.Equal(1, budget.HashesUsed);
    }

    [Theory]
    [InlineData("as published, through ProveWildcardNoData", true, false, DenialStatus.OptOut)]
    [InlineData("as published, through ProveNoData", true, true, DenialStatus.OptOut)]
    [InlineData("without opt-out, through ProveWildcardNoData", false, false, DenialStatus.Proven)]
    [InlineData("without opt-out, through ProveNoData", false, true, DenialStatus.Proven)]
    public void ProveWildcardNoData_Rfc5155B5_ProvesNoAaaaAtAZWExample(string description, bool optOut, bool general, DenialStatus expected)
    {
        // B.5: k8udemvp… matches the closest encloser w.example., q04jkcev… covers the next closer z.w.example.,
        // r53bq7cc… matches the wildcard *.w.example. and lists MX and RRSIG only.
        List<DnsRRset> records = Rfc5155Example.Records(optOut, "k8ud", "q04j", "r53b");
        ValidationBudget budget = Budget();

        DenialResult result = general
            ? Nsec3Proofs.ProveNoData(Name("a.z.w.example."), RecordType.AAAA, Example, records, Policy, budget)
            : Nsec3Proofs.ProveWildcardNoData(Name("a.z.w.example."), RecordType.AAAA, Example, records, Policy, budget);

        Assert.True(expected == result.Status, $"{description}: {result}");
        Assert.Equal(Name("w.example."), result.ClosestEncloser);
        Assert.Equal(Name("*.w.example."), result.Wildcard);
        Assert.Equal(4, budget.HashesUsed);
    }

    [Fact]
    public void ProveNoData_Rfc5155B6_ChildApexCannotDenyItsOwnDs()
    {
        // B.6: the server for example. answers example. DS with its apex NSEC3 (SOA set); that record is from the
        // child side of the cut, and only the parent zone can deny the DS (RFC 4035 §5.2).
        DenialResult noData = Nsec3Proofs.ProveNoData(Name("example."), RecordType.DS, Example, Rfc5155Example.Records(true, "0p9m"), Policy, Budget());
        DsAbsenceResult absence = Nsec3Proofs.ProveDsAbsence(Name("example."), Example, Rfc5155Example.Records(true, "0p9m"), Policy, Budget());

        Assert.Equal(DenialStatus.NotProven, noData.Status);
        Assert.Contains("SOA", noData.Reason, StringComparison.Ordinal);
        Assert.Equal(DsAbsenceKind.NotProven, absence.Kind);
    }

    // ---- the scenarios shared with NsecProofsTests ----

    [Theory]
    [MemberData(nameof(SyntheticZone.NameErrors), MemberType = typeof(SyntheticZone))]
    public void ProveNameError_SyntheticZone_Expected(string description, string qname, DenialStatus expected)
    {
        DenialResult result = Nsec3Proofs.ProveNameError(Name(qname), Name(SyntheticZone.Apex), SyntheticZone.Nsec3.All, Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Reason));
    }

    [Theory]
    [MemberData(nameof(SyntheticZone.NoData), MemberType = typeof(SyntheticZone))]
    public void ProveNoData_SyntheticZone_Expected(string description, string qname, string qtype, DenialStatus expected)
    {
        DenialResult result = Nsec3Proofs.ProveNoData(Name(qname), Types(qtype)[0], Name(SyntheticZone.Apex), SyntheticZone.Nsec3.All, Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Theory]
    [MemberData(nameof(SyntheticZone.WildcardAnswers), MemberType = typeof(SyntheticZone))]
    public void ProveWildcardAnswer_SyntheticZone_Expected(string description, string qname, int labels, DenialStatus expected)
    {
        DenialResult result = Nsec3Proofs.ProveWildcardAnswer(Name(qname), labels, Name(SyntheticZone.Apex), SyntheticZone.Nsec3.All, Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Theory]
    [MemberData(nameof(SyntheticZone.DsAbsences), MemberType = typeof(SyntheticZone))]
    public void ProveDsAbsence_SyntheticZone_Expected(string description, string dsName, DsAbsenceKind expected)
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name(dsName), Name(SyntheticZone.Apex), SyntheticZone.Nsec3.All, Policy, Budget());

        Assert.True(expected == result.Kind, $"{description}: {result}");
    }

    // ---- name error: each way the proof can be wrong ----

    [Theory]
    [InlineData("B.1 without the next closer cover", "a.c.x.w.example.", "b4um 35mt", "no NSEC3 covers the next closer name c.x.w.example.")]
    [InlineData("B.1 without the wildcard cover", "a.c.x.w.example.", "0p9m b4um", "no NSEC3 covers the wildcard *.x.w.example.")]
    [InlineData("B.1 without the closest encloser: example. matches, but nothing covers w.example.", "a.c.x.w.example.", "0p9m 35mt", "no NSEC3 covers the next closer name w.example.")]
    [InlineData("no NSEC3 matches any ancestor", "a.c.x.w.example.", "35mt", "no NSEC3 matches")]
    [InlineData("the name exists", "ns1.example.", "2t7b 0p9m", "matches ns1.example., so ns1.example. exists")]
    [InlineData("the empty non-terminal y.w.example. exists", "y.w.example.", "ji6n", "so y.w.example. exists")]
    [InlineData("the wildcard at the closest encloser exists", "a.z.w.example.", "k8ud q04j r53b", "shows that the wildcard *.w.example. exists")]
    [InlineData("the closest encloser a.example. is a delegation", "x.a.example.", "35mt 0p9m 2t7b", "is a delegation (NS without SOA)")]
    [InlineData("a wrong closest encloser: w.example. matches, but x.w.example. exists, so nothing covers it", "a.x.w.example.", "k8ud 35mt q04j 0p9m", "no NSEC3 covers the next closer name x.w.example.")]
    public void ProveNameError_BrokenProof_NotProven(string description, string qname, string prefixes, string reason)
    {
        DenialResult result = Nsec3Proofs.ProveNameError(Name(qname), Example, Rfc5155Example.Records(false, prefixes.Split(' ')), Policy, Budget());

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Equal(SecurityStatus.Bogus, result.SecurityStatus);
        Assert.Equal(ExtendedDnsErrorCode.NsecMissing, result.ExtendedError);
    }

    [Fact]
    public void ProveNameError_ClosestEncloserWithDname_NotProven()
    {
        DenialResult result = Nsec3Proofs.ProveNameError(Name("x.dn.example."), Name(SyntheticZone.Apex), SyntheticZone.Nsec3.All, Policy, Budget());

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("DNAME", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("n34.example. hashes above the last owner t644ebqk…", "n34.example.")]
    [InlineData("n13.example. hashes below the first owner 0p9mhave…", "n13.example.")]
    public void ProveNameError_LastNsec3WrapsAround_Proven(string description, string qname)
    {
        // t644ebqk… -> 0p9mhave… is the last NSEC3 of the chain and covers the hashes after it and before the first.
        string hash = HashLabel(qname);
        Assert.True(string.CompareOrdinal(hash, "t644ebqk9bibcna874givr6joj62mlhv") > 0 || string.CompareOrdinal(hash, "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom") < 0);

        DenialResult result = Nsec3Proofs.ProveNameError(Name(qname), Example, Rfc5155Example.Records(false, "t644", "0p9m", "gjeq"), Policy, Budget());

        Assert.True(result.Status == DenialStatus.Proven, $"{description}: {result}");
        Assert.Equal(Name("example."), result.ClosestEncloser);
    }

    [Fact]
    public void ProveNameError_SingleNsec3CoversEveryOtherHash_Proven()
    {
        // A chain of one record (owner and next hash equal) covers every hash but its own.
        string apexHash = HashLabel("example.", "", 0);
        List<DnsRRset> records = [Nsec3($"{apexHash}.example.", apexHash, "NS SOA RRSIG DNSKEY NSEC3PARAM", flags: 0, iterations: 0, salt: "")];

        DenialResult result = Nsec3Proofs.ProveNameError(Name("anything.example."), Example, records, Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    [Theory]
    [InlineData("a name outside the zone", "a.c.x.w.example.net.")]
    [InlineData("the parent of the zone", ".")]
    public void ProveNameError_OutsideTheZone_NotProvenWithoutHashing(string description, string qname)
    {
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNameError(Name(qname), Example, Rfc5155Example.All(false), Policy, budget);

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Equal(0, budget.HashesUsed);
    }

    // ---- NODATA ----

    [Theory]
    [InlineData("B.2 ns1.example. MX", "ns1.example.", "MX", "2t7b", DenialStatus.Proven)]
    [InlineData("the type is in the bitmap", "ns1.example.", "A", "2t7b", DenialStatus.NotProven)]
    [InlineData("B.2.1 y.w.example. for DS", "y.w.example.", "DS", "ji6n", DenialStatus.Proven)]
    [InlineData("the parent side of the signed delegation a.example. for A", "a.example.", "A", "35mt", DenialStatus.NotProven)]
    [InlineData("the signed delegation a.example. for DS", "a.example.", "DS", "35mt", DenialStatus.NotProven)]
    [InlineData("the apex for a type it lacks", "example.", "A", "0p9m", DenialStatus.Proven)]
    [InlineData("the apex for a type it has", "example.", "MX", "0p9m", DenialStatus.NotProven)]
    // RFC 5155 §9.2 as Unbound applies it: an opt-out span over the next closer name may hide an unsigned delegation
    // holding the name, so NODATA for any type there is Insecure, never Secure (val_cnametooptout).
    [InlineData("no NSEC3 matches the unsigned delegation c.example.; the opt-out span over it", "c.example.", "A", "35mt 0p9m", DenialStatus.OptOut)]
    [InlineData("below the unsigned delegation c.example.: the opt-out span over the next closer name", "mc.c.example.", "MX", "35mt 0p9m", DenialStatus.OptOut)]
    [InlineData("a name that does not exist, claimed as NODATA over an opt-out span (as published, every span is opt-out)", "b.example.", "A", "gjeq 0p9m", DenialStatus.OptOut)]
    [InlineData("only a covering record", "ns1.example.", "MX", "0p9m", DenialStatus.NotProven)]
    public void ProveNoData_Rfc5155Records_Expected(string description, string qname, string qtype, string prefixes, DenialStatus expected)
    {
        DenialResult result = Nsec3Proofs.ProveNoData(Name(qname), Types(qtype)[0], Example, Rfc5155Example.Records(true, prefixes.Split(' ')), Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Fact]
    public void ProveNoData_OptOutForNonDsType_ReasonSaysAnUnsignedDelegationMayHoldTheName()
    {
        DenialResult result = Nsec3Proofs.ProveNoData(Name("c.example."), RecordType.A, Example, Rfc5155Example.Records(true, "35mt", "0p9m"), Policy, Budget());

        Assert.Equal(SecurityStatus.Insecure, result.SecurityStatus);
        Assert.Contains("unsigned delegation holding c.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_UpperCaseQueryName_HashesTheCanonicalForm()
    {
        DenialResult result = Nsec3Proofs.ProveNoData(Name("NS1.Example."), RecordType.MX, Name("EXAMPLE."), Rfc5155Example.Records(true, "2t7b"), Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    [Fact]
    public void ProveNoData_UpperCaseOwnerLabel_Decodes()
    {
        List<DnsRRset> records = [Nsec3("2T7B4G4VSA5SMI47K61MV5BV1A22BOJR.EXAMPLE.", "2VPTU5TIMAMQTTGL4LUU9KG21E0AOR3S", "A RRSIG")];

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, records, Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    // ---- wildcard NODATA and wildcard answers ----

    [Theory]
    [InlineData("the wildcard has the type", "MX", "k8ud q04j r53b", DenialStatus.NotProven)]
    [InlineData("no NSEC3 matches the wildcard", "AAAA", "k8ud q04j", DenialStatus.NotProven)]
    [InlineData("no closest encloser", "AAAA", "q04j r53b", DenialStatus.NotProven)]
    [InlineData("no next closer cover", "AAAA", "k8ud r53b", DenialStatus.NotProven)]
    public void ProveWildcardNoData_BrokenProof_NotProven(string description, string qtype, string prefixes, DenialStatus expected)
    {
        DenialResult result = Nsec3Proofs.ProveWildcardNoData(Name("a.z.w.example."), Types(qtype)[0], Example, Rfc5155Example.Records(false, prefixes.Split(' ')), Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    [Fact]
    public void ProveWildcardNoData_NameExists_NotProven()
    {
        DenialResult result = Nsec3Proofs.ProveWildcardNoData(Name("x.w.example."), RecordType.A, Example, Rfc5155Example.All(false), Policy, Budget());

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("x.w.example. exists", result.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the next closer name is not covered", "a.z.w.example.", 2, "k8ud r53b", DenialStatus.NotProven)]
    [InlineData("the next closer x.w.example. exists: a closer match", "a.x.w.example.", 2, "b4um k8ud", DenialStatus.NotProven)]
    [InlineData("the labels field names *.example. but w.example. exists", "a.z.w.example.", 1, "k8ud q04j", DenialStatus.NotProven)]
    [InlineData("a name two labels below the wildcard's parent", "b.a.z.w.example.", 2, "q04j", DenialStatus.Proven)]
    [InlineData("the wildcard owner itself needs no records", "*.w.example.", 2, "", DenialStatus.Proven)]
    [InlineData("labels equal to the name's: not expanded", "a.z.w.example.", 3, "q04j", DenialStatus.NotProven)]
    public void ProveWildcardAnswer_Rfc5155Records_Expected(string description, string qname, int labels, string prefixes, DenialStatus expected)
    {
        List<DnsRRset> records = Rfc5155Example.Records(false, prefixes.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        DenialResult result = Nsec3Proofs.ProveWildcardAnswer(Name(qname), labels, Example, records, Policy, Budget());

        Assert.True(expected == result.Status, $"{description}: {result}");
    }

    // ---- DS absence ----

    [Theory]
    [InlineData("B.3 c.example. under opt-out", "c.example.", true, "35mt 0p9m", DsAbsenceKind.OptOut)]
    [InlineData("opt-out claimed for a.example., which has a matching NSEC3 listing DS", "a.example.", true, "35mt 0p9m 2vpt", DsAbsenceKind.NotProven)]
    [InlineData("ns1.example. has data and no cut", "ns1.example.", true, "2t7b", DsAbsenceKind.NoZoneCut)]
    [InlineData("the empty non-terminal y.w.example.", "y.w.example.", true, "ji6n", DsAbsenceKind.NoZoneCut)]
    [InlineData("b.example. does not exist (no opt-out)", "b.example.", false, "gjeq 0p9m", DsAbsenceKind.NameDoesNotExist)]
    [InlineData("b.example. under an opt-out span", "b.example.", true, "gjeq 0p9m", DsAbsenceKind.OptOut)]
    [InlineData("c.example. without opt-out and without the wildcard cover", "c.example.", false, "35mt 0p9m", DsAbsenceKind.NotProven)]
    [InlineData("below the signed delegation a.example.", "x.a.example.", true, "35mt 0p9m", DsAbsenceKind.NotProven)]
    [InlineData("no closest encloser", "c.example.", true, "35mt", DsAbsenceKind.NotProven)]
    [InlineData("a name matched by the wildcard *.w.example.", "z.w.example.", false, "k8ud q04j r53b", DsAbsenceKind.NoZoneCut)]
    public void ProveDsAbsence_Rfc5155Records_Expected(string description, string dsName, bool optOut, string prefixes, DsAbsenceKind expected)
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name(dsName), Example, Rfc5155Example.Records(optOut, prefixes.Split(' ')), Policy, Budget());

        Assert.True(expected == result.Kind, $"{description}: {result}");
    }

    [Fact]
    public void ProveDsAbsence_ChildApexNsec3_NotProvenWithReason()
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name("child.example."), Name(SyntheticZone.Apex), [SyntheticZone.Nsec3.Matching("child.example.")], Policy, Budget());

        Assert.Equal(DsAbsenceKind.NotProven, result.Kind);
        Assert.Contains("child zone's apex", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveDsAbsence_WildcardWithNs_ReasonNamesTheWildcard()
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name("x.deleg.example."), Name(SyntheticZone.Apex), SyntheticZone.Nsec3.All, Policy, Budget());

        Assert.Equal(DsAbsenceKind.NotProven, result.Kind);
        Assert.Contains("lists NS at the wildcard *.deleg.example.", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_TwoNsec3RecordsAtOneOwner_UsesTheUsableOne()
    {
        // Each NSEC3 record stands alone (RFC 5155 §8.2): one with flags 2 in the same RRset is ignored, the other used.
        var set = new DnsRRset(
        [
            Nsec3Record("2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", "2vptu5timamqttgl4luu9kg21e0aor3s", "A MX RRSIG", flags: 2),
            Nsec3Record("2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", "2vptu5timamqttgl4luu9kg21e0aor3s", "A RRSIG", flags: 1),
        ]);

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, [set], Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    [Fact]
    public void ProveDsAbsence_UnsignedDelegation_InsecureDelegation()
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name("sub.example."), Name(SyntheticZone.Apex), [SyntheticZone.Nsec3.Matching("sub.example.")], Policy, Budget());

        Assert.Equal(DsAbsenceKind.InsecureDelegation, result.Kind);
        Assert.Equal(SecurityStatus.Insecure, result.SecurityStatus);
    }

    // ---- NSEC3 rules (RFC 5155 §8.1, §8.2) ----

    [Theory]
    [InlineData("hash algorithm 2", 2, 1)]
    [InlineData("hash algorithm 0", 0, 1)]
    [InlineData("flags 2", 1, 2)]
    [InlineData("flags 3 (opt-out and an unknown flag)", 1, 3)]
    [InlineData("flags 0x80", 1, 0x80)]
    public void ProveNoData_UnusableAlgorithmOrFlags_RecordIgnored(string description, byte algorithm, byte flags)
    {
        List<DnsRRset> records = [Nsec3("2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.", "2vptu5timamqttgl4luu9kg21e0aor3s", "A RRSIG", flags: flags, algorithm: algorithm)];
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, records, Policy, budget);

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Contains("no usable NSEC3", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, budget.HashesUsed);
    }

    [Fact]
    public void ProveNameError_UnknownAlgorithmRecordBesideUsableOnes_IsIgnored()
    {
        // RFC 5155 §8.1: the unknown-algorithm record is left out (its parameters do not count as mixed either).
        List<DnsRRset> records = Rfc5155Example.Records(false, "0p9m", "b4um", "35mt");
        records.Add(Nsec3("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", "2t7b4g4vsa5smi47k61mv5bv1a22bojr", "NS SOA", flags: 0, iterations: 500, salt: "01", algorithm: 7));

        DenialResult result = Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Example, records, Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    // A zone changing its salt serves two complete chains for a while, and a response may mix them: each record is
    // judged against the hash its own parameters give, as Unbound does (RFC 5155 §8.2 leaves the choice to validators).
    [Theory]
    [InlineData("closest encloser from the old chain, covers from the new", true)]
    [InlineData("closest encloser from the new chain, covers from the old", false)]
    public void ProveNameError_TwoChainsOfOneZoneMixed_EachRecordHashedWithItsOwnParameters(string description, bool encloserFromOld)
    {
        var names = new Dictionary<string, string> { ["example."] = "NS SOA RRSIG DNSKEY NSEC3PARAM", ["a.example."] = "A RRSIG", ["m.example."] = "A RRSIG", ["x.example."] = "MX RRSIG" };
        var old = new Nsec3Zone("example.", names, iterations: 0, salt: "aabb");
        var current = new Nsec3Zone("example.", names, iterations: 0, salt: "");
        (Nsec3Zone encloser, Nsec3Zone covers) = encloserFromOld ? (old, current) : (current, old);
        List<DnsRRset> records = [encloser.Matching("example."), covers.Covering("q.example."), covers.Covering("*.example.")];
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNameError(Name("q.example."), Example, records, Policy, budget);

        Assert.True(result.Status == DenialStatus.Proven, $"{description}: {result}");
        Assert.True(budget.HashesUsed <= 6, $"{description}: {budget.HashesUsed} hashes for two parameter sets");
    }

    [Theory]
    [InlineData("owner in another zone", "2t7b4g4vsa5smi47k61mv5bv1a22bojr.example.net.")]
    [InlineData("owner two labels below the apex", "2t7b4g4vsa5smi47k61mv5bv1a22bojr.sub.example.")]
    [InlineData("owner label not base32hex", "2t7b4g4vsa5smi47k61mv5bv1a22bojz.example.")]
    [InlineData("owner label too short", "2t7b4g4vsa5smi47k61mv5bv1a22boj.example.")]
    [InlineData("owner label too long", "2t7b4g4vsa5smi47k61mv5bv1a22bojr0.example.")]
    [InlineData("owner label with a character no hash encodes to", "2t7b4g4vsa5smi47k61mv5bv1a22bojw.example.")]
    [InlineData("owner is the apex", "example.")]
    public void ProveNoData_UnusableOwner_RecordIgnored(string description, string owner)
    {
        List<DnsRRset> records = [Nsec3(owner, "2vptu5timamqttgl4luu9kg21e0aor3s", "A RRSIG")];

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, records, Policy, Budget());

        Assert.True(result.Status == DenialStatus.NotProven, $"{description}: {result}");
        Assert.Contains("no usable NSEC3", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_NextHashOfWrongLength_RecordIgnored()
    {
        var record = new DnsRecord(Name("2t7b4g4vsa5smi47k61mv5bv1a22bojr.example."), RecordType.NSEC3, RecordClass.IN, 3600,
            Nsec3Data.Encode(1, 1, 12, Convert.FromHexString(Rfc5155Salt), new byte[19], [RecordType.A]));

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, [new DnsRRset([record])], Policy, Budget());

        Assert.Equal(DenialStatus.NotProven, result.Status);
    }

    [Fact]
    public void ProveNameError_ZoneApexOtherThanTheRecords_IgnoresThem()
    {
        DenialResult result = Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Name("w.example."), Rfc5155Example.All(false), Policy, Budget());

        Assert.Equal(DenialStatus.NotProven, result.Status);
        Assert.Contains("outside the zone", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void ProveNoData_OtherRecordTypesAndNsec_AreIgnored()
    {
        List<DnsRRset> records = [Nsec("ns1.example.", "ns2.example.", "A"), .. Rfc5155Example.Records(true, "2t7b")];

        DenialResult result = Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, records, Policy, Budget());

        Assert.Equal(DenialStatus.Proven, result.Status);
    }

    // ---- iteration limit (RFC 9276 §3.2) ----

    public static TheoryData<string, Func<AlgorithmPolicy, ValidationBudget, DenialStatus>> EveryProof => new()
    {
        { "name error", (p, b) => Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Example, Rfc5155Example.All(), p, b).Status },
        { "NODATA", (p, b) => Nsec3Proofs.ProveNoData(Name("ns1.example."), RecordType.MX, Example, Rfc5155Example.All(), p, b).Status },
        { "wildcard NODATA", (p, b) => Nsec3Proofs.ProveWildcardNoData(Name("a.z.w.example."), RecordType.AAAA, Example, Rfc5155Example.All(), p, b).Status },
        { "wildcard answer", (p, b) => Nsec3Proofs.ProveWildcardAnswer(Name("a.z.w.example."), 2, Example, Rfc5155Example.All(), p, b).Status },
        { "DS absence", (p, b) => Map(Nsec3Proofs.ProveDsAbsence(Name("c.example."), Example, Rfc5155Example.All(), p, b).Kind) },
    };

    [Theory]
    [MemberData(nameof(EveryProof))]
    public void Prove_IterationsAboveLimit_IterationsTooHighWithoutHashing(string description, Func<AlgorithmPolicy, ValidationBudget, DenialStatus> prove)
    {
        // The appendix zone uses 12 iterations; a limit of 11 puts it over.
        ValidationBudget budget = Budget();

        DenialStatus status = prove(new AlgorithmPolicy { MaxNsec3Iterations = 11 }, budget);

        Assert.True(status == DenialStatus.IterationsTooHigh, $"{description}: {status}");
        Assert.Equal(0, budget.HashesUsed);
    }

    [Theory]
    [MemberData(nameof(EveryProof))]
    public void Prove_IterationsAtLimit_Hashes(string description, Func<AlgorithmPolicy, ValidationBudget, DenialStatus> prove)
    {
        ValidationBudget budget = Budget();

        DenialStatus status = prove(new AlgorithmPolicy { MaxNsec3Iterations = 12 }, budget);

        Assert.True(status is DenialStatus.Proven or DenialStatus.OptOut, $"{description}: {status}");
        Assert.True(budget.HashesUsed > 0);
    }

    [Fact]
    public void ProveNameError_DefaultLimitExceeded_InsecureWithEde27()
    {
        List<DnsRRset> records = [Nsec3("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom.example.", "2t7b4g4vsa5smi47k61mv5bv1a22bojr", "NS SOA", iterations: AlgorithmPolicy.DefaultMaxNsec3Iterations + 1)];
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNameError(Name("a.example."), Example, records, Policy, budget);

        Assert.Equal(DenialStatus.IterationsTooHigh, result.Status);
        Assert.Equal(SecurityStatus.Insecure, result.SecurityStatus);
        Assert.Equal(ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, result.ExtendedError);
        Assert.Contains("151 iterations", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, budget.HashesUsed);
    }

    [Fact]
    public void ProveDsAbsence_IterationsAboveLimit_InsecureWithEde27()
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name("c.example."), Example, Rfc5155Example.All(), new AlgorithmPolicy { MaxNsec3Iterations = 0 }, Budget());

        Assert.Equal(DsAbsenceKind.IterationsTooHigh, result.Kind);
        Assert.Equal(SecurityStatus.Insecure, result.SecurityStatus);
        Assert.Equal(ExtendedDnsErrorCode.UnsupportedNsec3IterationsValue, result.ExtendedError);
    }

    // ---- hash budget (CVE-2023-50868) ----

    [Theory]
    [MemberData(nameof(EveryProof))]
    public void Prove_BudgetOfOneHash_BudgetExceededAndStops(string description, Func<AlgorithmPolicy, ValidationBudget, DenialStatus> prove)
    {
        // Every proof but the plain NODATA match needs more than one hash.
        ValidationBudget budget = Budget(1);

        DenialStatus status = prove(Policy, budget);

        if (description == "NODATA")
        {
            Assert.Equal(DenialStatus.Proven, status);
            Assert.Equal(1, budget.HashesUsed);
        }
        else if (description == "wildcard answer")
        {
            Assert.Equal(DenialStatus.OptOut, status);
        }
        else
        {
            Assert.True(status == DenialStatus.BudgetExceeded, $"{description}: {status}");

            // The one hash allowed; the refused request is no work and is not counted.
            Assert.Equal(1, budget.HashesUsed);
        }
    }

    [Fact]
    public void ProveNameError_LongNameInLargeZone_StopsAtTheBudget()
    {
        // 100 labels below the apex need 100 hashes before the closest encloser is even found.
        string qname = string.Concat(Enumerable.Repeat("a.", 100)) + "example.";
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNameError(Name(qname), Example, Rfc5155Example.All(), Policy, budget);

        Assert.Equal(DenialStatus.BudgetExceeded, result.Status);
        Assert.Equal(SecurityStatus.Bogus, result.SecurityStatus);
        Assert.Equal(ExtendedDnsErrorCode.DnssecBogus, result.ExtendedError);
        Assert.Contains("64 NSEC3 hashes", result.Reason, StringComparison.Ordinal);
        Assert.Equal(ValidationLimits.DefaultNsec3HashesPerAnswer, budget.HashesUsed);
        Assert.True(budget.HashesExhausted);
    }

    [Fact]
    public void ProveNameError_SharedBudgetAlreadySpent_StopsAtOnce()
    {
        ValidationBudget budget = Budget(4);
        Assert.Equal(DenialStatus.OptOut, Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Example, Rfc5155Example.All(), Policy, budget).Status);

        DenialResult second = Nsec3Proofs.ProveNameError(Name("a.c.x.w.example."), Example, Rfc5155Example.All(), Policy, budget);

        Assert.Equal(DenialStatus.BudgetExceeded, second.Status);
        Assert.Equal(4, budget.HashesUsed);
    }

    [Fact]
    public void ProveDsAbsence_BudgetExhausted_BudgetExceeded()
    {
        DsAbsenceResult result = Nsec3Proofs.ProveDsAbsence(Name("c.example."), Example, Rfc5155Example.All(), Policy, Budget(1));

        Assert.Equal(DsAbsenceKind.BudgetExceeded, result.Kind);
        Assert.Equal(SecurityStatus.Bogus, result.SecurityStatus);
        Assert.Equal(ExtendedDnsErrorCode.DnssecBogus, result.ExtendedError);
    }

    [Theory]
    [InlineData("name error for a.c.x.w.example.: four names", "a.c.x.w.example.", 4)]
    [InlineData("name error for a.b.c.d.e.ns1.example.: walks up to ns1.example., then *.ns1.example.", "a.b.c.d.e.ns1.example.", 7)]
    public void ProveNameError_EachNameHashedOnce(string description, string qname, int hashes)
    {
        ValidationBudget budget = Budget();

        DenialResult result = Nsec3Proofs.ProveNameError(Name(qname), Example, Rfc5155Example.All(), Policy, budget);

        Assert.True(hashes == budget.HashesUsed, $"{description}: {budget.HashesUsed} hashes, {result}");
    }

    [Fact]
    public void ProveNameError_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Nsec3Proofs.ProveNameError(Example, Example, [], null!, Budget()));
        Assert.Throws<ArgumentNullException>(() => Nsec3Proofs.ProveNameError(Example, Example, [], Policy, null!));
        Assert.Throws<ArgumentNullException>(() => Nsec3Proofs.ProveDsAbsence(null!, Example, [], Policy, Budget()));
    }

    private static DenialStatus Map(DsAbsenceKind kind) => kind switch
    {
        DsAbsenceKind.IterationsTooHigh => DenialStatus.IterationsTooHigh,
        DsAbsenceKind.BudgetExceeded => DenialStatus.BudgetExceeded,
        DsAbsenceKind.OptOut => DenialStatus.OptOut,
        DsAbsenceKind.NotProven => DenialStatus.NotProven,
        _ => DenialStatus.Proven,
    };
}
