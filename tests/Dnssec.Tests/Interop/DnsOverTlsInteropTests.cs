using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// The resolver's stub mode over DNS over TLS to a real Unbound's TLS service forwarding to the hierarchy's upstream:
/// every scenario gets the verdict it gets over UDP from that upstream, in the strict profile (by name, the
/// certificate as CA file); the opportunistic profile answers too, and a wrong name is refused.
/// </summary>
[Trait("Category", "Interop")]
[Collection(BindHierarchyCollection.Name)]
public sealed class DnsOverTlsInteropTests(BindHierarchy hierarchy, TlsForwardingUnboundFixture fixture) : IClassFixture<TlsForwardingUnboundFixture>
{
    public static TheoryData<string> Scenarios => HierarchyScenario.Names;

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task ResolveStubOverTls_Scenario_SameVerdictAsOverUdp(string name)
    {
        HierarchyScenario scenario = HierarchyScenario.Get(name);
        TlsForwardingUnbound unbound = fixture.Get(hierarchy);
        await using var overUdp = new DnssecResolver(Options(new UpstreamServer(hierarchy.Upstream)));
        await using var overTls = new DnssecResolver(Strict(unbound, TlsForwardingUnbound.AuthenticationName));

        DnssecAnswer udp = await overUdp.ResolveAsync(scenario.Question, scenario.Type);
        DnssecAnswer tls = await overTls.ResolveAsync(scenario.Question, scenario.Type);

        Assert.True(udp.Status == tls.Status, $"{scenario}: over UDP {udp.Status} ({udp.Reason}), over TLS {tls.Status} ({tls.Reason})");
        Assert.Equal(udp.ResponseCode, tls.ResponseCode);
        Assert.Equal(ResolutionPath.Stub, tls.Path);
        Assert.True(scenario.Status == tls.Status, $"{scenario}: {tls.Status} {tls.Reason}");
    }

    [Fact]
    public async Task ResolveStubOverTls_Opportunistic_AnswersWithoutAuthenticating()
    {
        TlsForwardingUnbound unbound = fixture.Get(hierarchy);
        await using var resolver = new DnssecResolver(Options(UpstreamServer.Parse($"tls://{unbound.EndPoint}")));

        DnssecAnswer answer = await resolver.ResolveAsync(DnsName.Parse("www.nsec.test."), RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
    }

    [Fact]
    public async Task ResolveStubOverTls_WrongAuthenticationName_RefusedNamingTheMismatch()
    {
        TlsForwardingUnbound unbound = fixture.Get(hierarchy);
        await using var resolver = new DnssecResolver(Strict(unbound, "other.interop.test"));

        DnssecAnswer answer = await resolver.ResolveAsync(DnsName.Parse("www.nsec.test."), RecordType.A);

        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.Contains("name mismatch", answer.Reason, StringComparison.Ordinal);
    }

    private ResolverOptions Strict(TlsForwardingUnbound unbound, string authenticationName)
    {
        ResolverOptions options = Options(UpstreamServer.Parse($"tls://{unbound.EndPoint}#{authenticationName}"));
        options.TlsCaFile = unbound.CertificateFile;
        return options;
    }

    private ResolverOptions Options(UpstreamServer server)
    {
        var anchors = new TrustAnchorSet();
        anchors.Add(TrustAnchorFile.Load(hierarchy.TrustAnchorFile, DateTimeOffset.UtcNow));
        var options = new ResolverOptions
        {
            Mode = ResolutionMode.Stub,
            FallbackToIterative = false,
            TrustAnchors = anchors,
            RootHintsPath = hierarchy.RootHintsFile,
            AuthorityPort = hierarchy.AuthorityPort,
            Timeout = TimeSpan.FromSeconds(2),
        };
        options.Servers.Add(server);
        return options;
    }
}
