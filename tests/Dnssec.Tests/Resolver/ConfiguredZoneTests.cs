using System.Collections.Concurrent;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Forward zones and stub zones for a sub-domain (Unbound's forward-zone and stub-zone, BIND's per-zone forwarders), in
/// stub and iterative mode: names in the zone go to its servers, everything else (the zone's DS included) goes where
/// it went before, and every answer is validated as any other.
/// </summary>
public sealed class ConfiguredZoneTests
{
    private static readonly IPEndPoint Upstream = new(IPAddress.Parse("192.0.2.53"), 53);
    private static readonly IPEndPoint Forwarder = new(IPAddress.Parse("198.51.100.53"), 5300);

    [Theory]
    [InlineData(ResolutionMode.Stub, "www.corp.test.", RecordType.A, SecurityStatus.Secure, "a name of the forwarded signed zone")]
    [InlineData(ResolutionMode.Iterative, "www.corp.test.", RecordType.A, SecurityStatus.Secure, "a name of the forwarded signed zone")]
    [InlineData(ResolutionMode.Stub, "nothere.corp.test.", RecordType.A, SecurityStatus.Secure, "NXDOMAIN from the forwarded zone")]
    [InlineData(ResolutionMode.Iterative, "nothere.corp.test.", RecordType.A, SecurityStatus.Secure, "NXDOMAIN from the forwarded zone")]
    [InlineData(ResolutionMode.Stub, "www.private.test.", RecordType.A, SecurityStatus.Insecure, "a forwarded zone that is an unsigned delegation")]
    [InlineData(ResolutionMode.Iterative, "www.private.test.", RecordType.A, SecurityStatus.Insecure, "a forwarded zone that is an unsigned delegation")]
    public async Task ResolveAsync_ForwardZone_AsksItsForwardersAndValidates(ResolutionMode mode, string name, RecordType type, SecurityStatus status, string description)
    {
        var world = new World();
        await using DnssecResolver resolver = world.Resolver(mode, o =>
        {
            o.ForwardZones[DnsName.Parse("corp.test.")] = [Forwarder];
            o.ForwardZones[DnsName.Parse("private.test.")] = [Forwarder];
        });

        DnssecAnswer answer = await resolver.ResolveAsync(name, type);

        Assert.True(status == answer.Status, $"{description}: {answer.Status} {answer.Reason}");
        Assert.Contains(world.AskedOf(Forwarder), q => q.Name.Equals(DnsName.Parse(name)));
        Assert.DoesNotContain(world.AskedOf(Forwarder), q => q.Type == RecordType.DS && q.Name.Equals(DnsName.Parse(name).Parent));
        Assert.DoesNotContain(world.Asked.Where(q => !q.Server.Equals(Forwarder)), q => q.Question.Name.Equals(DnsName.Parse(name)));
    }

    [Theory]
    [InlineData(ResolutionMode.Stub)]
    [InlineData(ResolutionMode.Iterative)]
    public async Task ResolveAsync_ForwardZone_LeavesOtherNamesWhereTheyWent(ResolutionMode mode)
    {
        var world = new World();
        await using DnssecResolver resolver = world.Resolver(mode, o => o.ForwardZones[DnsName.Parse("corp.test.")] = [Forwarder]);

        DnssecAnswer answer = await resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Empty(world.AskedOf(Forwarder));
    }

    [Theory]
    [InlineData(ResolutionMode.Stub, false, SecurityStatus.Bogus, "a private zone the public parent denies: the chain of trust says it cannot exist")]
    [InlineData(ResolutionMode.Stub, true, SecurityStatus.Insecure, "the same with a negative trust anchor, as Unbound's domain-insecure")]
    [InlineData(ResolutionMode.Iterative, false, SecurityStatus.Bogus, "a private zone the public parent denies")]
    [InlineData(ResolutionMode.Iterative, true, SecurityStatus.Insecure, "the same with a negative trust anchor")]
    public async Task ResolveAsync_ForwardedPrivateZone_IsBogusUnlessANegativeAnchorCoversIt(ResolutionMode mode, bool negativeAnchor, SecurityStatus status, string description)
    {
        var world = new World();
        if (negativeAnchor)
        {
            world.Anchors.AddNegative(new NegativeTrustAnchor(DnsName.Parse("internal.test."), TestHierarchy.Now + TimeSpan.FromDays(1)));
        }

        await using DnssecResolver resolver = world.Resolver(mode, o => o.ForwardZones[DnsName.Parse("internal.test.")] = [Forwarder]);

        DnssecAnswer answer = await resolver.ResolveAsync("intranet.internal.test.", RecordType.A);

        Assert.True(status == answer.Status, $"{description}: {answer.Status} {answer.Reason}");
        Assert.Contains(world.AskedOf(Forwarder), q => q.Name.Equals(DnsName.Parse("intranet.internal.test.")));
    }

    [Theory]
    [InlineData(ResolutionMode.Stub, false, SecurityStatus.Bogus)]
    [InlineData(ResolutionMode.Stub, true, SecurityStatus.Insecure)]
    [InlineData(ResolutionMode.Iterative, false, SecurityStatus.Bogus)]
    [InlineData(ResolutionMode.Iterative, true, SecurityStatus.Insecure)]
    public async Task ResolveAsync_ForwardedPrivateZoneThePublicNsecInTheCacheDenies_StillAskedOfItsForwarders(ResolutionMode mode, bool negativeAnchor, SecurityStatus status)
    {
        // The public test. NSEC that denies internam.test. spans internal.test. too; RFC 8198 synthesis must not answer
        // for a zone the operator sends to its own servers.
        var world = new World();
        if (negativeAnchor)
        {
            world.Anchors.AddNegative(new NegativeTrustAnchor(DnsName.Parse("internal.test."), TestHierarchy.Now + TimeSpan.FromDays(1)));
        }

        await using DnssecResolver resolver = world.Resolver(mode, o => o.ForwardZones[DnsName.Parse("internal.test.")] = [Forwarder]);
        DnssecAnswer denied = await resolver.ResolveAsync("internam.test.", RecordType.A);
        Assert.True(denied.Status == SecurityStatus.Secure && denied.ResponseCode == DnsResponseCode.NXDomain, denied.Reason);

        DnssecAnswer answer = await resolver.ResolveAsync("intranet.internal.test.", RecordType.A);

        Assert.True(status == answer.Status, $"{answer.Status} {answer.Path} {answer.Reason}");
        Assert.NotEqual(ResolutionPath.Synthesized, answer.Path);
        Assert.Contains(world.AskedOf(Forwarder), q => q.Name.Equals(DnsName.Parse("intranet.internal.test.")));
    }

    [Fact]
    public async Task ResolveAsync_StubZoneInStubMode_IteratesFromItsServers()
    {
        var world = new World();
        IPAddress corp = world.Hierarchy.Zones.Single(z => z.Origin.Equals(DnsName.Parse("corp.test."))).Address;
        await using DnssecResolver resolver = world.Resolver(ResolutionMode.Stub, o => o.StubZones[DnsName.Parse("corp.test.")] = [corp]);

        DnssecAnswer answer = await resolver.ResolveAsync("www.corp.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Contains(world.Asked, q => q.Server.Address.Equals(corp) && q.Question.Name.Equals(DnsName.Parse("www.corp.test.")));
        Assert.DoesNotContain(world.Asked, q => q.Server.Equals(Upstream) && q.Question.Name.Equals(DnsName.Parse("www.corp.test.")));
    }

    [Fact]
    public void Constructor_ZoneBothForwardedAndStub_SaysSo()
    {
        var options = new ResolverOptions { Mode = ResolutionMode.Iterative };
        options.ForwardZones[DnsName.Parse("corp.test.")] = [Forwarder];
        options.StubZones[DnsName.Parse("corp.test.")] = [IPAddress.Loopback];

        var error = Assert.Throws<InvalidOperationException>(() => new DnssecResolver(options, transport: new World().Transport));

        Assert.Contains("corp.test.", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// A signed hierarchy with one authority per zone, a recursive upstream in front of all of it, and a forwarder that
    /// also knows internal.test., which the public tree does not delegate (a split horizon); every query is recorded.
    /// </summary>
    private sealed class World
    {
        private readonly InMemoryTransport _authorities;
        private readonly ZoneAuthority _inside;

        public World()
        {
            Hierarchy = new ZoneHierarchy { RsaKeyBits = 1024 };
            Hierarchy.Zone(".");
            Hierarchy.Zone("test.");
            Hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
            Hierarchy.Zone("corp.test.", z => { z.Denial = DenialOfExistence.Nsec3; z.Records = "www A 10.1.0.1"; });
            Hierarchy.Zone("private.test.", z => { z.Signed = false; z.Records = "www A 10.2.0.1"; });
            Hierarchy.Build(TestHierarchy.Now);
            Anchors = Hierarchy.Anchors;
            _authorities = new InMemoryTransport(Hierarchy.Servers);
            // The inside view's own tree; only its internal.test. zone is taken, beside the public zones.
            var inside = new ZoneHierarchy { RsaKeyBits = 1024 };
            inside.Zone(".");
            inside.Zone("test.");
            inside.Zone("internal.test.", z => { z.Signed = false; z.Records = "intranet A 10.3.0.1"; });
            inside.Build(TestHierarchy.Now);
            _inside = new ZoneAuthority([.. Hierarchy.Authority.Zones, .. inside.Authority.Zones.Where(z => z.Origin.Equals(DnsName.Parse("internal.test.")))]);
            Transport = new RecordingTransport(this);
        }

        public ZoneHierarchy Hierarchy { get; }

        public TrustAnchorSet Anchors { get; }

        public IDnsTransport Transport { get; }

        public ConcurrentQueue<(IPEndPoint Server, DnsQuestion Question)> Asked { get; } = new();

        public IEnumerable<DnsQuestion> AskedOf(IPEndPoint server) => Asked.Where(q => q.Server.Equals(server)).Select(q => q.Question);

        public DnssecResolver Resolver(ResolutionMode mode, Action<ResolverOptions> configure)
        {
            var options = new ResolverOptions { Mode = mode, TrustAnchors = Anchors, FallbackToIterative = false };
            if (mode == ResolutionMode.Stub)
            {
                options.Servers.Add(Upstream);
            }
            else
            {
                options.RootServers.Add(Hierarchy.RootAddress);
            }

            configure(options);
            return new DnssecResolver(options, null, new FakeTimeProvider(TestHierarchy.Now), Transport);
        }

        private sealed class RecordingTransport(World world) : IDnsTransport
        {
            public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
            {
                world.Asked.Enqueue((server, question));
                if (server.Equals(Upstream) || server.Equals(Forwarder))
                {
                    // Recursive servers: the upstream sees the public tree, the forwarder the inside view as well.
                    ZoneAuthority view = server.Equals(Forwarder) ? world._inside : world.Hierarchy.Authority;
                    DnsMessage response = view.Answer(question);
                    response.Flags |= DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.RecursionAvailable;
                    byte[] wire = response.ToArray();
                    return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length));
                }

                return world._authorities.QueryAsync(server, question, options, cancellationToken);
            }
        }
    }
}
