using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Server;

/// <summary>
/// Turns a <see cref="DnssecAnswer"/> into the response a validating recursive server gives a stub client (RFC 4035
/// §3.2): the question echoed, RD and CD copied, RA set, AD only for a secure answer to a query that set DO or AD
/// (RFC 6840 §5.7), SERVFAIL for a Bogus or Indeterminate one with its Extended DNS Error, and RRSIG, NSEC and NSEC3
/// records only for a client that set DO (RFC 4035 §3.2.1) or asked for them by type.
/// </summary>
public static class ResponseBuilder
{
    /// <summary>Builds the response to <paramref name="query"/> from <paramref name="answer"/>.</summary>
    /// <exception cref="ArgumentException">The query has no question.</exception>
    public static DnsMessage Build(DnsMessage query, DnssecAnswer answer, ResponseOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(answer);
        options ??= ResponseOptions.Default;
        if (query.Questions.Count == 0)
        {
            throw new ArgumentException("The query has no question.", nameof(query));
        }

        DnsQuestion question = query.Questions[0];
        bool dnssecOk = query.Edns?.DnssecOk ?? false;
        bool wantsAd = dnssecOk || query.Flags.HasFlag(DnsHeaderFlags.AuthenticData);
        DnsHeaderFlags flags = DnsHeaderFlags.Response | DnsHeaderFlags.RecursionAvailable
            | (query.Flags & (DnsHeaderFlags.RecursionDesired | DnsHeaderFlags.CheckingDisabled));
        if (answer.Status == SecurityStatus.Secure && wantsAd)
        {
            flags |= DnsHeaderFlags.AuthenticData;
        }

        var response = new DnsMessage { Id = query.Id, OpCode = query.OpCode, Flags = flags, ResponseCode = answer.ResponseCode };
        response.Questions.Add(question);
        AnswerSections sections = answer.Sections;

        // An ANY answer holds every type at the name, its RRSIGs included.
        Add(response.Answers, sections.Answer, DnsSection.Answer, question.Type, dnssecOk || question.Type == RecordType.ANY);
        if (!(options.MinimalResponses && IsPositive(answer, question.Type)))
        {
            Add(response.Authorities, sections.Authority, DnsSection.Authority, question.Type, dnssecOk);
            Add(response.Additionals, sections.Additional, DnsSection.Additional, question.Type, dnssecOk);
        }

        if (query.Edns is not null)
        {
            response.Edns = new EdnsRecord { DnssecOk = dnssecOk, UdpPayloadSize = options.UdpPayloadSize };
            if (options.ExtendedErrors && answer.ExtendedError is { } error)
            {
                response.Edns.Options.Add(error.ToOption());
            }
        }

        return response;
    }

    /// <summary>Whether the answer holds data of the asked type with nothing in the authority section that the client needs (a wildcard's proof); NS answers keep their addresses.</summary>
    private static bool IsPositive(DnssecAnswer answer, RecordType type) =>
        answer.ResponseCode == DnsResponseCode.NoError
        && type != RecordType.NS
        && answer.Sections.Answer.Any(rrset => rrset.Type == type)
        && !answer.Sections.Authority.Any(rrset => rrset.Type is RecordType.NSEC or RecordType.NSEC3);

    private static void Add(List<DnsRecord> target, IReadOnlyList<DnsRRset> rrsets, DnsSection section, RecordType type, bool dnssec)
    {
        foreach (DnsRRset rrset in rrsets)
        {
            if (!dnssec && IsDnssecType(rrset.Type) && !(section == DnsSection.Answer && (type == rrset.Type || type == RecordType.ANY)))
            {
                continue;
            }

            target.AddRange(rrset.Records);
            if (dnssec)
            {
                target.AddRange(rrset.Signatures);
            }
        }
    }

    /// <summary>The types a client that did not set DO gets only when it asks for them (RFC 4035 §3.2.1).</summary>
    private static bool IsDnssecType(RecordType type) =>
        type is RecordType.RRSIG or RecordType.NSEC or RecordType.NSEC3 or RecordType.DS or RecordType.DNSKEY or RecordType.NSEC3PARAM;
}
