using System.Net;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// What iterative resolution keeps of an authority's response, over a scripted network: records inside the zone the
/// server was asked as, and in the answer section only the query name's records and the DNAME above it, as Unbound's
/// scrubber keeps them.
/// </summary>
public class IterativeBailiwickTests
{
    private static readonly IPAddress Root = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Example = IPAddress.Parse("192.0.2.2");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.3");

    [Fact]
    public async Task ResolveAsync_RecordsOutsideTheZoneAsked_AreRemovedFromEverySection()
    {
        var network = new Network(question => question.Name.ToString() == "www.example."
            ? Reply(
                answers: "www.example. 300 IN A 192.0.2.80\nwww.victim. 300 IN A 203.0.113.66",
                authorities: "example. 300 IN NS ns.example.\nvictim. 300 IN NS ns.evil.",
                additionals: "ns.example. 300 IN A 192.0.2.2\nns.evil. 300 IN A 203.0.113.66")
            : null);

        DnsMessage response = await network.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal(["www.example. 300 IN A 192.0.2.80"], Lines(response.Answers));
        Assert.Equal(["example. 300 IN NS ns.example."], Lines(response.Authorities));
        Assert.Equal(["ns.example. 300 IN A 192.0.2.2"], Lines(response.Additionals));
    }

    [Fact]
    public async Task ResolveAsync_RestOfACnameChainInTheAnswer_IsAskedForRatherThanBelieved()
    {
        // RFC 2181 §5.4.1: of an answer for an alias only the alias record is necessarily authoritative; the rest may
        // come from the server's cache, so it is asked for again, as Unbound's scrubber does.
        var network = new Network(question => question.Name.ToString() switch
        {
            "www.example." => Reply(answers: "www.example. 300 IN CNAME tgt.example.\ntgt.example. 300 IN A 203.0.113.66"),
            "tgt.example." => Reply(answers: "tgt.example. 300 IN A 192.0.2.9"),
            _ => null,
        });

        DnsMessage response = await network.ResolveAsync("www.example.", RecordType.A);

        Assert.Equal(["www.example. 300 IN CNAME tgt.example.", "tgt.example. 300 IN A 192.0.2.9"], Lines(response.Answers));
    }

    [Fact]
    public async Task ResolveAsync_DnameAnswer_KeepsTheDnameAndTheCnameForTheQueryName()
    {
        var network = new Network(question => question.Name.ToString() switch
        {
            "www.sub.example." => Reply(answers: """
                sub.example. 300 IN DNAME sub.other.
                sub.example. 300 IN RRSIG DNAME 13 2 300 20300101000000 20200101000000 1 example. AAAA
                www.sub.example. 300 IN CNAME www.sub.other.
                www.sub.other. 300 IN A 203.0.113.66
                """),
            "www.sub.other." => Reply(answers: "www.sub.other. 300 IN A 192.0.2.80"),
            _ => null,
        });

        DnsMessage response = await network.ResolveAsync("www.sub.example.", RecordType.A);

        Assert.Equal([RecordType.DNAME, RecordType.RRSIG, RecordType.CNAME, RecordType.A], response.Answers.Select(r => r.Type));
        Assert.Equal("www.sub.other. 300 IN A 192.0.2.80", RecordTextFormatter.Format(response.Answers[^1]));
    }

    [Fact]
    public async Task ResolveAsync_NsecWhoseNextNameLeavesTheZone_IsRemoved()
    {
        var network = new Network(question => question.Name.ToString() == "nx.example."
            ? Reply(
                code: DnsResponseCode.NXDomain,
                authorities: """
                    example. 300 IN SOA ns.example. host.example. 1 2 3 4 5
                    m.example. 300 IN NSEC zzz.victim. A NSEC RRSIG
                    m.example. 300 IN RRSIG NSEC 13 2 300 20300101000000 20200101000000 1 example. AAAA
                    example. 300 IN NSEC a.example. SOA NS NSEC RRSIG
                    """)
            : null);

        DnsMessage response = await network.ResolveAsync("nx.example.", RecordType.A);

        Assert.Equal(["example. 300 IN SOA ns.example. host.example. 1 2 3 4 5", "example. 300 IN NSEC a.example. NS SOA RRSIG NSEC"], Lines(response.Authorities));
    }

    [Fact]
    public async Task ResolveAsync_ReferralFromAZoneBelowTheRoot_KeepsTheChildsNsDsAndGlue()
    {
        IPAddress sub = IPAddress.Parse("192.0.2.4");
        var network = new Network(
            question => Reply(answers: "www.sub.example. 300 IN A 192.0.2.80"),
            referrals: (server, question) => server.Equals(Example) && question.Name.IsSubdomainOf(DnsName.Parse("sub.example."))
                ? Reply(
                    authorities: """
                        sub.example. 300 IN NS ns.sub.example.
                        sub.example. 300 IN DS 2854 13 2 46e4ffc6e9a4793b488954bd3f0cc6af0dfb201b46e4ffc6e9a4793b488954bd
                        sub.example. 300 IN RRSIG DS 13 2 300 20300101000000 20200101000000 1 example. AAAA
                        """,
                    additionals: $"ns.sub.example. 300 IN A {sub}\nns.victim. 300 IN A 203.0.113.66")
                : null);

        DnsMessage response = await network.ResolveAsync("www.sub.example.", RecordType.A);

        Assert.Equal(["www.sub.example. 300 IN A 192.0.2.80"], Lines(response.Answers));
        Assert.Contains(sub, network.Asked);
        Assert.NotNull(network.Resolver.DelegationProof(DnsName.Parse("sub.example.")));
    }

    private static List<string> Lines(IEnumerable<DnsRecord> records) => [.. records.Select(RecordTextFormatter.Format)];

    internal static DnsMessage Reply(string answers = "", string authorities = "", string additionals = "", DnsResponseCode code = DnsResponseCode.NoError)
    {
        var reply = new DnsMessage { Flags = DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative, ResponseCode = code };
        reply.Answers.AddRange(ZoneFileReader.Parse(answers));
        reply.Authorities.AddRange(ZoneFileReader.Parse(authorities));
        reply.Additionals.AddRange(ZoneFileReader.Parse(additionals));
        return reply;
    }

    /// <summary>
    /// A root that refers example. and other. to their servers, and zone servers that answer by a function of the
    /// question (or refer further, when <c>referrals</c> says so); every exchange goes through the wire format.
    /// </summary>
    private sealed class Network : IDnsTransport
    {
        private readonly Func<DnsQuestion, DnsMessage?> _answer;
        private readonly Func<IPAddress, DnsQuestion, DnsMessage?>? _referrals;

        public Network(Func<DnsQuestion, DnsMessage?> answer, Func<IPAddress, DnsQuestion, DnsMessage?>? referrals = null)
        {
            _answer = answer;
            _referrals = referrals;
            Resolver = new IterativeResolver(this, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 40 }, TimeProvider.System);
        }

        public IterativeResolver Resolver { get; }

        public List<IPAddress> Asked { get; } = [];

        public async Task<DnsMessage> ResolveAsync(string name, RecordType type)
        {
            ResolutionResult result = await Resolver.ResolveAsync(new DnsQuestion(DnsName.Parse(name), type), CancellationToken.None);
            return result.Response ?? throw new InvalidOperationException(result.Problem);
        }

        public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
        {
            Asked.Add(server.Address);
            DnsMessage reply = Route(server.Address, question) ?? new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = DnsResponseCode.Refused };
            reply.Questions.Clear();
            reply.Questions.Add(question);
            byte[] wire = reply.ToArray();
            return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length));
        }

        private DnsMessage? Route(IPAddress server, DnsQuestion question)
        {
            if (server.Equals(Root))
            {
                string zone = question.Name.IsSubdomainOf(DnsName.Parse("example.")) ? "example." : "other.";
                var referral = Reply(authorities: $"{zone} 300 IN NS ns.{zone}", additionals: $"ns.{zone} 300 IN A {(zone == "example." ? Example : Other)}");
                referral.Flags = DnsHeaderFlags.Response;
                return referral;
            }

            if (_referrals?.Invoke(server, question) is { } further)
            {
                further.Flags = DnsHeaderFlags.Response;
                return further;
            }

            return _answer(question);
        }
    }
}
