using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Tests.Server;

/// <summary>The response a validating recursive server gives a client for a validated answer.</summary>
public class ResponseBuilderTests
{
    private static readonly DnsQuestion Question = new(DnsName.Parse("www.example.test."), RecordType.A);

    [Theory]
    [InlineData(true, true, true)]
    [InlineData(false, false, false)]
    public void Build_SecureAnswer_AdAndRrsigsOnlyForAClientThatSetDo(bool dnssecOk, bool ad, bool rrsigs)
    {
        // RFC 4035 §3.2.1 and RFC 6840 §5.7: RRSIGs go to DO clients; AD only to clients that set DO or AD.
        DnsMessage query = DnsMessage.CreateQuery(7, Question.Name, Question.Type, DnsHeaderFlags.RecursionDesired, dnssecOk);

        DnsMessage response = ResponseBuilder.Build(query, Answer(ValidationResult.Secure("proven"), DnsResponseCode.NoError));

        Assert.Equal(7, response.Id);
        Assert.Equal(ad, response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.True(response.Flags.HasFlag(DnsHeaderFlags.RecursionAvailable));
        Assert.Equal(rrsigs, response.Answers.Exists(r => r.Type == RecordType.RRSIG));
        Assert.Contains(response.Answers, r => r.Type == RecordType.A);
    }

    [Fact]
    public void Build_BogusAnswer_ServfailWithItsExtendedError()
    {
        DnsMessage query = DnsMessage.CreateQuery(9, Question.Name, Question.Type);

        DnsMessage response = ResponseBuilder.Build(query, Answer(ValidationResult.Bogus(ExtendedDnsErrorCode.SignatureExpired, "expired"), DnsResponseCode.ServFail, AnswerSections.Empty));

        Assert.Equal(DnsResponseCode.ServFail, response.ResponseCode);
        Assert.False(response.Flags.HasFlag(DnsHeaderFlags.AuthenticData));
        Assert.Empty(response.Answers);
        Assert.Equal(ExtendedDnsErrorCode.SignatureExpired, response.Edns!.ExtendedErrors.Single().Code);
    }

    [Fact]
    public void Build_ExtendedErrorsOff_NoEdeOption()
    {
        DnsMessage query = DnsMessage.CreateQuery(9, Question.Name, Question.Type);

        DnsMessage response = ResponseBuilder.Build(query, Answer(ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, "bad"), DnsResponseCode.ServFail, AnswerSections.Empty), new ResponseOptions { ExtendedErrors = false });

        Assert.Empty(response.Edns!.ExtendedErrors);
    }

    private static DnssecAnswer Answer(ValidationResult result, DnsResponseCode code, AnswerSections? sections = null)
    {
        List<DnsRecord> records = [.. ZoneFileReader.Parse("""
            www.example.test. 300 IN A 192.0.2.1
            www.example.test. 300 IN RRSIG A 13 3 300 20300101000000 20200101000000 1 example.test. AAAA
            """)];
        sections ??= new AnswerSections([new DnsRRset([records[0]], [records[1]])], [], []);
        return new DnssecAnswer(Question, result, code, sections, [], ResolutionPath.Iterative, TimeSpan.FromMinutes(5));
    }
}
