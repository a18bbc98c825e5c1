using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Dane;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The resolver's stub path over DNS over TLS upstreams: answers validated as over UDP, a refused TLS upstream an error
/// with the reason (never a retry in clear text), and the next upstream or the failure as the options say.
/// </summary>
public class DnssecResolverTlsTests
{
    private const string Name = "www.example.test";

    [Theory]
    [InlineData("www.example.test.", SecurityStatus.Secure, DnsResponseCode.NoError)]
    [InlineData("nothere.example.test.", SecurityStatus.Secure, DnsResponseCode.NXDomain)]
    [InlineData("www.unsigned.test.", SecurityStatus.Insecure, DnsResponseCode.NoError)]
    [InlineData("www.broken.test.", SecurityStatus.Bogus, DnsResponseCode.ServFail)]
    public async Task ResolveAsync_StrictTlsUpstream_SameVerdictsAsPlainDns(string name, SecurityStatus status, DnsResponseCode code)
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#{Name}");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);

        Assert.True(status == answer.Status, answer.Reason);
        Assert.Equal(code, answer.ResponseCode);
        Assert.Equal(ResolutionPath.Stub, answer.Path);
        Assert.Empty(plain.Exchanges);
        Assert.Equal(1, server.Connections);
    }

    [Fact]
    public async Task ResolveAsync_TlsUpstreamRefused_FailsWithTheReasonAndNothingInClearText()
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        var plain = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#dns.elsewhere.test");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.NotEqual(SecurityStatus.Secure, answer.Status);
        Assert.Contains("name mismatch", answer.Reason, StringComparison.Ordinal);
        Assert.Empty(plain.Exchanges);
        Assert.Empty(server.QueryLengths);
    }

    [Fact]
    public async Task ResolveAsync_TlsUpstreamRefusedTwice_TheSecondFailureIsTheRememberedRefusalWithoutAHandshake()
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#dns.elsewhere.test");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, new RecordingTransport((s, _) => RecordingTransport.Timeout(s)));

        DnssecAnswer first = await resolver.ResolveAsync(Name + ".", RecordType.A);
        DnssecAnswer second = await resolver.ResolveAsync("nothere.example.test.", RecordType.A);

        Assert.Contains("name mismatch", first.Reason, StringComparison.Ordinal);
        Assert.Null(first.Privacy);
        Assert.True(second.Reason.Contains("(remembered; asked again in 60 s)", StringComparison.Ordinal), second.Reason);
        Assert.Null(second.Privacy);
    }

    [Fact]
    public async Task ResolveAsync_TlsUpstreamRefusedThenPlainUpstream_TheNextUpstreamAnswers()
    {
        TestHierarchy hierarchy = Hierarchy();
        using var self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, self);
        var plain = new InMemoryUpstream(hierarchy.Authority);
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#{Name}", "192.0.2.53");
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.True(plain.Queries > 0);
    }

    [Fact]
    public async Task ResolveAsync_TlsUpstreamRefusedWithFallbackOn_ResolvedIterativelyAndSaysSo()
    {
        var zones = new ZoneHierarchy();
        zones.Zone(".");
        zones.Zone("test.");
        zones.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        zones.Build(TestHierarchy.Now);
        using var self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);
        await using var server = new TlsDnsServer(_ => null, self);
        var options = new ResolverOptions { TrustAnchors = zones.Anchors, FallbackToIterative = true };
        options.RootServers.Add(zones.RootAddress);
        options.Servers.Add(UpstreamServer.Parse($"tls://{server.EndPoint}#{Name}"));
        await using var resolver = new DnssecResolver(options, null, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestHierarchy.Now), new InMemoryTransport(zones.Servers));

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(ResolutionPath.IterativeFallback, answer.Path);
        Assert.Empty(server.QueryLengths);
    }

    [Fact]
    public async Task ResolveAsync_StrictTlsUpstream_AnswerSaysStrictThenNothingSentFromTheCache()
    {
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, pki.Leaf, pki.Intermediate);
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#{Name}");
        options.TlsCaFile = pki.RootPemPath;
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, new RecordingTransport((s, _) => RecordingTransport.Timeout(s)));

        DnssecAnswer first = await resolver.ResolveAsync(Name + ".", RecordType.A);
        DnssecAnswer again = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.Equal(TransportPrivacy.Strict, first.Privacy);
        Assert.Equal(ResolutionPath.Cache, again.Path);
        Assert.Null(again.Privacy);
    }

    [Fact]
    public async Task ResolveAsync_OpportunisticTlsUpstream_AnswerSaysOpportunistic()
    {
        TestHierarchy hierarchy = Hierarchy();
        using var self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, self);
        await using var resolver = new DnssecResolver(Options(hierarchy, $"tls://{server.EndPoint}"), null, hierarchy.Clock, new RecordingTransport((s, _) => RecordingTransport.Timeout(s)));

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(TransportPrivacy.Opportunistic, answer.Privacy);
    }

    [Fact]
    public async Task ResolveAsync_TlsUpstream_QueriesCountedAsTlsOverTcp()
    {
        TestHierarchy hierarchy = Hierarchy();
        using var self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, self);
        await using var resolver = new DnssecResolver(Options(hierarchy, $"tls://{server.EndPoint}"), null, hierarchy.Clock, new RecordingTransport((s, _) => RecordingTransport.Timeout(s)));
        var tags = new System.Collections.Concurrent.ConcurrentBag<(string?, string?)>();
        using var listener = new System.Diagnostics.Metrics.MeterListener
        {
            InstrumentPublished = (instrument, listening) =>
            {
                if (instrument.Meter == resolver.Meter && instrument.Name == "dnssec.resolver.upstream.queries")
                {
                    listening.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, measured, _) =>
        {
            string? network = null, transport = null;
            foreach (KeyValuePair<string, object?> tag in measured)
            {
                network = tag.Key == "network.transport" ? tag.Value as string : network;
                transport = tag.Key == "dnssec.transport" ? tag.Value as string : transport;
            }

            tags.Add((network, transport));
        });
        listener.Start();

        await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.NotEmpty(tags);
        Assert.All(tags, tag => Assert.Equal(("tcp", "tls"), tag));
    }

    [Fact]
    public async Task ResolveAsync_StrictTlsRefusedThenPlainUpstream_AnswerSaysCleartext()
    {
        TestHierarchy hierarchy = Hierarchy();
        using var self = TestPki.SelfSigned(TestKeyKind.Ecdsa, Name);
        await using var server = new TlsDnsServer(hierarchy.Authority.Resolve, self);
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#{Name}", "192.0.2.53");
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(TransportPrivacy.Cleartext, answer.Privacy);
    }

    [Fact]
    public async Task ResolveAsync_PlainUpstreamForTheKeysOnly_AnswerSaysCleartext()
    {
        // The question went over authenticated TLS, but the DS and DNSKEY questions of its validation, which the TLS
        // upstream refuses, went in clear text to the next upstream: the answer names the weakest.
        TestHierarchy hierarchy = Hierarchy();
        TestPki pki = TestPki.Shared(TestKeyKind.Ecdsa);
        await using var server = new TlsDnsServer(question => question.Type is RecordType.DS or RecordType.DNSKEY ? Refused(question) : hierarchy.Authority.Resolve(question), pki.Leaf, pki.Intermediate);
        ResolverOptions options = Options(hierarchy, $"tls://{server.EndPoint}#{Name}", "192.0.2.53");
        options.TlsCaFile = pki.RootPemPath;
        var plain = new InMemoryUpstream(hierarchy.Authority);
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, plain);

        DnssecAnswer answer = await resolver.ResolveAsync(Name + ".", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.True(plain.Queries > 0);
        Assert.Equal(TransportPrivacy.Cleartext, answer.Privacy);
    }

    [Fact]
    public void Constructor_MalformedPin_FormatExceptionNamingIt()
    {
        var options = new ResolverOptions { FallbackToIterative = false };
        options.Servers.Add(UpstreamServer.Parse("tls://192.0.2.1"));
        options.TlsPins.Add("sha256/AAAA");

        FormatException exception = Assert.Throws<FormatException>(() => new DnssecResolver(options));

        Assert.Contains("sha256/AAAA", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingCaFile_IOExceptionNamingIt()
    {
        var options = new ResolverOptions { FallbackToIterative = false, TlsCaFile = "/nonexistent/ca.pem" };
        options.Servers.Add(UpstreamServer.Parse("tls://192.0.2.1#dns.example"));

        IOException exception = Assert.Throws<IOException>(() => new DnssecResolver(options));

        Assert.Contains("/nonexistent/ca.pem", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_OneEndPointPlainAndTls_InvalidOperationException()
    {
        var options = new ResolverOptions { FallbackToIterative = false };
        options.Servers.Add(UpstreamServer.Parse("192.0.2.1:853"));
        options.Servers.Add(UpstreamServer.Parse("tls://192.0.2.1"));

        Assert.Throws<InvalidOperationException>(() => new DnssecResolver(options));
    }

    private static DnsMessage Refused(DnsQuestion question)
    {
        var message = new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = DnsResponseCode.Refused, Edns = new EdnsRecord { DnssecOk = true } };
        message.Questions.Add(question);
        return message;
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
        hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        hierarchy.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7"; });
        hierarchy.Zone("broken.test.", z => { z.Records = "www A 192.0.2.8"; z.ExpirationOffset = TimeSpan.FromDays(-5); z.InceptionOffset = TimeSpan.FromDays(-20); });
        return hierarchy.Build();
    }
}
