using System.Collections.Concurrent;
using System.Net;
using Dnssec.Crypto;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Conformance;

/// <summary>
/// Clauses of RFC 6840 §5.6–§5.9 and RFC 9077 §3.4 that the conformance matrix found without a test: how the stub
/// resolver asks its upstream, how a validated answer is cached, and the header bits a server's response carries.
/// </summary>
public sealed class ResolverConformanceTests
{
    private static readonly DnsName Example = DnsName.Parse("example.test.");

    [Fact]
    public async Task ResolveAsync_Rfc6840Sec5_9_StubMode_EveryUpstreamQuerySetsCdAndDo()
    {
        // With CD the upstream hands over data even when its own validation fails, so this validator decides.
        (DnssecResolver resolver, RecordingUpstream upstream) = Create(Build());

        DnssecAnswer answer = await resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.NotEmpty(upstream.Options);
        Assert.All(upstream.Options, o => Assert.True(o.CheckingDisabled && o.DnssecOk && o.RecursionDesired, o.ToString()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Build_Rfc6840Sec5_6_DoBitOfTheQuery_CopiedIntoTheResponse(bool dnssecOk)
    {
        (DnssecResolver resolver, _) = Create(Build());
        DnssecAnswer answer = await resolver.ResolveAsync("www.example.test.", RecordType.A);
        DnsMessage query = DnsMessage.CreateQuery(11, DnsName.Parse("www.example.test."), RecordType.A, DnsHeaderFlags.RecursionDesired, dnssecOk);

        DnsMessage response = ResponseBuilder.Build(query, answer);

        Assert.Equal(dnssecOk, response.Edns!.DnssecOk);
    }

    [Theory]
    [InlineData("www.example.test.", DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.AuthenticData, true)]
    [InlineData("www.example.test.", DnsHeaderFlags.RecursionDesired, false)]
    [InlineData("www.unsigned.test.", DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.AuthenticData, false)]
    public async Task Build_Rfc6840Sec5_7_AdBitOnAQueryWithoutDo_AdOnlyForASecureAnswer(string name, DnsHeaderFlags flags, bool ad)
    {
        // RFC 6840 §5.7: AD on a query says the client understands AD without asking for DNSSEC records; §5.8: AD goes
        // only to a client that set DO or AD, and only on a secure answer.
        (DnssecResolver resolver, _) = Create(Build());
        DnssecAnswer answer = await resolver.ResolveAsync(name, RecordType.A);
        DnsMessage query = DnsMessage.CreateQuery(12, DnsName.Parse(name), RecordType.A, flags, dnssecOk: false);

        DnsMessage response = ResponseBuilder.Build(query, answer);

        Assert.Equal(ad, response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.DoesNotContain(response.Answers, r => r.Type == RecordType.RRSIG);
    }

    [Theory]
    [InlineData(DenialOfExistence.Nsec)]
    [InlineData(DenialOfExistence.Nsec3)]
    public async Task ResolveAsync_Rfc9077Sec3_4_NegativeAnswerProvenForADay_CachedForThreeHours(DenialOfExistence denial)
    {
        // RFC 9077 §3.4 (replacing RFC 8198 §5.4): negative answers are kept no longer than RFC 2308's three hours, however
        // long the SOA and the denial records say. Here all of them say a day.
        TestHierarchy h = Build(denial, (zone, zsk) =>
        {
            SignedZoneEdits.SetSoaMinimum(zone, Example, 86400, zsk);
            SignedZoneEdits.Retime(zone, r => r.Type is RecordType.NSEC or RecordType.NSEC3 || (r.Type == RecordType.SOA && r.Owner.Equals(Example)), 86400, zsk);
        });
        (DnssecResolver resolver, _) = Create(h);

        DnssecAnswer answer = await resolver.ResolveAsync("nothere.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(DnsResponseCode.NXDomain, answer.ResponseCode);
        Assert.Equal(TimeSpan.FromHours(3), answer.Ttl);
    }

    /// <summary>The standard root → test. → example.test. hierarchy with an unsigned.test. delegation, edited after signing by <paramref name="edit"/> with the zone's ZSK.</summary>
    private static TestHierarchy Build(DenialOfExistence denial = DenialOfExistence.Nsec, Action<List<DnsRecord>, SigningKey>? edit = null)
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z =>
        {
            z.Denial = denial;
            z.Records = "www A 192.0.2.1";
            z.AfterSigning = zone => edit?.Invoke(zone, h.ZoneSigningKeys[Example]);
        });
        h.Zone("unsigned.test.", z =>
        {
            z.Signed = false;
            z.Records = "www A 192.0.2.7";
        });
        return h.Build();
    }

    private static (DnssecResolver Resolver, RecordingUpstream Upstream) Create(TestHierarchy h)
    {
        var upstream = new RecordingUpstream(h.Authority);
        var options = new ResolverOptions { TrustAnchors = h.Anchors, FallbackToIterative = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        return (new DnssecResolver(options, null, h.Clock, upstream), upstream);
    }

    /// <summary>A recursive upstream in front of the hierarchy that remembers how each query was asked.</summary>
    private sealed class RecordingUpstream(InMemoryAuthority authority) : IDnsTransport
    {
        public ConcurrentQueue<QueryOptions> Options { get; } = new();

        public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
        {
            Options.Enqueue(options);
            DnsMessage? response = authority.Resolve(question);
            if (response is null)
            {
                return ValueTask.FromResult(TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.Timeout, "the hierarchy dropped the query"));
            }

            byte[] wire = response.ToArray();
            return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length));
        }
    }
}
