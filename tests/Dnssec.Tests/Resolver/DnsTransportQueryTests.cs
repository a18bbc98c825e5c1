using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Tests.Resolver;

/// <summary>The query the transport sends, written straight into its bytes: the same octets as the message it stands for.</summary>
public class DnsTransportQueryTests
{
    public static TheoryData<string, QueryOptions> Options => new()
    {
        { "stub: RD, CD, DO, EDNS(0)", QueryOptions.Recursive with { CheckingDisabled = true, DnssecOk = true } },
        { "iterative: no RD", QueryOptions.Recursive with { RecursionDesired = false } },
        { "no EDNS(0)", QueryOptions.Recursive with { UseEdns = false } },
        { "small payload", QueryOptions.Recursive with { UdpPayloadSize = 512 } },
    };

    [Theory]
    [MemberData(nameof(Options))]
    public void BuildQuery_AnyOptions_SameOctetsAsTheMessage(string description, QueryOptions options)
    {
        _ = description;
        var question = new DnsQuestion(DnsName.Parse("Www.Example.TEST."), RecordType.AAAA);
        var message = new DnsMessage
        {
            Id = 0xBEEF,
            Flags = (options.RecursionDesired ? DnsHeaderFlags.RecursionDesired : 0) | (options.CheckingDisabled ? DnsHeaderFlags.CheckingDisabled : 0),
        };
        message.Questions.Add(question);
        if (options.UseEdns)
        {
            message.Edns = new EdnsRecord { DnssecOk = options.DnssecOk, UdpPayloadSize = options.UdpPayloadSize };
        }

        Assert.Equal(message.ToArray(), DnsTransport.BuildQuery(0xBEEF, question, options));
    }
}
