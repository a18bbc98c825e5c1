using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A resolved and validated answer: its security status, response code, records (the whole CNAME/DNAME chain), the
/// Extended DNS Error and reason, the zones of the chain of trust, and which path produced it.
/// </summary>
public sealed class DnssecAnswer
{
    internal DnssecAnswer(DnsQuestion question, ValidationResult result, DnsResponseCode responseCode, IReadOnlyList<DnsRecord> answer, IReadOnlyList<DnsRecord> authority, IReadOnlyList<ZoneKeys> chain, ResolutionPath path, TimeSpan ttl)
    {
        Question = question;
        Result = result;
        ResponseCode = responseCode;
        Answer = answer;
        Authority = authority;
        Chain = chain;
        Path = path;
        Ttl = ttl;
    }

    /// <summary>The question answered.</summary>
    public DnsQuestion Question { get; }

    /// <summary>The security status, error code and reason.</summary>
    public ValidationResult Result { get; }

    /// <summary>The security status.</summary>
    public SecurityStatus Status => Result.Status;

    /// <summary>The Extended DNS Error (RFC 8914) describing the status, or null.</summary>
    public ExtendedDnsError? ExtendedError => Result.Error is { } code ? new ExtendedDnsError(code, Result.Reason) : null;

    /// <summary>The reason for the status, naming zone, record and cause.</summary>
    public string Reason => Result.Reason;

    /// <summary>The response code: NOERROR, NXDOMAIN, or SERVFAIL when no answer could be had.</summary>
    public DnsResponseCode ResponseCode { get; }

    /// <summary>The answer records (without RRSIGs), the CNAME/DNAME chain included, TTLs capped as validation allows; empty when Bogus or Indeterminate.</summary>
    public IReadOnlyList<DnsRecord> Answer { get; }

    /// <summary>The authority records of a negative answer (SOA, NSEC, NSEC3), without RRSIGs.</summary>
    public IReadOnlyList<DnsRecord> Authority { get; }

    /// <summary>The zone results of the chain of trust, anchor first.</summary>
    public IReadOnlyList<ZoneKeys> Chain { get; }

    /// <summary>Which path produced the answer.</summary>
    public ResolutionPath Path { get; }

    /// <summary>How long the answer may be cached.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>The answer records of the question's own type at the end of the chain.</summary>
    public IEnumerable<DnsRecord> Records => Answer.Where(r => r.Type == Question.Type || Question.Type == RecordType.ANY);

    internal DnssecAnswer FromCache() => new(Question, Result, ResponseCode, Answer, Authority, Chain, ResolutionPath.Cache, Ttl);
}
