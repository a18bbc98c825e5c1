using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// Completing a response that stops at an alias, as a recursive server would: each target without an answer is asked
/// for and merged in, the denial records already gathered stay, loops and the link limit end the walk, and CNAME or
/// ANY questions are answered by the name itself.
/// </summary>
public class CnameChainTests
{
    private static readonly DnsQuestion Question = new(DnsName.Parse("www.example."), RecordType.A);

    [Fact]
    public async Task CompleteAsync_AliasAlone_TheTargetIsAskedForAndMergedIn()
    {
        DnsMessage response = Response("www.example. 300 IN CNAME web.example.net.");
        var asked = new List<DnsQuestion>();

        await CnameChain.CompleteAsync(Question, response, Answering(asked, new Dictionary<string, string>
        {
            ["web.example.net."] = "web.example.net. 300 IN A 192.0.2.80",
        }), ResolverLimits.DefaultCnameLinks);

        Assert.Equal([new DnsQuestion(DnsName.Parse("web.example.net."), RecordType.A)], asked);
        Assert.Equal(["www.example. CNAME", "web.example.net. A"], response.Answers.Select(r => $"{r.Owner} {r.Type}"));
    }

    [Fact]
    public async Task CompleteAsync_ChainAcrossZones_EveryMissingLinkIsAskedInTurn()
    {
        DnsMessage response = Response("www.example. 300 IN CNAME a.example.net.");
        var asked = new List<DnsQuestion>();

        await CnameChain.CompleteAsync(Question, response, Answering(asked, new Dictionary<string, string>
        {
            ["a.example.net."] = "a.example.net. 300 IN CNAME b.example.org.",
            ["b.example.org."] = "b.example.org. 300 IN A 192.0.2.81",
        }), ResolverLimits.DefaultCnameLinks);

        Assert.Equal(["a.example.net.", "b.example.org."], asked.Select(q => q.Name.ToString()));
        Assert.Equal(RecordType.A, response.Answers[^1].Type);
    }

    [Fact]
    public async Task CompleteAsync_ChainAlreadyComplete_NothingIsAsked()
    {
        DnsMessage response = Response("""
            www.example. 300 IN CNAME web.example.
            web.example. 300 IN A 192.0.2.80
            """);
        var asked = new List<DnsQuestion>();

        await CnameChain.CompleteAsync(Question, response, Answering(asked, []), ResolverLimits.DefaultCnameLinks);

        Assert.Empty(asked);
        Assert.Equal(2, response.Answers.Count);
    }

    [Fact]
    public async Task CompleteAsync_TargetAnswered_DenialsStayAndTheRestOfAuthorityAdditionalAndRcodeAreTheTargets()
    {
        // The NSEC proves the wildcard expansion earlier in the chain (RFC 4035 §5.3.4); the SOA and the glue were the alias's.
        DnsMessage response = Response("www.example. 300 IN CNAME gone.example.net.");
        response.Authorities.AddRange(ZoneFileReader.Parse("""
            example. 300 IN SOA ns.example. host.example. 1 2 3 4 300
            a.example. 300 IN NSEC z.example. CNAME RRSIG NSEC
            """));
        response.Additionals.AddRange(ZoneFileReader.Parse("ns.example. 300 IN A 192.0.2.53"));
        var target = new DnsMessage { Flags = DnsHeaderFlags.Response, ResponseCode = DnsResponseCode.NXDomain };
        target.Authorities.AddRange(ZoneFileReader.Parse("example.net. 300 IN SOA ns.example.net. host.example.net. 1 2 3 4 300"));

        await CnameChain.CompleteAsync(Question, response, _ => ValueTask.FromResult<DnsMessage?>(target), ResolverLimits.DefaultCnameLinks);

        Assert.Equal(DnsResponseCode.NXDomain, response.ResponseCode);
        Assert.Equal(["a.example. NSEC", "example.net. SOA"], response.Authorities.Select(r => $"{r.Owner} {r.Type}"));
        Assert.Empty(response.Additionals);
    }

    [Fact]
    public async Task CompleteAsync_TargetWithoutAnswer_TheWalkStops()
    {
        DnsMessage response = Response("www.example. 300 IN CNAME silent.example.net.");
        int asked = 0;

        await CnameChain.CompleteAsync(Question, response, _ =>
        {
            asked++;
            return ValueTask.FromResult<DnsMessage?>(null);
        }, ResolverLimits.DefaultCnameLinks);

        Assert.Equal(1, asked);
        Assert.Single(response.Answers);
    }

    [Fact]
    public async Task CompleteAsync_Loop_EachNameIsAskedOnce()
    {
        DnsMessage response = Response("www.example. 300 IN CNAME a.example.net.");
        var asked = new List<DnsQuestion>();

        await CnameChain.CompleteAsync(Question, response, Answering(asked, new Dictionary<string, string>
        {
            ["a.example.net."] = "a.example.net. 300 IN CNAME www.example.",
        }), ResolverLimits.DefaultCnameLinks);

        Assert.Equal(["a.example.net."], asked.Select(q => q.Name.ToString()));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(10, 10)]
    public async Task CompleteAsync_LongChain_AtMostTheLinkLimitIsAsked(int limit, int expected)
    {
        DnsMessage response = Response("www.example. 300 IN CNAME l1.example.net.");
        int asked = 0;

        // Every target is another alias, one label further: an endless chain.
        await CnameChain.CompleteAsync(Question, response, question =>
        {
            asked++;
            int next = int.Parse(question.Name.ToString()[1..question.Name.ToString().IndexOf('.', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture) + 1;
            var target = new DnsMessage { Flags = DnsHeaderFlags.Response };
            target.Answers.AddRange(ZoneFileReader.Parse($"{question.Name} 300 IN CNAME l{next}.example.net."));
            return ValueTask.FromResult<DnsMessage?>(target);
        }, limit);

        Assert.Equal(expected, asked);
    }

    [Theory]
    [InlineData(RecordType.CNAME)]
    [InlineData(RecordType.ANY)]
    public async Task CompleteAsync_CnameOrAnyQuestion_NothingIsFollowed(RecordType type)
    {
        DnsMessage response = Response("www.example. 300 IN CNAME web.example.net.");
        var asked = new List<DnsQuestion>();

        await CnameChain.CompleteAsync(Question with { Type = type }, response, Answering(asked, []), ResolverLimits.DefaultCnameLinks);

        Assert.Empty(asked);
    }

    [Fact]
    public async Task CompleteAsync_DataBeforeTheAlias_ReadInAnswerOrderSoNothingIsFollowed()
    {
        // RFC 2181 §10.1 allows only one; a response with both is read in answer order, as the validator reads it.
        DnsMessage response = Response("""
            www.example. 300 IN A 192.0.2.80
            www.example. 300 IN CNAME web.example.net.
            """);
        var asked = new List<DnsQuestion>();

        await CnameChain.CompleteAsync(Question, response, Answering(asked, []), ResolverLimits.DefaultCnameLinks);

        Assert.Empty(asked);
    }

    [Theory]
    [InlineData("a.example. 300 IN NSEC z.example. A RRSIG NSEC", true)]
    [InlineData("a.example. 300 IN NSEC3 1 0 0 - 0P9MHAVEQVM6T7VBL5LOP2U3T2RP3TOM A", true)]
    [InlineData("a.example. 300 IN RRSIG NSEC 13 2 300 20300101000000 20200101000000 1 example. AAAA", true)]
    [InlineData("a.example. 300 IN RRSIG SOA 13 2 300 20300101000000 20200101000000 1 example. AAAA", false)]
    [InlineData("example. 300 IN SOA ns.example. host.example. 1 2 3 4 300", false)]
    public void IsDenial_NsecNsec3AndTheirSignatures(string record, bool denial)
    {
        Assert.Equal(denial, CnameChain.IsDenial(ZoneFileReader.Parse(record).Single()));
    }

    private static DnsMessage Response(string answers)
    {
        var message = new DnsMessage { Flags = DnsHeaderFlags.Response };
        message.Questions.Add(Question);
        message.Answers.AddRange(ZoneFileReader.Parse(answers));
        return message;
    }

    private static Func<DnsQuestion, ValueTask<DnsMessage?>> Answering(List<DnsQuestion> asked, Dictionary<string, string> answers) => question =>
    {
        asked.Add(question);
        if (!answers.TryGetValue(question.Name.ToString(), out string? records))
        {
            return ValueTask.FromResult<DnsMessage?>(null);
        }

        var message = new DnsMessage { Flags = DnsHeaderFlags.Response };
        message.Questions.Add(question);
        message.Answers.AddRange(ZoneFileReader.Parse(records));
        return ValueTask.FromResult<DnsMessage?>(message);
    };
}
