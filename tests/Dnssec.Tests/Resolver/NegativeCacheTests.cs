using System.Net;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Validated negative answers (RFC 2308) asked again within their TTL: the cached answer keeps its status, rcode and
/// proof, the TTL is that of the proof's records (RFC 9077), and nothing is asked upstream again.
/// </summary>
public sealed class NegativeCacheTests
{
    [Theory]
    [InlineData("nothere.example.test.", RecordType.A, DnsResponseCode.NXDomain, false, "NXDOMAIN, NSEC")]
    [InlineData("nothere.example.test.", RecordType.A, DnsResponseCode.NXDomain, true, "NXDOMAIN, NSEC3")]
    [InlineData("www.example.test.", RecordType.MX, DnsResponseCode.NoError, false, "NODATA, NSEC")]
    [InlineData("www.example.test.", RecordType.MX, DnsResponseCode.NoError, true, "NODATA, NSEC3")]
    [InlineData("x.wild.example.test.", RecordType.MX, DnsResponseCode.NoError, false, "wildcard NODATA, NSEC")]
    [InlineData("x.wild.example.test.", RecordType.MX, DnsResponseCode.NoError, true, "wildcard NODATA, NSEC3")]
    [InlineData("ent.example.test.", RecordType.A, DnsResponseCode.NoError, true, "empty non-terminal, NSEC3")]
    public async Task ResolveAsync_SecureNegativeAskedAgainWithinItsTtl_ComesFromTheCacheSecureWithItsProof(string name, RecordType type, DnsResponseCode code, bool nsec3, string description)
    {
        (DnssecResolver resolver, InMemoryUpstream upstream, TestHierarchy hierarchy) = Create(nsec3);
        DnssecAnswer first = await resolver.ResolveAsync(name, type);
        int queries = upstream.Queries;
        hierarchy.Clock.Advance(TimeSpan.FromSeconds(100));

        DnssecAnswer again = await resolver.ResolveAsync(name, type);

        Assert.True(first.Status == SecurityStatus.Secure, $"{description}: first {first.Reason}");
        Assert.True(again.Status == SecurityStatus.Secure, $"{description}: again {again.Status} {again.Reason}");
        Assert.Equal(code, first.ResponseCode);
        Assert.Equal(code, again.ResponseCode);
        Assert.Equal(ResolutionPath.Cache, again.Path);
        Assert.Equal(queries, upstream.Queries);
        Assert.True(first.Ttl > TimeSpan.FromSeconds(100), $"{description}: cached for only {first.Ttl}");
        Assert.Equal(first.Ttl - TimeSpan.FromSeconds(100), again.Ttl);

        // The proof is handed out again beside the denial, aged like the rest (RFC 4035 §3.1.3).
        Assert.Contains(again.Sections.Authority, rrset => rrset.Type is RecordType.NSEC or RecordType.NSEC3);
        Assert.Contains(again.Sections.Authority, rrset => rrset.Type == RecordType.SOA);
        Assert.All(again.Sections.Authority, rrset => Assert.True(rrset.Ttl <= first.Sections.Authority.Max(r => r.Ttl) - 100, $"{rrset} was not aged"));
    }

    [Theory]
    [InlineData("nothere.example.test.", RecordType.A, DnsResponseCode.NXDomain, false, 100)]
    [InlineData("nothere.example.test.", RecordType.A, DnsResponseCode.NXDomain, true, 100)]
    [InlineData("www.example.test.", RecordType.MX, DnsResponseCode.NoError, false, 100)]
    [InlineData("www.example.test.", RecordType.MX, DnsResponseCode.NoError, true, 100)]
    [InlineData("nothere.example.test.", RecordType.A, DnsResponseCode.NXDomain, false, 400)]
    [InlineData("nothere.example.test.", RecordType.A, DnsResponseCode.NXDomain, true, 400)]
    [InlineData("www.example.test.", RecordType.MX, DnsResponseCode.NoError, false, 400)]
    [InlineData("www.example.test.", RecordType.MX, DnsResponseCode.NoError, true, 400)]
    [InlineData("x.wild.example.test.", RecordType.MX, DnsResponseCode.NoError, true, 400)]
    public async Task ResolveAsync_IterativeNegativeAskedAgain_StaysSecure(string name, RecordType type, DnsResponseCode code, bool nsec3, int seconds)
    {
        // Within the answer's TTL (100 s) it comes from the answer cache; after it (400 s) it is resolved again while
        // the keys, delegations and the referrals' DS proofs are still remembered.
        var hierarchy = new ZoneHierarchy();
        hierarchy.Zone(".");
        hierarchy.Zone("test.", z => z.Denial = nsec3 ? DenialOfExistence.Nsec3 : DenialOfExistence.Nsec);
        hierarchy.Zone("example.test.", z =>
        {
            z.Denial = nsec3 ? DenialOfExistence.Nsec3 : DenialOfExistence.Nsec;
            z.Records = "www A 192.0.2.1\n*.wild TXT \"wildcard\"";
        });
        hierarchy.Build(TestHierarchy.Now);
        var options = new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = hierarchy.Anchors };
        options.RootServers.Add(hierarchy.RootAddress);
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        await using var resolver = new DnssecResolver(options, null, clock, new InMemoryTransport(hierarchy.Servers));
        DnssecAnswer first = await resolver.ResolveAsync(name, type);
        clock.Advance(TimeSpan.FromSeconds(seconds));

        DnssecAnswer again = await resolver.ResolveAsync(name, type);

        Assert.True(first.Status == SecurityStatus.Secure, $"first: {first.Reason}");
        Assert.True(again.Status == SecurityStatus.Secure, $"after {seconds} s: {again.Status} {again.Reason}");
        Assert.Equal(code, again.ResponseCode);
        Assert.Equal(seconds < first.Ttl.TotalSeconds ? ResolutionPath.Cache : ResolutionPath.Iterative, again.Path);
    }

    [Theory]
    [InlineData(false, "NSEC")]
    [InlineData(true, "NSEC3")]
    public async Task ResolveAsync_NegativeAnswer_LivesNoLongerThanItsDenialRecords(bool nsec3, string description)
    {
        // RFC 9077 §3: a negative answer lives no longer than the NSEC/NSEC3 records that prove it; here they come with
        // less TTL left than the SOA's minimum (300), so theirs must decide.
        (DnssecResolver resolver, _, _) = Create(nsec3, denialTtl: 120);

        DnssecAnswer answer = await resolver.ResolveAsync("nothere.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, $"{description}: {answer.Reason}");
        Assert.True(answer.Ttl <= TimeSpan.FromSeconds(120), $"{description}: cached for {answer.Ttl}");
    }

    private static (DnssecResolver, InMemoryUpstream, TestHierarchy) Create(bool nsec3, uint? denialTtl = null)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z =>
        {
            z.Denial = nsec3 ? DenialOfExistence.Nsec3 : DenialOfExistence.Nsec;
            z.Records = """
                www A 192.0.2.1
                *.wild TXT "wildcard"
                host.ent A 192.0.2.2
                """;
            if (denialTtl is { } ttl)
            {
                // As a cache upstream serves them part-way through their TTL: lower than signed, which is allowed.
                z.AfterSigning = zone =>
                {
                    for (int i = 0; i < zone.Count; i++)
                    {
                        if (zone[i].Type is RecordType.NSEC or RecordType.NSEC3
                            || (zone[i].Type == RecordType.RRSIG && RrsigData.From(zone[i]).TypeCovered is RecordType.NSEC or RecordType.NSEC3))
                        {
                            zone[i] = zone[i].WithTtl(ttl);
                        }
                    }
                };
            }
        });
        hierarchy.Build();
        var upstream = new InMemoryUpstream(hierarchy.Authority);
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        return (new DnssecResolver(options, null, hierarchy.Clock, upstream), upstream, hierarchy);
    }
}
