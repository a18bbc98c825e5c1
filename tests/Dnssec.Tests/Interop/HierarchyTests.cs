using System.Net;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// Proves that the interop world is what scenarios.tsv says it is, with Unbound and delv as the references: the
/// validating Unbound and delv give every scenario its expected verdict, the non-validating upstream passes DNSSEC
/// records through without judging them, and the authorities, root hints and anchor fit together. The resolver's own
/// interop tests compare its verdicts with the same manifest.
/// </summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class HierarchyTests(BindHierarchy hierarchy)
{
    public static TheoryData<string> Scenarios => HierarchyScenario.Names;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void ValidatingUnbound_Scenario_GivesExpectedVerdict(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);

        DnsMessage response = BindHierarchy.Query(hierarchy.Validator, scenario.QueryName, scenario.Type);

        string said = Describe(response);
        switch (scenario.Status)
        {
            case SecurityStatus.Secure:
                Assert.True(response.ResponseCode == scenario.Rcode && HasFlag(response, DnsHeaderFlags.AuthenticData), $"{scenario}: Unbound said {said}");
                break;
            case SecurityStatus.Insecure:
                Assert.True(response.ResponseCode == scenario.Rcode && !HasFlag(response, DnsHeaderFlags.AuthenticData), $"{scenario}: Unbound said {said}");
                break;
            default:
                Assert.True(response.ResponseCode == DnsResponseCode.ServFail, $"{scenario}: Unbound said {said}");
                // The data is there (CD=1 gets it), so the SERVFAIL is the validator's verdict, not a broken server.
                DnsMessage withoutChecking = BindHierarchy.Query(hierarchy.Validator, scenario.QueryName, scenario.Type, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled);
                Assert.True(withoutChecking.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NXDomain, $"{scenario}: with CD=1 Unbound said {Describe(withoutChecking)}");
                break;
        }
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Delv_Scenario_GivesExpectedVerdict(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);

        DelvResult delv = hierarchy.Delv(scenario.QueryName, scenario.QueryType);

        // Where delv is known to differ from the expected status, the manifest's delv column says what it concludes.
        Assert.True(delv.Status == scenario.DelvStatus, $"{scenario}: delv says {delv.Status}, the manifest {scenario.DelvStatus}:\n{delv.Output}");
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void Upstream_Scenario_PassesDnssecRecordsThroughWithoutJudging(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);

        // AD=1 in the query asks for a verdict (RFC 6840 §5.7); a non-validating resolver must still not give one.
        DnsMessage response = BindHierarchy.Query(hierarchy.Upstream, scenario.QueryName, scenario.Type, DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.AuthenticData);

        Assert.False(HasFlag(response, DnsHeaderFlags.AuthenticData), $"{scenario}: the upstream set AD: {Describe(response)}");
        if (scenario.Status == SecurityStatus.Bogus)
        {
            Assert.True(response.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NXDomain, $"{scenario}: the upstream said {Describe(response)}");
            return;
        }

        Assert.True(response.ResponseCode == scenario.Rcode, $"{scenario}: the upstream said {Describe(response)}");
        if (scenario.Status == SecurityStatus.Secure)
        {
            AssertSigned(scenario, response);
        }
    }

    [Fact]
    public void Upstream_WithoutDo_OmitsSignatures()
    {
        DnsMessage response = BindHierarchy.Query(hierarchy.Upstream, "www.alg13.test.", RecordType.A, dnssecOk: false);

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.Contains(response.Answers, r => r.Type == RecordType.A);
        Assert.DoesNotContain(response.Answers.Concat(response.Authorities).Concat(response.Additionals), r => r.Type == RecordType.RRSIG);
    }

    [Fact]
    public void Upstream_DsQuery_ReturnsParentsSignedDs()
    {
        DnsMessage response = BindHierarchy.Query(hierarchy.Upstream, "alg8.test.", RecordType.DS);

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.Contains(response.Answers, r => r.Type == RecordType.DS);
        Assert.Contains(response.Answers, r => r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered == RecordType.DS && RrsigData.From(r).SignerName == DnsName.Parse("test."));
    }

    [Fact]
    public void Zones_ScenarioZones_AreThirtyOrMoreEachOnItsOwnAddress()
    {
        Assert.Equal(".", hierarchy.Zones[0].Name);
        Assert.True(hierarchy.Zones.Count(z => z.Name.EndsWith(".test.", StringComparison.Ordinal)) >= 30);
        Assert.Equal(hierarchy.Zones.Count, hierarchy.Zones.Select(z => z.Address).Distinct().Count());
    }

    [Fact]
    public void Scenarios_EveryZoneBelowTest_IsAsked()
    {
        foreach (HierarchyZone zone in hierarchy.Zones.Where(z => z.Name.EndsWith(".test.", StringComparison.Ordinal)))
        {
            Assert.True(
                HierarchyScenario.All.Any(s => s.Question.IsSubdomainOf(zone.Apex)),
                $"No scenario asks a name in {zone.Name}");
        }

        Assert.Equal(HierarchyScenario.All.Count, HierarchyScenario.All.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Authorities_EveryZone_AnswersItsSoaAuthoritativelyAndNothingElse()
    {
        foreach (HierarchyZone zone in hierarchy.Zones)
        {
            IPEndPoint server = hierarchy.AuthorityOf(zone.Name);

            DnsMessage soa = BindHierarchy.Query(server, zone.Name, RecordType.SOA, DnsHeaderFlags.None);
            DnsMessage other = BindHierarchy.Query(server, zone.Name == "." ? "test." : ".", RecordType.SOA, DnsHeaderFlags.None);

            Assert.True(soa.ResponseCode == DnsResponseCode.NoError && HasFlag(soa, DnsHeaderFlags.Authoritative), $"{zone}: {Describe(soa)}");
            Assert.Contains(soa.Answers, r => r.Type == RecordType.SOA);
            Assert.Equal(zone.Signed, soa.Answers.Any(r => r.Type == RecordType.RRSIG));
            if (zone.Name != ".")
            {
                Assert.True(other.ResponseCode == DnsResponseCode.Refused, $"{zone}: asked for the root's SOA it said {Describe(other)}");
            }
        }
    }

    [Fact]
    public void RootServer_NameBelowTest_RefersToTestWithSignedDs()
    {
        DnsMessage response = BindHierarchy.Query(hierarchy.RootServer, "www.alg13.test.", RecordType.A, DnsHeaderFlags.None);

        Assert.Equal(DnsResponseCode.NoError, response.ResponseCode);
        Assert.False(HasFlag(response, DnsHeaderFlags.Authoritative));
        Assert.Empty(response.Answers);
        Assert.Contains(response.Authorities, r => r.Type == RecordType.NS && r.Owner == DnsName.Parse("test."));
        Assert.Contains(response.Authorities, r => r.Type == RecordType.DS && r.Owner == DnsName.Parse("test."));
        Assert.Contains(response.Additionals, r => r.Type == RecordType.A && r.Owner == DnsName.Parse("ns.test."));
    }

    [Fact]
    public void RootHints_NameTheRootServer()
    {
        List<DnsRecord> hints = ZoneFileReader.ReadFile(hierarchy.RootHintsFile).ToList();

        DnsRecord ns = Assert.Single(hints, r => r.Type == RecordType.NS);
        Assert.True(ns.Owner.IsRoot);
        DnsRecord address = Assert.Single(hints, r => r.Type == RecordType.A);
        Assert.Equal(NameData.From(ns).Target, address.Owner);
        Assert.Equal(hierarchy.RootServer.Address, new IPAddress(address.Data.Span));
    }

    [Fact]
    public void TrustAnchor_NamesTheRootKsk()
    {
        DnsRecord anchor = Assert.Single(TrustAnchorFile.Load(hierarchy.TrustAnchorFile, DateTimeOffset.UtcNow));
        DnsMessage keys = BindHierarchy.Query(hierarchy.RootServer, ".", RecordType.DNSKEY, DnsHeaderFlags.None);

        Assert.Equal(RecordType.DS, anchor.Type);
        Assert.Contains(keys.Answers, r => r.Type == RecordType.DNSKEY && DsDigest.Matches(DsData.From(anchor), DnsName.Root, r.Data.Span));
        DnsRecord key = Assert.Single(TrustAnchorFile.Load(hierarchy.TrustAnchorKeyFile, DateTimeOffset.UtcNow));
        Assert.Equal(RecordType.DNSKEY, key.Type);
        Assert.True(DsDigest.Matches(DsData.From(anchor), DnsName.Root, key.Data.Span));
    }

    private static bool HasFlag(DnsMessage message, DnsHeaderFlags flag) => (message.Flags & flag) != 0;

    private static string Describe(DnsMessage response) =>
        $"{response.ResponseCode}, flags {response.Flags}, {response.Answers.Count} answers, {response.Authorities.Count} authority records" +
        string.Concat(response.Edns?.ExtendedErrors.Select(e => $", EDE {e.Code} \"{e.ExtraText}\"") ?? []);

    /// <summary>
    /// A signed answer as a validator needs it: an RRSIG over every answer RRset (but the CNAME a DNAME synthesises,
    /// which is never signed), and when the chain ends without the type asked, a signed NSEC or NSEC3 denial.
    /// </summary>
    private static void AssertSigned(HierarchyScenario scenario, DnsMessage response)
    {
        var dnames = response.Answers.Where(r => r.Type == RecordType.DNAME).Select(r => r.Owner).ToList();
        foreach (DnsRecord record in response.Answers.Where(r => r.Type != RecordType.RRSIG))
        {
            if (record.Type == RecordType.CNAME && dnames.Any(d => record.Owner.IsStrictSubdomainOf(d)))
            {
                continue;
            }

            Assert.True(
                response.Answers.Any(s => s.Type == RecordType.RRSIG && s.Owner == record.Owner && RrsigData.From(s).TypeCovered == record.Type),
                $"{scenario}: the upstream sent {record.Owner} {record.Type} without its RRSIG");
        }

        // An ANY answer is whatever RRsets the upstream holds at the name (RFC 8482 allows one); only an empty one is a denial.
        if (!response.Answers.Any(r => r.Type == scenario.Type || (scenario.Type == RecordType.ANY && r.Type != RecordType.RRSIG)))
        {
            Assert.True(
                response.Authorities.Any(r => r.Type is RecordType.NSEC or RecordType.NSEC3)
                && response.Authorities.Any(r => r.Type == RecordType.RRSIG && RrsigData.From(r).TypeCovered is RecordType.NSEC or RecordType.NSEC3),
                $"{scenario}: the upstream's denial has no signed NSEC or NSEC3: {Describe(response)}");
        }
    }
}
