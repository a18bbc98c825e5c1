using Dnssec.Resolver;
using Dnssec.Tests.Dane;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The resolver's stub path over DNS over HTTPS upstreams: answers validated as over plain DNS, by POST and by GET, a
/// refused HTTPS upstream an error with the reason and nothing sent in clear text, and the configuration checks.
/// </summary>
public class DnssecResolverHttpsTests
{
    private const string Name = "www.example.test";

    [Theory]
    [InlineData("www.example.test.", SecurityStatus.Secure, DnsResponseCode.NoError, false)]
    [InlineData("nothere.example.test.", SecurityStatus.Secure, DnsResponseCode.NXDomain, false)]
    [InlineData("www.unsigned.test.", SecurityStatus.Insecure, DnsResponseCode.NoError, false)]
    [InlineData("www.broken.test.", SecurityStatus.Bogus, DnsResponseCode.ServFail, false)]
    [InlineData("www.example.test.", SecurityStatus.Secure, DnsResponseCode.NoError, true)]
    [InlineData("nothere.example.test.", SecurityStatus.Secure, DnsResponseCode.NXDomain, true)]
    [InlineData("www.unsigned.test.", SecurityStatus.Insecure, DnsResponseCode.NoError, true)]
    [InlineData("www.broken.test.", SecurityStatus.Bogus, DnsResponseCode.ServFail, true)]
    public async Task ResolveAsync_StrictHttpsUpstream_SameVerdictsAsPlainDns(string name, SecurityStatus status, DnsResponseCode code, bool useGet)
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new HttpsDnsServer(hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"https://{Name}:{server.EndPoint.Port}/dns-query#127.0.0.1");
        options.TlsCaFile = pki.RootPemPath;
        options.DohUseGet = useGet;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);

        // The same hierarchy asked in plain DNS is the reference the verdict must equal.
        await using var reference = new DnssecResolver(Options(hierarchy, "192.0.2.53"), null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));
        DnssecAnswer plainAnswer = await reference.ResolveAsync(name, RecordType.A);
        Assert.True(status == answer.Status, answer.Reason);
        Assert.Equal(plainAnswer.Status, answer.Status);
        Assert.Equal(code, answer.ResponseCode);
        Assert.Equal(plainAnswer.ResponseCode, answer.ResponseCode);
        Assert.Equal(ResolutionPath.Stub, answer.Path);
        Assert.Empty(plain.Exchanges);
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, request => Assert.Equal(useGet ? "GET" : "POST", request.Method));
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task ResolveAsync_HttpsUpstreamRefused_FailsWithTheReasonAndNothingInClearText()
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new HttpsDnsServer(hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"https://{server.EndPoint}/dns-query#dns.elsewhere.test");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.NotEqual(SecurityStatus.Secure, answer.Status);
        Assert.Contains("name mismatch", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(plain.Exchanges);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ResolveAsync_HttpsUpstreamNamedWithoutAddress_LookedUpAndAuthenticatedByTheName()
    {
        TestHierarchy hierarchy = Hierarchy();
        using var pki = TestPki.Create(TestKeyKind.Ecdsa, [LocalHostName.Name]);
        await using var server = new HttpsDnsServer(LocalHostName.Address, hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"https://{LocalHostName.Name}:{server.EndPoint.Port}/dns-query");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.True(Assert.Single(resolver.Upstreams).AddressLookedUp);
        Assert.Empty(plain.Exchanges);
        Assert.NotEmpty(server.Requests);
        Assert.All(server.Requests, request => Assert.Equal(LocalHostName.Name + ":" + server.EndPoint.Port, request.Headers["Host"]));
    }

    [Fact]
    public async Task ResolveAsync_HttpsUpstreamNamedWithoutAddressOtherCertificate_RefusedForTheName()
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new HttpsDnsServer(LocalHostName.Address, hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"https://{LocalHostName.Name}:{server.EndPoint.Port}/dns-query");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        // The shared leaf is valid for www.example.test, chained to the trusted root, but not for the name looked up.
        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.Contains("name mismatch", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(plain.Exchanges);
        Assert.Empty(server.Requests);
    }

    [Fact]
    public async Task ResolveAsync_HttpsAndTlsUpstreams_EachAskedOverItsOwnProtocol()
    {
        TestHierarchy hierarchy = Hierarchy();
        using var self = TestPki.SelfSigned(TestKeyKind.Ecdsa, "dns.elsewhere.test");
        await using var https = new HttpsDnsServer(hierarchy.Authority.Resolve, self);
        await using var tls = new TlsDnsServer(hierarchy.Authority.Resolve, self);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"https://{https.EndPoint}/dns-query", $"tls://{tls.EndPoint}");
        options.Rotate = true;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        foreach (string name in (string[])["www.example.test.", "www.unsigned.test.", "nothere.example.test.", "a.example.test.", "b.example.test."])
        {
            DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);
            Assert.True(answer.ResponseCode is DnsResponseCode.NoError or DnsResponseCode.NXDomain, answer.Reason);
        }

        Assert.NotEmpty(https.Requests);
        Assert.NotEmpty(tls.QueryLengths);
        Assert.Empty(plain.Exchanges);
    }

    [Fact]
    public void Constructor_OneEndPointTlsAndHttps_InvalidOperationExceptionNamingBoth()
    {
        var options = new ResolverOptions { FallbackToIterative = false };
        options.Servers.Add(UpstreamServer.Parse("tls://192.0.2.1:443"));
        options.Servers.Add(UpstreamServer.Parse("https://192.0.2.1/dns-query"));

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => new DnssecResolver(options));

        Assert.Contains("Tls and Https", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OneEndPointTwoPaths_InvalidOperationExceptionNamingThem()
    {
        var options = new ResolverOptions { FallbackToIterative = false };
        options.Servers.Add(UpstreamServer.Parse("https://192.0.2.1/dns-query"));
        options.Servers.Add(UpstreamServer.Parse("https://dns.example/other#192.0.2.1"));

        InvalidOperationException exception = Assert.Throws<InvalidOperationException>(() => new DnssecResolver(options));

        Assert.Contains("/dns-query and /other", exception.Message, StringComparison.Ordinal);
    }

    private static ResolverOptions Options(TestHierarchy hierarchy, params string[] servers)
    {
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false };
        foreach (string server in servers)
        {
            options.Servers.Add(UpstreamServer.Parse(server));
        }

        return options;
    }

    private static TestHierarchy Hierarchy()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1\na A 192.0.2.2\nb A 192.0.2.3");
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        hierarchy.Zone("broken.test.", z => { z.Records = "www A 192.0.2.8"; z.ExpirationOffset = TimeSpan.FromDays(-5); z.InceptionOffset = TimeSpan.FromDays(-20); });
        return hierarchy.Build();
    }
}
