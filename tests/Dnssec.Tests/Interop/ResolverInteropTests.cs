using System.Net;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// The resolver against real BIND authorities and a non-validating Unbound upstream: in stub mode (asking the
/// upstream) and in iterative mode (from the hierarchy's root hints), every scenario gets the status a validating
/// Unbound gives it (the manifest's expected status, checked by <see cref="HierarchyTests"/>).
/// </summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class ResolverInteropTests(BindHierarchy hierarchy)
{
    public static TheoryData<string> Scenarios => HierarchyScenario.Names;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ResolveStub_Scenario_MatchesValidatingUnbound(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);
        await using DnssecResolver resolver = Resolver(ResolutionMode.Stub, fallback: false);

        DnssecAnswer answer = await resolver.ResolveAsync(scenario.Question, scenario.Type);

        AssertMatches(scenario, answer, ResolutionPath.Stub);
    }

    /// <summary>
    /// As <see cref="ResolveStub_Scenario_MatchesValidatingUnbound"/>, with the upstream's cache emptied first, so that
    /// its answer comes from one fresh resolution whatever was asked before and whatever has expired since. The shapes
    /// differ: a CNAME to a name below an unsigned delegation of the CNAME's own zone comes back fresh with the parent's
    /// NSEC proving no DS beside the child's unsigned SOA, but without that NSEC once the target's negative entry
    /// (60 s) has expired before the CNAME (300 s).
    /// </summary>
    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ResolveStub_ScenarioFromAnEmptyUpstreamCache_MatchesValidatingUnbound(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);
        hierarchy.FlushUpstreamCache();
        await using DnssecResolver resolver = Resolver(ResolutionMode.Stub, fallback: false);

        DnssecAnswer answer = await resolver.ResolveAsync(scenario.Question, scenario.Type);

        AssertMatches(scenario, answer, ResolutionPath.Stub);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ResolveIterative_Scenario_MatchesValidatingUnbound(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);
        await using DnssecResolver resolver = Resolver(ResolutionMode.Iterative, fallback: false);

        DnssecAnswer answer = await resolver.ResolveAsync(scenario.Question, scenario.Type);

        AssertMatches(scenario, answer, ResolutionPath.Iterative);
    }

    [Fact]
    public async Task ResolveStub_UpstreamStrippingSignatures_FallsBackToIterativeAndStaysSecure()
    {
        // A stripping upstream is imitated by the authority of a zone with no DNSSEC-aware recursion: asking
        // test.'s authority (which does not recurse) as if it were the upstream gives no usable answer.
        var options = Options(ResolutionMode.Stub, fallback: true);
        options.Servers.Clear();
        options.Servers.Add(hierarchy.AuthorityOf("test."));
        await using var resolver = new DnssecResolver(options);

        DnssecAnswer answer = await resolver.ResolveAsync(DnsName.Parse("www.nsec.test."), RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(ResolutionPath.IterativeFallback, answer.Path);
    }

    /// <summary>
    /// RFC 9156 §2: with minimisation on (the default), BIND's query log shows that no authority was asked about a name
    /// below one of its child zones: the root learns only TLDs, a TLD only its children's names, and so on; only the
    /// zone that holds a name hears all of it. Every scenario keeps its verdict (see ResolveIterative_Scenario_…).
    /// </summary>
    [Fact]
    public async Task ResolveIterative_EveryScenarioMinimised_NoAuthorityHearsMoreThanTheLabelsItNeeds()
    {
        IReadOnlyList<BindQueryLog.Entry> queries = await IterateEveryScenarioAsync(minimise: true);

        Assert.NotEmpty(queries);
        Assert.Empty(Overheard(queries));
        Assert.Contains(queries, q => q.Server.Equals(hierarchy.RootServer.Address));
    }

    /// <summary>The same check without minimisation finds names overheard: it can fail, so the test above means something.</summary>
    [Fact]
    public async Task ResolveIterative_EveryScenarioNotMinimised_AuthoritiesHearWholeNames()
    {
        IReadOnlyList<BindQueryLog.Entry> queries = await IterateEveryScenarioAsync(minimise: false);

        Assert.NotEmpty(Overheard(queries));
    }

    /// <summary>Resolves every scenario iteratively with a fresh resolver; returns what the authorities were asked meanwhile.</summary>
    private async Task<IReadOnlyList<BindQueryLog.Entry>> IterateEveryScenarioAsync(bool minimise)
    {
        // The tests of this collection run one at a time, so the log holds only this resolver's queries from here on.
        long start = BindQueryLog.Length(hierarchy.QueryLogFile);
        ResolverOptions options = Options(ResolutionMode.Iterative, fallback: false);
        options.QnameMinimisation = minimise;
        foreach (string name in HierarchyScenario.Names)
        {
            // A resolver each, so no scenario is answered from what another cached.
            HierarchyScenario scenario = HierarchyScenario.Get(name);
            await using var resolver = new DnssecResolver(options);
            DnssecAnswer answer = await resolver.ResolveAsync(scenario.Question, scenario.Type);
            AssertMatches(scenario, answer, ResolutionPath.Iterative);
        }

        return BindQueryLog.ReadFrom(hierarchy.QueryLogFile, start);
    }

    /// <summary>The queries that told an authority more than it needs: a name below one of its child zones.</summary>
    private List<string> Overheard(IReadOnlyList<BindQueryLog.Entry> queries)
    {
        Dictionary<IPAddress, DnsName> zoneAt = hierarchy.Zones.ToDictionary(z => z.Address, z => z.Apex);
        List<string> overheard = [];
        foreach (BindQueryLog.Entry query in queries)
        {
            DnsName zone = zoneAt[query.Server];
            if (hierarchy.Zones.FirstOrDefault(child => child.Apex.IsStrictSubdomainOf(zone) && query.Name.IsStrictSubdomainOf(child.Apex)) is { } below)
            {
                overheard.Add($"{zone} was asked {query.Name} {query.Type}, below its child {below.Apex}");
            }
        }

        return overheard;
    }

    private static void AssertMatches(HierarchyScenario scenario, DnssecAnswer answer, ResolutionPath path)
    {
        Assert.True(scenario.Status == answer.Status, $"{scenario}: {answer.Status} ({answer.Result.Error}) {answer.Reason}");
        Assert.Equal(path, answer.Path);
        if (scenario.Status is SecurityStatus.Secure or SecurityStatus.Insecure)
        {
            Assert.Equal(scenario.Rcode, answer.ResponseCode);
        }
        else
        {
            Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
            Assert.NotNull(answer.ExtendedError);
        }
    }

    private DnssecResolver Resolver(ResolutionMode mode, bool fallback) => new(Options(mode, fallback));

    private ResolverOptions Options(ResolutionMode mode, bool fallback)
    {
        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(hierarchy.TrustAnchorFile, DateTimeOffset.UtcNow));
        var options = new ResolverOptions
        {
            Mode = mode,
            FallbackToIterative = fallback,
            TrustAnchors = anchors,
            RootHintsPath = hierarchy.RootHintsFile,
            AuthorityPort = hierarchy.AuthorityPort,
            Timeout = TimeSpan.FromSeconds(2),
        };
        options.Servers.Add(hierarchy.Upstream);
        return options;
    }
}
