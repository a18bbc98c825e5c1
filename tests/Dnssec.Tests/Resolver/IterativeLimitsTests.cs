using System.Net;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>The budgets of <see cref="ResolverLimits"/> as iterative resolution spends them, over a scripted network.</summary>
public class IterativeLimitsTests
{
    private static readonly IPAddress Root = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Authority = IPAddress.Parse("192.0.2.2");
    private static readonly DnsName Target = DnsName.Parse("a.b.c.d.e.example.");

    [Theory]
    [InlineData(10, true, "six referrals and the answer fit in ten steps")]
    [InlineData(7, true, "six referrals and the answer: exactly seven steps")]
    [InlineData(6, false, "six steps end on the sixth referral")]
    public async Task ResolveAsync_ReferralChain_EndsAtTheReferralLimit(int referrals, bool answered, string description)
    {
        int queries = 0;
        var transport = new RecordingTransport((server, question) =>
        {
            // Each query is referred one label further down, until the target's own zone answers.
            int labels = Interlocked.Increment(ref queries);
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response };
            reply.Questions.Add(question);
            DnsName zone = Ancestor(Target, labels);
            if (zone.Equals(Target) && labels > Target.LabelCount)
            {
                reply.Flags |= DnsHeaderFlags.Authoritative;
                reply.Answers.AddRange(ZoneFileReader.Parse($"{Target} 300 IN A 192.0.2.80"));
                return TransportResponse.Success(server, TransportProtocol.Udp, reply, 64);
            }

            reply.Authorities.AddRange(ZoneFileReader.Parse($"{zone} 300 IN NS ns.{zone}"));
            reply.Additionals.AddRange(ZoneFileReader.Parse($"ns.{zone} 300 IN A {Authority}"));
            return TransportResponse.Success(server, TransportProtocol.Udp, reply, 64);
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { Referrals = referrals }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(Target, RecordType.A), CancellationToken.None);

        Assert.True(answered == result.Response is not null, $"{description}: {result.Problem}");
        if (!answered)
        {
            Assert.StartsWith("too many referrals", result.Problem, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(0, 1, "depth 0: glue only, the glueless delegation is not followed")]
    [InlineData(1, 3, "depth 1: the server name is resolved, and its address used")]
    public async Task ResolveAsync_GluelessDelegation_NameServerLookupsNestAtMostTheDepth(int depth, int expectedQueries, string description)
    {
        // example. is delegated to ns.example.net. without glue; example.net. has glue.
        var transport = new RecordingTransport((server, question) =>
        {
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response };
            reply.Questions.Add(question);
            if (server.Address.Equals(Root) && question.Name.IsSubdomainOf(DnsName.Parse("example.net.")))
            {
                reply.Authorities.AddRange(ZoneFileReader.Parse("example.net. 300 IN NS ns.example.net."));
                reply.Additionals.AddRange(ZoneFileReader.Parse($"ns.example.net. 300 IN A {Authority}"));
            }
            else if (server.Address.Equals(Root))
            {
                reply.Authorities.AddRange(ZoneFileReader.Parse("example. 300 IN NS ns.example.net."));
            }
            else
            {
                reply.Flags |= DnsHeaderFlags.Authoritative;
                reply.Answers.AddRange(ZoneFileReader.Parse(question.Name.Equals(DnsName.Parse("ns.example.net."))
                    ? (question.Type == RecordType.A ? $"ns.example.net. 300 IN A {Authority}" : "")
                    : $"{question.Name} 300 IN A 192.0.2.80"));
            }

            return TransportResponse.Success(server, TransportProtocol.Udp, reply, 64);
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { NameServerDepth = depth }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), CancellationToken.None);

        Assert.True((depth > 0) == result.Response is not null, $"{description}: {result.Problem}");
        Assert.True(expectedQueries <= transport.Exchanges.Count, description);
        Assert.Equal(depth > 0, transport.Exchanges.Any(exchange => exchange.Question.Name.Equals(DnsName.Parse("ns.example.net."))));
    }

    [Fact]
    public async Task ResolveAsync_QueryBudget_StopsTheResolution()
    {
        var transport = new RecordingTransport((server, _) => RecordingTransport.Timeout(server));
        var resolver = new IterativeResolver(transport, [Root, Authority], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 1 }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(Target, RecordType.A), CancellationToken.None);

        Assert.Single(transport.Exchanges);
        Assert.Contains("more than 1 queries", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_MoreZonesThanTheDelegationCacheHolds_TheCacheStaysBoundedAndKeepsTheRecentOnes()
    {
        // The root delegates every zone zN. to one authority; each resolution caches one delegation.
        var transport = new RecordingTransport((server, question) =>
        {
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response };
            reply.Questions.Add(question);
            DnsName zone = Ancestor(question.Name, 1);
            if (server.Address.Equals(Root))
            {
                reply.Authorities.AddRange(ZoneFileReader.Parse($"{zone} 300 IN NS ns.{zone}"));
                reply.Additionals.AddRange(ZoneFileReader.Parse($"ns.{zone} 300 IN A {Authority}"));
            }
            else
            {
                reply.Flags |= DnsHeaderFlags.Authoritative;
                reply.Answers.AddRange(ZoneFileReader.Parse($"{question.Name} 300 IN A 192.0.2.80"));
            }

            return TransportResponse.Success(server, TransportProtocol.Udp, reply, 64);
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { DelegationCacheSize = 16 }, TimeProvider.System);

        for (int i = 0; i < 40; i++)
        {
            Assert.NotNull((await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse($"www.z{i}."), RecordType.A), CancellationToken.None)).Response);
            Assert.InRange(resolver.CachedDelegations, Math.Min(i + 1, 16 - 2), 16);
        }

        int before = transport.Exchanges.Count;
        await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("mail.z39."), RecordType.A), CancellationToken.None);

        Assert.Equal(Authority, Assert.Single(transport.Exchanges.Skip(before)).Server.Address);
    }

    /// <summary>The ancestor of <paramref name="name"/> with <paramref name="labels"/> labels (the name itself when it has fewer).</summary>
    private static DnsName Ancestor(DnsName name, int labels)
    {
        DnsName current = name;
        while (current.LabelCount > labels)
        {
            current = current.Parent;
        }

        return current;
    }
}
