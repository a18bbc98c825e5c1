using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The resolver's RRset cache: validated RRsets kept one by one with their own verdicts, CNAME chains assembled from
/// links that other questions brought, only the uncached end of a chain asked for, and bounds in entries and octets
/// that evict without emptying.
/// </summary>
public sealed class RRsetCacheTests
{
    [Fact]
    public async Task ResolveAsync_ChainWhoseLinksOtherQuestionsBrought_AssembledWithoutAQuery()
    {
        (DnssecResolver resolver, RecordingTransport upstream, _) = Create();
        await resolver.ResolveAsync("alias.example.test.", RecordType.CNAME);
        await resolver.ResolveAsync("www.example.test.", RecordType.A);
        int asked = upstream.Exchanges.Count;

        DnssecAnswer answer = await resolver.ResolveAsync("alias.example.test.", RecordType.A);

        Assert.Equal(asked, upstream.Exchanges.Count);
        Assert.Equal(ResolutionPath.Cache, answer.Path);
        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        Assert.Equal([RecordType.CNAME, RecordType.A], answer.Sections.Answer.Select(rrset => rrset.Type));
        Assert.All(answer.Sections.Answer, rrset => Assert.NotEmpty(rrset.Signatures));
        Assert.Equal(["www.example.test."], answer.Records.Select(r => r.Owner.ToString()));
        Assert.Contains(answer.Chain, zone => zone.Zone.Equals(DnsName.Parse("example.test.")));
    }

    [Fact]
    public async Task ResolveAsync_OnlyTheFirstLinkCached_OnlyTheEndOfTheChainAskedFor()
    {
        (DnssecResolver resolver, RecordingTransport upstream, _) = Create();
        await resolver.ResolveAsync("alias.example.test.", RecordType.CNAME);
        int asked = upstream.Exchanges.Count;

        DnssecAnswer answer = await resolver.ResolveAsync("alias.example.test.", RecordType.A);

        Assert.Equal(["www.example.test. A"], upstream.Exchanges.Skip(asked).Select(e => $"{e.Question.Name} {e.Question.Type}"));
        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal([RecordType.CNAME, RecordType.A], answer.Sections.Answer.Select(rrset => rrset.Type));
        Assert.Equal(DnsName.Parse("alias.example.test."), answer.Question.Name);
    }

    [Fact]
    public async Task ResolveAsync_CachedLinkIntoAnUnsignedZone_InsecureAsWhenAskedWhole()
    {
        // A chain is only as strong as its weakest link (RFC 4035 §5: a Secure CNAME into an unsigned zone is Insecure).
        (DnssecResolver resolver, RecordingTransport upstream, TestHierarchy hierarchy) = Create();
        await resolver.ResolveAsync("away.example.test.", RecordType.CNAME);
        await resolver.ResolveAsync("www.unsigned.test.", RecordType.A);
        int asked = upstream.Exchanges.Count;

        DnssecAnswer assembled = await resolver.ResolveAsync("away.example.test.", RecordType.A);
        DnssecAnswer whole = await Create(hierarchy).Resolver.ResolveAsync("away.example.test.", RecordType.A);

        Assert.Equal(asked, upstream.Exchanges.Count);
        Assert.Equal(ResolutionPath.Cache, assembled.Path);
        Assert.Equal(whole.Status, assembled.Status);
        Assert.Equal(SecurityStatus.Insecure, assembled.Status);
        Assert.Equal(whole.Answer.Select(r => r.ToString()), assembled.Answer.Select(r => r.ToString()));
    }

    [Fact]
    public async Task ResolveAsync_CachedLinkToANameThatDoesNotExist_NxdomainWithTheProofOfTheEnd()
    {
        (DnssecResolver resolver, RecordingTransport upstream, _) = Create();
        await resolver.ResolveAsync("dangling.example.test.", RecordType.CNAME);

        DnssecAnswer answer = await resolver.ResolveAsync("dangling.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        Assert.Equal([RecordType.CNAME], answer.Sections.Answer.Select(rrset => rrset.Type));
        Assert.Contains(answer.Sections.Authority, rrset => rrset.Type == RecordType.NSEC);
        Assert.Contains(upstream.Exchanges, e => e.Question.Name.Equals(DnsName.Parse("gone.example.test.")));
    }

    [Fact]
    public async Task ResolveAsync_LinksAged_TtlIsTheLeastLeft()
    {
        (DnssecResolver resolver, _, TestHierarchy hierarchy) = Create();
        await resolver.ResolveAsync("alias.example.test.", RecordType.CNAME);
        hierarchy.Clock.Advance(TimeSpan.FromSeconds(100));
        await resolver.ResolveAsync("www.example.test.", RecordType.A);
        hierarchy.Clock.Advance(TimeSpan.FromSeconds(10));

        DnssecAnswer answer = await resolver.ResolveAsync("alias.example.test.", RecordType.A);

        Assert.Equal(ResolutionPath.Cache, answer.Path);
        Assert.Equal(TimeSpan.FromSeconds(300 - 110), answer.Ttl);
        Assert.Equal([300u - 110, 3600u - 10], answer.Sections.Answer.Select(rrset => rrset.Ttl));
    }

    [Fact]
    public async Task ResolveAsync_CnameLoopInTheCache_ResolvedNotFollowedForever()
    {
        (DnssecResolver resolver, RecordingTransport upstream, _) = Create();
        await resolver.ResolveAsync("loop1.example.test.", RecordType.CNAME);
        await resolver.ResolveAsync("loop2.example.test.", RecordType.CNAME);
        int asked = upstream.Exchanges.Count;

        DnssecAnswer answer = await resolver.ResolveAsync("loop1.example.test.", RecordType.A);

        Assert.True(upstream.Exchanges.Count > asked);
        Assert.NotEqual(ResolutionPath.Cache, answer.Path);
    }

    [Theory]
    [InlineData(10_000, 8 * 1024)]
    [InlineData(16, 64L * 1024 * 1024)]
    public async Task ResolveAsync_MoreThanTheBoundsHold_KeptWithinThemWithoutEmptying(long entries, long bytes)
    {
        (DnssecResolver resolver, RecordingTransport upstream, _) = Create(cacheSize: entries, cacheBytes: bytes);

        for (int i = 0; i < 60; i++)
        {
            DnssecAnswer answer = await resolver.ResolveAsync($"h{i}.example.test.", RecordType.A);
            Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
            Assert.InRange(resolver.CacheBytes, 1, bytes);
            Assert.InRange(resolver.CacheEntries, 1, entries);
        }

        int asked = upstream.Exchanges.Count;
        DnssecAnswer latest = await resolver.ResolveAsync("h59.example.test.", RecordType.A);
        Assert.Equal(ResolutionPath.Cache, latest.Path);
        Assert.Equal(asked, upstream.Exchanges.Count);
    }

    [Fact]
    public async Task ResolveAsync_BogusAnswer_NoRRsetOfItKept()
    {
        (DnssecResolver resolver, RecordingTransport upstream, _) = Create();
        DnssecAnswer bogus = await resolver.ResolveAsync("www.broken.test.", RecordType.A);
        Assert.Equal(SecurityStatus.Bogus, bogus.Status);

        DnssecAnswer again = await resolver.ResolveAsync("www.broken.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Bogus, again.Status);
        Assert.Empty(again.Answer);
        Assert.Equal(DnsResponseCode.ServFail, again.ResponseCode);
    }

    private static (DnssecResolver Resolver, RecordingTransport Upstream, TestHierarchy Hierarchy) Create(long cacheSize = 10_000, long cacheBytes = 32L * 1024 * 1024)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = string.Join('\n', [
            "www A 192.0.2.1",
            "alias 300 CNAME www",
            "away CNAME www.unsigned.test.",
            "dangling CNAME gone",
            "loop1 CNAME loop2",
            "loop2 CNAME loop1",
            .. Enumerable.Range(0, 60).Select(i => $"h{i} A 192.0.2.{i + 10}")]));
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        hierarchy.Zone("broken.test.", z => { z.Records = "www A 192.0.2.8"; z.ExpirationOffset = TimeSpan.FromDays(-5); z.InceptionOffset = TimeSpan.FromDays(-20); });
        hierarchy.Build();
        (DnssecResolver resolver, RecordingTransport upstream) = Create(hierarchy, cacheSize, cacheBytes);
        return (resolver, upstream, hierarchy);
    }

    private static (DnssecResolver Resolver, RecordingTransport Upstream) Create(TestHierarchy hierarchy, long cacheSize = 10_000, long cacheBytes = 32L * 1024 * 1024)
    {
        var upstream = new RecordingTransport((server, question) =>
        {
            DnsMessage response = hierarchy.Authority.Resolve(question) ?? throw new InvalidOperationException($"no answer for {question}");
            byte[] wire = response.ToArray();
            return TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length);
        });
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false, AggressiveNsec = false, CacheSize = cacheSize, CacheBytes = cacheBytes };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        return (new DnssecResolver(options, null, hierarchy.Clock, upstream), upstream);
    }
}
