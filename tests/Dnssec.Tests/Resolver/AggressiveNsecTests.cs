using System.Globalization;
using System.Net;
using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Aggressive use of the DNSSEC-validated cache (RFC 8198): after one secure denial, other names and types the same
/// validated NSEC or NSEC3 records deny are answered from them without a query; whatever they do not prove (data that
/// exists, a wildcard that matches, a name below a delegation, an opt-out span) is still asked for.
/// </summary>
public sealed class AggressiveNsecTests
{
    private const string Records = """
        www A 192.0.2.1
        *.wild TXT "wildcard"
        host.ent A 192.0.2.2
        """;

    [Theory]
    [InlineData(false, "nothere.example.test.", "n{0}.example.test.", RecordType.A, DnsResponseCode.NXDomain)]
    [InlineData(true, "nothere.example.test.", "n{0}.example.test.", RecordType.A, DnsResponseCode.NXDomain)]
    [InlineData(false, "nothere.example.test.", "deeper.n{0}.example.test.", RecordType.TXT, DnsResponseCode.NXDomain)]
    [InlineData(true, "nothere.example.test.", "deeper.n{0}.example.test.", RecordType.TXT, DnsResponseCode.NXDomain)]
    [InlineData(false, "x.wild.example.test.", "y{0}.wild.example.test.", RecordType.MX, DnsResponseCode.NoError)]
    [InlineData(true, "x.wild.example.test.", "y{0}.wild.example.test.", RecordType.MX, DnsResponseCode.NoError)]
    public async Task ResolveAsync_AnotherNameTheCachedProofDenies_SynthesisedSecureWithoutAQuery(bool nsec3, string first, string pattern, RecordType type, DnsResponseCode code)
    {
        (DnssecResolver resolver, InMemoryUpstream upstream, _) = Create(nsec3);
        DnssecAnswer denied = await resolver.ResolveAsync(first, type);
        int queries = upstream.Queries;
        DnsName second = AnotherNameDeniedBy(denied, pattern, type, code == DnsResponseCode.NXDomain);

        DnssecAnswer synthesised = await resolver.ResolveAsync(second, type);

        Assert.True(denied.Status == SecurityStatus.Secure, denied.Reason);
        Assert.Equal(ResolutionPath.Synthesized, synthesised.Path);
        Assert.Equal(SecurityStatus.Secure, synthesised.Status);
        Assert.Equal(code, synthesised.ResponseCode);
        Assert.Equal(queries, upstream.Queries);
        Assert.Empty(synthesised.Answer);
        Assert.Contains(synthesised.Sections.Authority, rrset => rrset.Type == RecordType.SOA && rrset.Signatures.Count > 0);
        Assert.Contains(synthesised.Sections.Authority, rrset => rrset.Type == (nsec3 ? RecordType.NSEC3 : RecordType.NSEC) && rrset.Signatures.Count > 0);
        Assert.NotEmpty(synthesised.Chain);
        Assert.Contains("RFC 8198", synthesised.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResolveAsync_AnotherTypeOfADeniedName_NodataSynthesisedButExistingDataAskedFor(bool nsec3)
    {
        (DnssecResolver resolver, InMemoryUpstream upstream, _) = Create(nsec3);
        await resolver.ResolveAsync("www.example.test.", RecordType.MX);
        int queries = upstream.Queries;

        DnssecAnswer nodata = await resolver.ResolveAsync("www.example.test.", RecordType.SRV);
        DnssecAnswer data = await resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(ResolutionPath.Synthesized, nodata.Path);
        Assert.Equal(DnsResponseCode.NoError, nodata.ResponseCode);
        Assert.Equal(SecurityStatus.Secure, nodata.Status);
        Assert.Equal(queries + 1, upstream.Queries);
        Assert.Equal(ResolutionPath.Stub, data.Path);
        Assert.Equal(SecurityStatus.Secure, data.Status);
        Assert.Single(data.Records);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResolveAsync_TypeTheMatchingWildcardHas_AskedForNotDenied(bool nsec3)
    {
        // The cached proof shows *.wild exists; it says nothing against its TXT, which is expanded by the authority.
        (DnssecResolver resolver, InMemoryUpstream upstream, _) = Create(nsec3);
        await resolver.ResolveAsync("x.wild.example.test.", RecordType.MX);
        int queries = upstream.Queries;

        DnssecAnswer expanded = await resolver.ResolveAsync("y.wild.example.test.", RecordType.TXT);

        Assert.Equal(ResolutionPath.Stub, expanded.Path);
        Assert.Equal(SecurityStatus.Secure, expanded.Status);
        Assert.Single(expanded.Records);
        Assert.True(upstream.Queries > queries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResolveAsync_AnotherNameUnderACachedWildcard_ExpandedFromItWithoutAQuery(bool nsec3)
    {
        // RFC 8198 §5.3: the wildcard's validated RRset and the records showing no closer match answer other names.
        (DnssecResolver resolver, InMemoryUpstream upstream, TestHierarchy hierarchy) = Create(nsec3);
        DnssecAnswer first = await resolver.ResolveAsync("x.wild.example.test.", RecordType.TXT);
        Assert.True(first.Status == SecurityStatus.Secure && first.Path == ResolutionPath.Stub, first.Reason);
        DnsName second = AnotherNameExpandedBy(first, "y{0}.wild.example.test.", wildcardParentLabels: 3);
        int queries = upstream.Queries;

        DnssecAnswer synthesised = await resolver.ResolveAsync(second, RecordType.TXT);

        Assert.Equal(ResolutionPath.Synthesized, synthesised.Path);
        Assert.True(synthesised.Status == SecurityStatus.Secure, synthesised.Reason);
        Assert.Equal(DnsResponseCode.NoError, synthesised.ResponseCode);
        Assert.Equal(queries, upstream.Queries);
        DnsRRset answer = Assert.Single(synthesised.Sections.Answer);
        Assert.Equal(second, answer.Owner);
        Assert.All(answer.Signatures, signature => Assert.Equal(second, signature.Owner));
        Assert.Equal(3, RrsigData.From(Assert.Single(answer.Signatures)).Labels);
        Assert.Contains(synthesised.Sections.Authority, rrset => rrset.Type == (nsec3 ? RecordType.NSEC3 : RecordType.NSEC));

        // What the authority itself expands for that name, through a resolver that synthesises nothing.
        (DnssecResolver plain, _) = Resolver(hierarchy, aggressive: false);
        DnssecAnswer asked = await plain.ResolveAsync(second, RecordType.TXT);
        Assert.Equal(asked.Status, synthesised.Status);
        Assert.Equal(asked.Records.Select(r => Convert.ToHexString(r.Data.Span)), synthesised.Records.Select(r => Convert.ToHexString(r.Data.Span)));
        Assert.Equal(asked.Sections.Answer[0].Signatures.Select(r => Convert.ToHexString(r.Data.Span)), answer.Signatures.Select(r => Convert.ToHexString(r.Data.Span)));
        Assert.True(synthesised.Ttl <= first.Ttl);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResolveAsync_NameWithACloserMatchThanTheCachedWildcard_NeverExpandedFromIt(bool nsec3)
    {
        // RFC 4035 §5.3.4: below an existing name the wildcard above it does not apply.
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Denial = nsec3 ? DenialOfExistence.Nsec3 : DenialOfExistence.Nsec;
            z.Records = Records + "\nsub.wild TXT \"explicit\"";
        });
        hierarchy.Build();
        (DnssecResolver resolver, _) = Resolver(hierarchy);
        Assert.Equal(SecurityStatus.Secure, (await resolver.ResolveAsync("x.wild.example.test.", RecordType.TXT)).Status);

        DnssecAnswer explicitName = await resolver.ResolveAsync("sub.wild.example.test.", RecordType.TXT);
        DnssecAnswer below = await resolver.ResolveAsync("deep.sub.wild.example.test.", RecordType.TXT);

        Assert.NotEqual(ResolutionPath.Synthesized, explicitName.Path);
        Assert.Equal("086578706C69636974", Convert.ToHexString(Assert.Single(explicitName.Records).Data.Span));
        Assert.True(below.Status == SecurityStatus.Secure, below.Reason);
        Assert.Equal(DnsResponseCode.NXDomain, below.ResponseCode);
        Assert.Empty(below.Answer);
    }

    [Fact]
    public async Task ResolveAsync_NameBelowADelegationTheCachedNsecShows_AskedForNotDenied()
    {
        // RFC 4035 §5.4, RFC 6840 §4.1: the parent's NSEC at a cut says nothing about the names below it.
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = Records);
        hierarchy.Zone("island.example.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.9"; });
        hierarchy.Build();
        (DnssecResolver resolver, InMemoryUpstream upstream) = Resolver(hierarchy);
        DnssecAnswer denied = await resolver.ResolveAsync("islandz.example.test.", RecordType.A);
        Assert.True(denied.Status == SecurityStatus.Secure && denied.ResponseCode == DnsResponseCode.NXDomain, denied.Reason);
        Assert.Contains(denied.Sections.Authority, rrset => rrset.Type == RecordType.NSEC && rrset.Owner.Equals(DnsName.Parse("island.example.test.")));
        int queries = upstream.Queries;

        DnssecAnswer below = await resolver.ResolveAsync("www.island.example.test.", RecordType.A);

        Assert.NotEqual(ResolutionPath.Synthesized, below.Path);
        Assert.Equal(SecurityStatus.Insecure, below.Status);
        Assert.Single(below.Records);
        Assert.True(upstream.Queries > queries);
    }

    [Theory]
    [InlineData("nothere.example.test.", "other.example.test.", RecordType.A)]
    [InlineData("x.wild.example.test.", "y.wild.example.test.", RecordType.TXT)]
    public async Task ResolveAsync_OptOutSpan_NeverSynthesised(string first, string second, RecordType type)
    {
        // RFC 8198 §6 (RFC 5155 §9.2): an opt-out span may hide an unsigned delegation, so it denies nothing for sure,
        // and an opt-out cover of a wildcard's next closer name does not show that no closer name exists.
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => { z.Denial = DenialOfExistence.Nsec3; z.Nsec3OptOut = true; z.Records = Records; });
        hierarchy.Build();
        (DnssecResolver resolver, InMemoryUpstream upstream) = Resolver(hierarchy);
        await resolver.ResolveAsync(first, type);
        int queries = upstream.Queries;

        DnssecAnswer again = await resolver.ResolveAsync(second, type);

        Assert.NotEqual(ResolutionPath.Synthesized, again.Path);
        Assert.True(upstream.Queries > queries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResolveAsync_AggressiveNsecOff_EveryNameAskedFor(bool nsec3)
    {
        (DnssecResolver resolver, InMemoryUpstream upstream, _) = Create(nsec3, aggressive: false);
        await resolver.ResolveAsync("nothere.example.test.", RecordType.A);
        int queries = upstream.Queries;

        DnssecAnswer again = await resolver.ResolveAsync("other.example.test.", RecordType.A);

        Assert.Equal(ResolutionPath.Stub, again.Path);
        Assert.Equal(queries + 1, upstream.Queries);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ResolveAsync_Synthesised_TtlCountsDownAndEndsWithTheRecords(bool nsec3)
    {
        // RFC 8198 §5.4 with RFC 9077: no longer than the SOA's TTL and MINIMUM and the denial records' TTL left.
        (DnssecResolver resolver, InMemoryUpstream upstream, TestHierarchy hierarchy) = Create(nsec3);
        DnssecAnswer denied = await resolver.ResolveAsync("nothere.example.test.", RecordType.A);
        DnsName second = AnotherNameDeniedBy(denied, "n{0}.example.test.", RecordType.A, nameError: true);
        hierarchy.Clock.Advance(TimeSpan.FromSeconds(100));

        DnssecAnswer synthesised = await resolver.ResolveAsync(second, RecordType.A);
        Assert.Equal(ResolutionPath.Synthesized, synthesised.Path);
        Assert.Equal(denied.Ttl - TimeSpan.FromSeconds(100), synthesised.Ttl);
        Assert.All(synthesised.Sections.Authority, rrset => Assert.True(rrset.Ttl <= synthesised.Ttl.TotalSeconds, $"{rrset} outlives the answer"));

        hierarchy.Clock.Advance(denied.Ttl);
        int queries = upstream.Queries;
        DnssecAnswer expired = await resolver.ResolveAsync(second, RecordType.A);

        Assert.Equal(ResolutionPath.Stub, expired.Path);
        Assert.True(upstream.Queries > queries);
    }

    [Fact]
    public async Task ResolveAsync_ManyDenials_KeptWithinTheCapacityWithoutEmptying()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = string.Join('\n', Enumerable.Range(0, 40).Select(i => $"n{i:D2} A 192.0.2.{i + 1}")));
        hierarchy.Build();
        (DnssecResolver resolver, _) = Resolver(hierarchy, cacheSize: 16);

        for (int i = 0; i < 40; i++)
        {
            DnssecAnswer denied = await resolver.ResolveAsync($"n{i:D2}a.example.test.", RecordType.A);
            Assert.True(denied.Status == SecurityStatus.Secure && denied.ResponseCode == DnsResponseCode.NXDomain, denied.Reason);
            Assert.InRange(resolver.DenialRecordsKept, 1, 16);
        }

        DnssecAnswer latest = await resolver.ResolveAsync("n39b.example.test.", RecordType.A);
        Assert.Equal(ResolutionPath.Synthesized, latest.Path);
    }

    /// <summary>
    /// The first name made from <paramref name="pattern"/> that the denial records of <paramref name="answer"/> alone deny,
    /// as the validator's own provers judge them: with NSEC3 only a name whose hash falls in a span already seen can be.
    /// </summary>
    private static DnsName AnotherNameDeniedBy(DnssecAnswer answer, string pattern, RecordType type, bool nameError) =>
        FirstNameProvenBy(answer, pattern, (prover, candidate, zone) => (nameError ? prover.ProveNameError(candidate, zone) : prover.ProveNoData(candidate, type, zone)).IsProven);

    /// <summary>
    /// The first name made from <paramref name="pattern"/> that the denial records of the wildcard answer
    /// <paramref name="answer"/> alone show to be rightly expanded from the wildcard below <paramref name="wildcardParentLabels"/>.
    /// </summary>
    private static DnsName AnotherNameExpandedBy(DnssecAnswer answer, string pattern, int wildcardParentLabels) =>
        FirstNameProvenBy(answer, pattern, (prover, candidate, zone) => prover.ProveWildcardAnswer(candidate, wildcardParentLabels, zone).IsProven);

    private static DnsName FirstNameProvenBy(DnssecAnswer answer, string pattern, Func<IDenialProver, DnsName, DnsName, bool> proven)
    {
        List<DnsRRset> nsecs = [.. answer.Sections.Authority.Where(rrset => rrset.Type == RecordType.NSEC)];
        List<DnsRRset> nsec3s = [.. answer.Sections.Authority.Where(rrset => rrset.Type == RecordType.NSEC3)];
        DnsName zone = DnsName.Parse("example.test.");
        for (int i = 0; i < 10_000; i++)
        {
            DnsName candidate = DnsName.Parse(string.Format(CultureInfo.InvariantCulture, pattern, i));
            IDenialProver prover = IDenialProver.For(nsecs, nsec3s, nsecWhenNeither: true, new AlgorithmPolicy(), new ValidationBudget(new ValidationLimits()));
            if (proven(prover, candidate, zone))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no name of the form {pattern} is proven by the records of {answer.Reason}");
    }

    private static (DnssecResolver, InMemoryUpstream, TestHierarchy) Create(bool nsec3, bool aggressive = true)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Denial = nsec3 ? DenialOfExistence.Nsec3 : DenialOfExistence.Nsec;
            z.Records = Records;
        });
        hierarchy.Build();
        (DnssecResolver resolver, InMemoryUpstream upstream) = Resolver(hierarchy, aggressive: aggressive);
        return (resolver, upstream, hierarchy);
    }

    private static (DnssecResolver, InMemoryUpstream) Resolver(TestHierarchy hierarchy, bool aggressive = true, long cacheSize = 10_000)
    {
        var upstream = new InMemoryUpstream(hierarchy.Authority);
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false, AggressiveNsec = aggressive, CacheSize = cacheSize };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        return (new DnssecResolver(options, null, hierarchy.Clock, upstream), upstream);
    }
}
