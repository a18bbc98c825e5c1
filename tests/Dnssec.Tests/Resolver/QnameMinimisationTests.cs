using System.Collections.Concurrent;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// RFC 9156 QNAME minimisation in iterative resolution, over a signed hierarchy whose example.test. zone holds
/// www.b.c.example.test. under two empty non-terminals: what each authority is asked, the fallback to the full name
/// where an authority answers a minimised query wrongly (Unbound's relaxed mode), and the verdicts, which must not change.
/// </summary>
public class QnameMinimisationTests
{
    private static readonly DnsName Deep = DnsName.Parse("www.b.c.example.test.");

    [Fact]
    public async Task ResolveAsync_DeepName_EachAuthorityLearnsOnlyTheLabelsItNeeds()
    {
        var world = new World();

        DnssecAnswer answer = await world.ResolveAsync(Deep, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.All(world.AskedOf("."), q => Assert.True(q.Name.LabelCount <= 1, $"the root was asked {q}"));
        Assert.All(world.AskedOf("test."), q => Assert.True(q.Name.LabelCount <= 2, $"test. was asked {q}"));
        Assert.Contains(new DnsQuestion(DnsName.Parse("test."), RecordType.A), world.AskedOf("."));
        Assert.Contains(new DnsQuestion(DnsName.Parse("example.test."), RecordType.A), world.AskedOf("test."));
        DnsQuestion[] zone = [.. world.AskedOf("example.test.").Where(q => q.Type != RecordType.DNSKEY)];
        Assert.Equal(
            [new DnsQuestion(DnsName.Parse("c.example.test."), RecordType.A), new DnsQuestion(DnsName.Parse("b.c.example.test."), RecordType.A), new DnsQuestion(Deep, RecordType.A)],
            zone);
    }

    [Fact]
    public async Task ResolveAsync_MinimisationOff_EveryAuthorityGetsTheWholeName()
    {
        var world = new World(minimise: false);

        DnssecAnswer answer = await world.ResolveAsync(Deep, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Contains(new DnsQuestion(Deep, RecordType.A), world.AskedOf("."));
        Assert.Contains(new DnsQuestion(Deep, RecordType.A), world.AskedOf("test."));
    }

    [Fact]
    public async Task ResolveAsync_AuthorityAnswersNxdomainForAnEmptyNonTerminal_FullNameAskedAndStillSecure()
    {
        // Servers that say NXDOMAIN for an empty non-terminal break RFC 8020; RFC 9156 §2.3 and Unbound's relaxed mode
        // ask the full name rather than believe it.
        var world = new World { Fault = (zone, question, response) => zone == "example.test." && question.Name.Equals(DnsName.Parse("c.example.test.")) ? WithCode(response, DnsResponseCode.NXDomain) : response };

        DnssecAnswer answer = await world.ResolveAsync(Deep, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(DnsResponseCode.NoError, answer.ResponseCode);
        Assert.Equal([new DnsQuestion(DnsName.Parse("c.example.test."), RecordType.A), new DnsQuestion(Deep, RecordType.A)], world.AskedOf("example.test.").Where(q => q.Type != RecordType.DNSKEY));
    }

    [Theory]
    [InlineData(DnsResponseCode.Refused)]
    [InlineData(DnsResponseCode.ServFail)]
    [InlineData(DnsResponseCode.FormErr)]
    public async Task ResolveAsync_AuthorityFailsMinimisedQueries_FullNameAskedAndSecure(DnsResponseCode code)
    {
        var world = new World { Fault = (zone, question, response) => zone == "test." && !question.Name.Equals(Deep) && question.Type == RecordType.A ? WithCode(response, code) : response };

        DnssecAnswer answer = await world.ResolveAsync(Deep, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Contains(new DnsQuestion(Deep, RecordType.A), world.AskedOf("test."));
    }

    [Fact]
    public async Task ResolveAsync_NameBelowANonexistentOne_ProvenNxdomainForTheQuestionAsked()
    {
        var world = new World();
        DnsName name = DnsName.Parse("x.y.nothere.example.test.");

        DnssecAnswer answer = await world.ResolveAsync(name, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        Assert.Equal(name, answer.Question.Name);
        Assert.Contains(new DnsQuestion(name, RecordType.A), world.AskedOf("example.test."));
    }

    [Fact]
    public async Task ResolveAsync_DsOfADeepZone_AskedOfItsParentAndSecure()
    {
        var world = new World();

        DnssecAnswer answer = await world.ResolveAsync(DnsName.Parse("example.test."), RecordType.DS);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Contains(new DnsQuestion(DnsName.Parse("example.test."), RecordType.DS), world.AskedOf("test."));
        Assert.All(world.AskedOf("."), q => Assert.True(q.Name.LabelCount <= 1, $"the root was asked {q}"));
        Assert.DoesNotContain(world.AskedOf("example.test."), q => q.Type == RecordType.DS);
    }

    [Fact]
    public async Task ResolveAsync_NameOfManyLabels_AtMostTenMinimisedQueries()
    {
        var world = new World();
        DnsName name = DnsName.Parse(string.Concat(Enumerable.Range(1, 30).Select(i => $"l{i}.")) + "b.c.example.test.");

        DnssecAnswer answer = await world.ResolveAsync(name, RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        int minimised = world.Asked.Count(q => q.Question.Type == RecordType.A && !q.Question.Name.Equals(name));
        Assert.InRange(minimised, 1, QnameMinimisation.MaximumQueries);
    }

    [Theory]
    [InlineData(1, new int[0])]
    [InlineData(2, new[] { 1 })]
    [InlineData(5, new[] { 1, 2, 3, 4 })]
    [InlineData(8, new[] { 1, 2, 3, 4, 5, 6, 7 })]
    [InlineData(20, new[] { 1, 2, 3, 4, 7, 10, 13, 16, 18 })]
    public void Next_HiddenLabels_OneAtATimeThenSpreadOverTheRest(int labels, int[] revealed)
    {
        DnsName target = DnsName.Parse(string.Concat(Enumerable.Range(1, labels).Select(i => $"l{i}.")));
        var minimisation = new QnameMinimisation(target);
        List<int> steps = [];

        for (DnsName current = DnsName.Root; minimisation.Next(current) is { } next; current = next)
        {
            steps.Add(next.LabelCount);
        }

        Assert.Equal(revealed, steps);
    }

    private static DnsMessage WithCode(DnsMessage response, DnsResponseCode code)
    {
        response.ResponseCode = code;
        return response;
    }

    /// <summary>The hierarchy, a resolver iterating over it, and every question each zone's server was asked.</summary>
    private sealed class World : IDnsTransport
    {
        private readonly ZoneHierarchy _hierarchy = new();
        private readonly InMemoryTransport _authorities;
        private readonly bool _minimise;

        public World(bool minimise = true)
        {
            _minimise = minimise;
            _hierarchy.Zone(".");
            _hierarchy.Zone("test.");
            _hierarchy.Zone("example.test.", z => z.Records = "www.b.c A 192.0.2.1");
            _hierarchy.Build(TestHierarchy.Now);
            _authorities = new InMemoryTransport(_hierarchy.Servers);
        }

        /// <summary>Alters a zone's response to a question, as a broken or hostile authority would.</summary>
        public Func<string, DnsQuestion, DnsMessage, DnsMessage>? Fault { get; init; }

        public ConcurrentQueue<(string Zone, DnsQuestion Question)> Asked { get; } = new();

        public IReadOnlyList<DnsQuestion> AskedOf(string zone) => [.. Asked.Where(q => q.Zone == zone).Select(q => q.Question)];

        public async Task<DnssecAnswer> ResolveAsync(DnsName name, RecordType type)
        {
            var options = new ResolverOptions { Mode = ResolutionMode.Iterative, TrustAnchors = _hierarchy.Anchors, QnameMinimisation = _minimise, AggressiveNsec = false };
            options.RootServers.Add(_hierarchy.RootAddress);
            await using var resolver = new DnssecResolver(options, null, new FakeTimeProvider(TestHierarchy.Now), this);
            return await resolver.ResolveAsync(name, type);
        }

        public async ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
        {
            string zone = _hierarchy.Zones.First(z => z.Address.Equals(server.Address)).Origin.ToString();
            Asked.Enqueue((zone, question));
            TransportResponse response = await _authorities.QueryAsync(server, question, options, cancellationToken);
            return Fault is null || response.Message is not { } message ? response : TransportResponse.Success(server, TransportProtocol.Udp, Fault(zone, question, message), 512);
        }
    }
}
