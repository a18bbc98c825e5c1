using System.Net;
using Dnssec.Differential.Comparison;
using Dnssec.Differential.Questions;
using Dnssec.Differential.Serving;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Differential.Oracles;

/// <summary>
/// The validating Unbound as an oracle: asked with RD and DO over UDP (TCP when truncated), its answer read as the
/// interop tests read it: SERVFAIL is bogus, the AD bit secure, anything else insecure; the reason is its Extended DNS
/// Error (RFC 8914), which <c>ede: yes</c> and <c>val-log-level: 2</c> fill with its validation failure.
/// </summary>
public static class UnboundOracle
{
    /// <summary>Unbound's verdict on <paramref name="question"/>.</summary>
    public static async Task<Verdict> AskAsync(IPEndPoint validator, Question question, CancellationToken cancellationToken)
    {
        DnsMessage response;
        try
        {
            response = await DnsExchange.QueryAsync(validator, DnsName.Parse(question.Name), Mnemonics.ParseRecordType(question.Type), DnsHeaderFlags.RecursionDesired, dnssecOk: true, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new Verdict(Outcome.Bogus, "TIMEOUT", [], e.Message);
        }

        return Read(response);
    }

    /// <summary>The verdict a validating resolver's response states.</summary>
    public static Verdict Read(DnsMessage response)
    {
        string rcode = Mnemonics.FormatResponseCode(response.ResponseCode);
        string reason = string.Join("; ", response.Edns?.ExtendedErrors.Select(e => $"EDE {(int)e.Code} {e.ExtraText}".TrimEnd()) ?? []);
        if (response.ResponseCode is not (DnsResponseCode.NoError or DnsResponseCode.NXDomain))
        {
            return new Verdict(Outcome.Bogus, rcode, [], reason.Length > 0 ? reason : rcode);
        }

        bool secure = (response.Flags & DnsHeaderFlags.AuthenticData) != 0;
        return new Verdict(secure ? Outcome.Secure : Outcome.Insecure, rcode, AnswerText.Of(response.Answers), reason.Length > 0 ? reason : secure ? "AD" : "no AD");
    }
}
