using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>The bailiwick rules of <see cref="ResponseScrubber"/> on single responses.</summary>
public class ResponseScrubberTests
{
    [Fact]
    public void Scrub_AskedAsTheRoot_KeepsEverythingInTheAnswerForTheName()
    {
        DnsMessage response = IterativeBailiwickTests.Reply(answers: "www.example. 300 IN A 192.0.2.80", authorities: "example. 300 IN NS ns.example.", additionals: "ns.example. 300 IN A 192.0.2.2");

        ResponseScrubber.Scrub(response, new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), DnsName.Root);

        Assert.Equal(3, response.Answers.Count + response.Authorities.Count + response.Additionals.Count);
    }

    [Fact]
    public void Scrub_SignatureOfAnAdditionalRRsetInTheAnswer_JoinsItsRRset()
    {
        // Unbound's val_spurious_ns serves the RRSIG of the server address in the answer section; Unbound's parser
        // joins it to its RRset in the additional section, where the answer-section rule does not reach it.
        DnsMessage response = IterativeBailiwickTests.Reply(
            answers: """
                www.example. 300 IN A 192.0.2.80
                ns.example. 300 IN RRSIG A 13 2 300 20300101000000 20200101000000 1 example. AAAA
                """,
            additionals: "ns.example. 300 IN A 192.0.2.2");

        ResponseScrubber.Scrub(response, new DnsQuestion(DnsName.Parse("www.example."), RecordType.A), DnsName.Parse("example."));

        Assert.Equal([RecordType.A], response.Answers.Select(r => r.Type));
        Assert.Equal([RecordType.A, RecordType.RRSIG], response.Additionals.Select(r => r.Type));
    }

    [Fact]
    public void Scrub_ReferralWithGlueInsideAndOutsideTheZone_KeepsTheChildAndItsGlueOnly()
    {
        DnsMessage response = IterativeBailiwickTests.Reply(
            authorities: "sub.example. 300 IN NS ns.sub.example.\nsub.example. 300 IN NS ns.other.\nvictim. 300 IN NS ns.sub.example.",
            additionals: "ns.sub.example. 300 IN A 192.0.2.4\nns.other. 300 IN A 203.0.113.66");

        ResponseScrubber.Scrub(response, new DnsQuestion(DnsName.Parse("www.sub.example."), RecordType.A), DnsName.Parse("example."));

        Assert.Equal(["sub.example.", "sub.example."], response.Authorities.Select(r => r.Owner.ToString()));
        Assert.Equal("ns.sub.example.", Assert.Single(response.Additionals).Owner.ToString());
    }

    [Theory]
    [InlineData("sub.example. 300 IN DNAME sub.other.", true)]
    [InlineData("sub.example. 300 IN RRSIG DNAME 13 2 300 20300101000000 20200101000000 1 example. AAAA", true)]
    [InlineData("www.sub.example. 300 IN CNAME www.sub.other.", true)]
    [InlineData("sub.example. 300 IN RRSIG A 13 2 300 20300101000000 20200101000000 1 example. AAAA", false)]
    [InlineData("example. 300 IN DNAME other.", true)]
    [InlineData("other.sub.example. 300 IN DNAME x.other.", false)]
    [InlineData("www.sub.other. 300 IN A 192.0.2.1", false)]
    public void Scrub_AnswerForANameUnderADname_KeepsTheQueryNameAndDnamesAboveIt(string record, bool kept)
    {
        DnsMessage response = IterativeBailiwickTests.Reply(answers: record);

        ResponseScrubber.Scrub(response, new DnsQuestion(DnsName.Parse("www.sub.example."), RecordType.A), DnsName.Parse("example."));

        Assert.Equal(kept, response.Answers.Count == 1);
    }

}
