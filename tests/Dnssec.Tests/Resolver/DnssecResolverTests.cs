using System.Net;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Resolver;

/// <summary>The resolver's stub path over an in-process hierarchy: validation, caching, coalescing and the public API.</summary>
public class DnssecResolverTests
{
    [Theory]
    [InlineData("www.example.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NoError)]
    [InlineData("nothere.example.test.", RecordType.A, SecurityStatus.Secure, DnsResponseCode.NXDomain)]
    [InlineData("www.example.test.", RecordType.MX, SecurityStatus.Secure, DnsResponseCode.NoError)]
    [InlineData("www.unsigned.test.", RecordType.A, SecurityStatus.Insecure, DnsResponseCode.NoError)]
    [InlineData("www.broken.test.", RecordType.A, SecurityStatus.Bogus, DnsResponseCode.ServFail)]
    public async Task ResolveAsync_Stub_GivesTheValidatedStatus(string name, RecordType type, SecurityStatus status, DnsResponseCode code)
    {
        (DnssecResolver resolver, _) = Create();

        DnssecAnswer answer = await resolver.ResolveAsync(name, type);

        Assert.True(status == answer.Status, answer.Reason);
        Assert.Equal(code, answer.ResponseCode);
        Assert.Equal(ResolutionPath.Stub, answer.Path);
        Assert.Equal(status is SecurityStatus.Bogus, answer.ExtendedError is not null);
    }

    [Fact]
    public async Task ResolveAsync_SameQuestionTwice_SecondComesFromTheCache()
    {
        (DnssecResolver resolver, InMemoryUpstream upstream) = Create();
        await resolver.ResolveAsync("www.example.test.", RecordType.A);
        int queries = upstream.Queries;

        DnssecAnswer again = await resolver.ResolveAsync("WWW.Example.Test.", RecordType.A);

        Assert.Equal(ResolutionPath.Cache, again.Path);
        Assert.Equal(queries, upstream.Queries);
        Assert.Equal(SecurityStatus.Secure, again.Status);
    }

    [Theory]
    [InlineData(false, "NSEC")]
    [InlineData(true, "NSEC3")]
    public async Task ResolveAsync_WildcardAnswer_SecondComesFromTheCache(bool nsec3, string description)
    {
        (DnssecResolver resolver, InMemoryUpstream upstream) = Create(nsec3);
        DnssecAnswer first = await resolver.ResolveAsync("any.wild.test.", RecordType.A);
        int queries = upstream.Queries;

        DnssecAnswer again = await resolver.ResolveAsync("any.wild.test.", RecordType.A);

        Assert.True(first.Status == SecurityStatus.Secure, $"{description}: {first.Reason}");
        Assert.Equal(TimeSpan.FromSeconds(300), first.Ttl);
        Assert.Equal(ResolutionPath.Cache, again.Path);
        Assert.Equal(queries, upstream.Queries);
        Assert.Equal(IPAddress.Parse("192.0.2.9"), new IPAddress(Assert.Single(again.Records).Data.Span));
    }

    [Theory]
    [InlineData(60, 60, "the data's TTL is the lesser")]
    [InlineData(7200, 300, "the denial proof's TTL (the SOA minimum) is the lesser")]
    public async Task ResolveAsync_WildcardAnswer_CachedForTheLesserOfDataAndProofTtl(int wildcardTtl, int expectedSeconds, string description)
    {
        (DnssecResolver resolver, _) = Create(wildcardTtl: wildcardTtl);

        DnssecAnswer answer = await resolver.ResolveAsync("any.wild.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.True(TimeSpan.FromSeconds(expectedSeconds) == answer.Ttl, $"{description}: {answer.Ttl}");
    }

    [Fact]
    public async Task ResolveAsync_ConcurrentIdenticalQuestions_ShareOneResolution()
    {
        (DnssecResolver resolver, InMemoryUpstream upstream) = Create();
        await resolver.ResolveAsync("mail.example.test.", RecordType.A);
        int warm = upstream.Queries;
        upstream.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // Each call joins the question in flight before it first awaits, and the gate holds the one upstream query
        // until all twenty have been made.
        Task<DnssecAnswer>[] pending = [.. Enumerable.Range(0, 20).Select(_ => resolver.ResolveAsync("www.example.test.", RecordType.A).AsTask())];
        await upstream.Held.Task;
        upstream.Gate.SetResult();
        DnssecAnswer[] answers = await Task.WhenAll(pending);

        Assert.All(answers, a => Assert.Equal(SecurityStatus.Secure, a.Status));
        Assert.Equal(warm + 1, upstream.Queries);
    }

    [Fact]
    public async Task ResolveAsync_CappedTtl_UsesTheRrsigOriginalTtl()
    {
        (DnssecResolver resolver, _) = Create();

        DnssecAnswer answer = await resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.All(answer.Records, r => Assert.True(r.Ttl <= 3600));
        Assert.Equal(TimeSpan.FromSeconds(3600), answer.Ttl);
    }

    [Fact]
    public async Task ResolveAddressesAsync_ReturnsBothFamiliesWithTheWeakerStatus()
    {
        (DnssecResolver resolver, _) = Create();

        AddressAnswer answer = await resolver.ResolveAddressesAsync(DnsName.Parse("www.example.test."));

        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.Equal([IPAddress.Parse("2001:db8::1"), IPAddress.Parse("192.0.2.1")], answer.Addresses);
    }

    [Fact]
    public async Task ResolveTlsaAsync_AsksForTheServiceName()
    {
        (DnssecResolver resolver, _) = Create();

        DnssecAnswer answer = await resolver.ResolveTlsaAsync(DnsName.Parse("mail.example.test."), 25);

        Assert.Equal("_25._tcp.mail.example.test.", answer.Question.Name.ToString());
        Assert.Equal(SecurityStatus.Secure, answer.Status);
        Assert.Single(answer.Records);
    }

    [Fact]
    public async Task ResolveAsync_NegativeAnswer_CachedForTheSoaMinimum()
    {
        (DnssecResolver resolver, _) = Create();

        DnssecAnswer answer = await resolver.ResolveAsync("nothere.example.test.", RecordType.A);

        Assert.Equal(TimeSpan.FromSeconds(300), answer.Ttl);
        Assert.Contains(answer.Authority, r => r.Type == RecordType.SOA);
    }

    [Theory]
    [InlineData("www.example.test.", SecurityStatus.Secure, DnsResponseCode.NoError)]
    [InlineData("nothere.example.test.", SecurityStatus.Secure, DnsResponseCode.NXDomain)]
    [InlineData("www.unsigned.test.", SecurityStatus.Insecure, DnsResponseCode.NoError)]
    [InlineData("www.broken.test.", SecurityStatus.Bogus, DnsResponseCode.ServFail)]
    public async Task ResolveAsync_IterativeFromAPrivateRoot_FollowsReferralsAndValidates(string name, SecurityStatus status, DnsResponseCode code)
    {
        var hierarchy = new ZoneHierarchy();
        hierarchy.Zone(".");
        hierarchy.Zone("test.");
        hierarchy.Zone("example.test.", z => { z.Denial = DenialOfExistence.Nsec3; z.Records = "www A 192.0.2.1"; });
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        hierarchy.Zone("broken.test.", z => { z.Records = "www A 192.0.2.8"; z.ExpirationOffset = TimeSpan.FromDays(-5); z.InceptionOffset = TimeSpan.FromDays(-20); });
        hierarchy.Build(TestHierarchy.Now);
        var options = new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = hierarchy.Anchors };
        options.RootServers.Add(hierarchy.RootAddress);
        await using var resolver = new DnssecResolver(options, null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestHierarchy.Now), new InMemoryTransport(hierarchy.Servers));

        DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);

        Assert.True(status == answer.Status, answer.Reason);
        Assert.Equal(code, answer.ResponseCode);
        Assert.Equal(ResolutionPath.Iterative, answer.Path);
    }

    [Theory]
    [InlineData("www.example.test.", SecurityStatus.Secure)]
    [InlineData("www.unsigned.test.", SecurityStatus.Indeterminate)]
    public async Task ResolveAsync_UpstreamLeavesOutOpt_JudgedByTheSignaturesItReturns(string name, SecurityStatus status)
    {
        // Some forwarders drop the OPT record but return the RRSIGs (Unbound's forward-zone scenarios): such an answer
        // is validated; one without OPT and without any RRSIG is still a roadblock, as no DNSSEC data can come back.
        (DnssecResolver resolver, _) = Create(tamper: (_, message) =>
        {
            message.Edns = null;
            return message;
        });

        DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);

        Assert.True(status == answer.Status, answer.Reason);
    }

    [Fact]
    public async Task ResolveAsync_AdditionalRecordsNothingPointsAt_AreLeftOut()
    {
        // Unbound's val_any: addresses of the name servers stay; an address no NS, MX or SRV names is dropped.
        (DnssecResolver resolver, _) = Create(tamper: (question, message) =>
        {
            message.Authorities.AddRange(Dnssec.Presentation.ZoneFileReader.Parse("unsigned.test. 3600 IN NS ns1.unsigned.test."));
            message.Additionals.AddRange(Dnssec.Presentation.ZoneFileReader.Parse("""
                ns1.unsigned.test. 3600 IN A 192.0.2.53
                stray.unsigned.test. 3600 IN A 192.0.2.66
                """));
            return message;
        });

        DnssecAnswer answer = await resolver.ResolveAsync("www.unsigned.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Insecure, answer.Status);
        Assert.Equal(["ns1.unsigned.test."], answer.Sections.Additional.Select(r => r.Owner.ToString()));
    }

    [Fact]
    public async Task ResolveAsync_UpstreamReturnsTheAliasAlone_TheTargetIsAskedFor()
    {
        // Unbound's val_cnametocloser: the forwarder answers with the CNAME only; the target is asked for separately.
        (DnssecResolver resolver, _) = Create(tamper: (question, message) =>
        {
            message.Answers.RemoveAll(r => !r.Owner.Equals(question.Name));
            return message;
        });

        DnssecAnswer answer = await resolver.ResolveAsync("alias.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(["www.example.test."], answer.Records.Select(r => r.Owner.ToString()));
    }

    private static (DnssecResolver, InMemoryUpstream) Create(bool nsec3 = false, int wildcardTtl = 3600, Func<DnsQuestion, DnsMessage, DnsMessage?>? tamper = null)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("wild.test.", z => { z.Denial = nsec3 ? DenialOfExistence.Nsec3 : DenialOfExistence.Nsec; z.Records = $"* {wildcardTtl} A 192.0.2.9"; });
        hierarchy.Zone("example.test.", z => z.Records = """
            www A 192.0.2.1
            www AAAA 2001:db8::1
            mail A 192.0.2.25
            alias CNAME www
            _25._tcp.mail TLSA 3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF
            """);
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        hierarchy.Zone("broken.test.", z => { z.Records = "www A 192.0.2.8"; z.ExpirationOffset = TimeSpan.FromDays(-5); z.InceptionOffset = TimeSpan.FromDays(-20); });
        hierarchy.Build();
        hierarchy.Authority.Tamper = tamper;
        var upstream = new InMemoryUpstream(hierarchy.Authority);
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        return (new DnssecResolver(options, null, hierarchy.Clock, upstream), upstream);
    }
}
