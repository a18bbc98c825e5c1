using System.Net;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>Which responses of authoritative servers iterative resolution believes, over a scripted network.</summary>
public class IterativeResolverTests
{
    private static readonly IPAddress Root = IPAddress.Parse("192.0.2.1");
    private static readonly IPAddress Example = IPAddress.Parse("192.0.2.2");

    public static TheoryData<string, string, DnsResponseCode, bool> Responses => new()
    {
        { "data for the name without AA", "www.example. 300 IN A 192.0.2.80", DnsResponseCode.NoError, true },
        { "a CNAME for the name without AA", "www.example. 300 IN CNAME other.example.", DnsResponseCode.NoError, true },
        { "NXDOMAIN without AA", "example. 300 IN SOA ns.example. host.example. 1 2 3 4 5", DnsResponseCode.NXDomain, true },
        { "NODATA with the zone's SOA without AA", "example. 300 IN SOA ns.example. host.example. 1 2 3 4 5", DnsResponseCode.NoError, true },
        { "NODATA with only an NSEC without AA", "*.example. 300 IN NSEC example. RRSIG NSEC", DnsResponseCode.NoError, true },
        { "an empty answer without SOA or AA (lame)", "", DnsResponseCode.NoError, false },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task ResolveAsync_ResponseWithoutAa_BelievedWhenItsContentAnswers(string description, string records, DnsResponseCode code, bool answered)
    {
        Assert.NotNull(description);
        // Unbound's replay scenarios serve answers without AA, and Unbound's iterator takes them by their content.
        var transport = new ScriptedTransport((server, question) =>
        {
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response };
            reply.Questions.Add(question);
            if (server.Equals(Root))
            {
                reply.Authorities.AddRange(ZoneFileReader.Parse("example. 300 IN NS ns.example."));
                reply.Additionals.AddRange(ZoneFileReader.Parse($"ns.example. 300 IN A {Example}"));
                return reply;
            }

            reply.ResponseCode = code;
            List<DnsRecord> parsed = [.. ZoneFileReader.Parse(records)];
            (parsed.Exists(r => r.Type is RecordType.SOA or RecordType.NSEC) ? reply.Authorities : reply.Answers).AddRange(parsed);
            return reply;
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 20 }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), CancellationToken.None);

        Assert.True(answered == result.Response is not null, result.Problem);
        Assert.Equal(answered, result.Problem is null);
    }

    [Fact]
    public async Task DelegationProof_ReferralCarriedTheDs_GivenToTheValidatorWithoutAQuery()
    {
        // Unbound takes the DS RRset from the referral; the authorities of its scenarios answer no DS query of their own.
        int dsQueries = 0;
        var transport = new ScriptedTransport((server, question) =>
        {
            dsQueries += question.Type == RecordType.DS ? 1 : 0;
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response };
            reply.Questions.Add(question);
            if (server.Equals(Root))
            {
                reply.Authorities.AddRange(ZoneFileReader.Parse("""
                    example. 300 IN NS ns.example.
                    example. 300 IN DS 2854 3 1 46e4ffc6e9a4793b488954bd3f0cc6af0dfb201b
                    example. 300 IN RRSIG DS 3 1 300 20300101000000 20200101000000 1 . AAAA
                    """));
                reply.Additionals.AddRange(ZoneFileReader.Parse($"ns.example. 300 IN A {Example}"));
                return reply;
            }

            reply.Answers.AddRange(ZoneFileReader.Parse("www.example. 300 IN A 192.0.2.80"));
            return reply;
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 20 }, TimeProvider.System);
        await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), CancellationToken.None);

        Dnssec.Validation.SourceResponse ds = await new IterativeSource(resolver).QueryAsync(DnsName.Parse("example."), RecordType.DS, CancellationToken.None);

        Assert.True(ds.Succeeded);
        Assert.Equal(0, dsQueries);
        Assert.Equal([RecordType.DS, RecordType.RRSIG], ds.Message.Answers.Select(r => r.Type));
        Assert.Null(resolver.DelegationProof(DnsName.Parse("other.")));
    }

    [Fact]
    public async Task ResolveAsync_CnameToAnotherZone_KeepsTheDenialThatProvesTheWildcard()
    {
        // Unbound's val_cnamewctoposwc: the first zone's NSEC proves its wildcard CNAME; following the CNAME into
        // another zone must not drop it, or the expansion can no longer be proven (RFC 4035 §5.3.4).
        IPAddress other = IPAddress.Parse("192.0.2.3");
        var transport = new ScriptedTransport((server, question) =>
        {
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative };
            reply.Questions.Add(question);
            if (server.Equals(Root))
            {
                reply.Flags = DnsHeaderFlags.Response;
                string zone = question.Name.IsSubdomainOf(DnsName.Parse("example.")) ? "example." : "other.";
                reply.Authorities.AddRange(ZoneFileReader.Parse($"{zone} 300 IN NS ns.{zone}"));
                reply.Additionals.AddRange(ZoneFileReader.Parse($"ns.{zone} 300 IN A {(zone == "example." ? Example : other)}"));
            }
            else if (server.Equals(Example))
            {
                reply.Answers.AddRange(ZoneFileReader.Parse("www.example. 300 IN CNAME www.other."));
                reply.Authorities.AddRange(ZoneFileReader.Parse("example. 300 IN NSEC example. SOA NS NSEC RRSIG"));
            }
            else
            {
                reply.Answers.AddRange(ZoneFileReader.Parse("www.other. 300 IN A 192.0.2.80"));
                reply.Authorities.AddRange(ZoneFileReader.Parse("other. 300 IN NS ns.other."));
            }

            return reply;
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 20 }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), CancellationToken.None);

        Assert.NotNull(result.Response);
        Assert.Equal([RecordType.NSEC, RecordType.NS], result.Response.Authorities.Select(r => r.Type));
        Assert.Equal([RecordType.CNAME, RecordType.A], result.Response.Answers.Select(r => r.Type));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ResolveAsync_CnameAndDataAtOneName_ReadInAnswerOrder(bool cnameFirst)
    {
        // Unbound's val_cnameother: whichever of the CNAME and the data comes first is taken; a first CNAME is followed.
        int asked = 0;
        var transport = new ScriptedTransport((server, question) =>
        {
            asked++;
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response | DnsHeaderFlags.Authoritative };
            reply.Questions.Add(question);
            reply.Answers.AddRange(ZoneFileReader.Parse(question.Name.ToString() == "tgt.example." ? "tgt.example. 300 IN A 192.0.2.9" : cnameFirst
                ? "www.example. 300 IN CNAME tgt.example.\nwww.example. 300 IN A 192.0.2.8"
                : "www.example. 300 IN A 192.0.2.8\nwww.example. 300 IN CNAME tgt.example."));
            return reply;
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 20 }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), CancellationToken.None);

        Assert.NotNull(result.Response);
        Assert.Equal(cnameFirst ? 2 : 1, asked);
        Assert.Equal(cnameFirst, result.Response.Answers.Exists(r => r.Owner.ToString() == "tgt.example."));
    }

    [Fact]
    public async Task ResolveAsync_EveryServerAnswersServfail_NetworkErrorNotUnreachable()
    {
        // Unbound's val_failure_dnskey: a server that answered with an error was reached (EDE 23, not 22).
        var transport = new ScriptedTransport((server, question) =>
        {
            var reply = new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = DnsResponseCode.ServFail };
            reply.Questions.Add(question);
            return reply;
        });
        var resolver = new IterativeResolver(transport, [Root], [], 53, TimeSpan.FromSeconds(1), 1232, new ResolverLimits { QueriesPerResolution = 20 }, TimeProvider.System);

        ResolutionResult result = await resolver.ResolveAsync(new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), CancellationToken.None);

        Assert.Null(result.Response);
        Assert.Equal(ExtendedDnsErrorCode.NetworkError, result.Error);
        Assert.Equal(ExtendedDnsErrorCode.NetworkError, (await new IterativeSource(resolver).QueryAsync(DnsName.Parse("example."), RecordType.DS, CancellationToken.None)).FailureError);
    }

    /// <summary>A network whose servers answer by a function of the address and question.</summary>
    private sealed class ScriptedTransport(Func<IPAddress, DnsQuestion, DnsMessage> answer) : IDnsTransport
    {
        public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
        {
            byte[] wire = answer(server.Address, question).ToArray();
            return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length));
        }
    }
}
