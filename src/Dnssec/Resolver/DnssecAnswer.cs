using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A resolved and validated answer: its security status, response code, records (the whole CNAME/DNAME chain), the
/// Extended DNS Error and reason, the zones of the chain of trust, and which path produced it.
/// </summary>
public sealed class DnssecAnswer
{
    /// <summary>
    /// Creates an answer; <see cref="DnssecResolver"/> makes its own, and other implementations of
    /// <see cref="IDnssecResolver"/> (test fakes among them) make theirs with this.
    /// </summary>
    public DnssecAnswer(DnsQuestion question, ValidationResult result, DnsResponseCode responseCode, AnswerSections sections, IReadOnlyList<ZoneKeys> chain, ResolutionPath path, TimeSpan ttl)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(sections);
        ArgumentNullException.ThrowIfNull(chain);
        Question = question;
        Result = result;
        ResponseCode = responseCode;
        Sections = sections;
        Chain = chain;
        Path = path;
        Ttl = ttl;
        Answer = Flatten(sections.Answer, denialOnly: false);
        Authority = Flatten(sections.Authority, denialOnly: true);
    }

    private DnssecAnswer(DnssecAnswer answer, TransportPrivacy? privacy)
    {
        Question = answer.Question;
        Result = answer.Result;
        ResponseCode = answer.ResponseCode;
        Sections = answer.Sections;
        Chain = answer.Chain;
        Path = answer.Path;
        Ttl = answer.Ttl;
        Answer = answer.Answer;
        Authority = answer.Authority;
        Privacy = privacy;
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

    /// <summary>
    /// The RRsets of the answer with their RRSIGs, section by section, as a server hands them to a client: what a
    /// secure answer rests on and what was shown to be authentic beside it; for an insecure answer, what the
    /// authorities sent; nothing when Bogus or Indeterminate.
    /// </summary>
    public AnswerSections Sections { get; }

    /// <summary>The zone results of the chain of trust, anchor first.</summary>
    public IReadOnlyList<ZoneKeys> Chain { get; }

    /// <summary>Which path produced the answer.</summary>
    public ResolutionPath Path { get; }

    /// <summary>
    /// How well the questions this resolution sent were hidden: the weakest of its exchanges with upstreams and
    /// authorities, the DS and DNSKEY questions of its validation included. An answer that went even partly in clear text
    /// says <see cref="TransportPrivacy.Cleartext"/>; one from a TLS upstream in RFC 8310's opportunistic profile says
    /// <see cref="TransportPrivacy.Opportunistic"/>. A DS or DNSKEY query shared with a concurrent resolution counts for
    /// each that waited on it. What came from the cache was sent before and is not counted, nor is an encrypted upstream
    /// that refused to authenticate, which never saw the question; null when nothing was sent at all (answered from the cache or synthesised from it,
    /// or only refused upstreams were tried).
    /// </summary>
    public TransportPrivacy? Privacy { get; init; }

    /// <summary>How long the answer may be cached.</summary>
    public TimeSpan Ttl { get; }

    /// <summary>The answer records of the question's own type at the end of the chain.</summary>
    public IEnumerable<DnsRecord> Records => Answer.Where(r => r.Type == Question.Type || Question.Type == RecordType.ANY);

    /// <summary>The records of <paramref name="section"/>, or only of its SOA, NSEC and NSEC3 RRsets; answered from caches often, so without LINQ.</summary>
    private static DnsRecord[] Flatten(IReadOnlyList<DnsRRset> section, bool denialOnly)
    {
        int count = 0;
        foreach (DnsRRset rrset in section)
        {
            count += !denialOnly || IsDenial(rrset) ? rrset.Records.Count : 0;
        }

        if (count == 0)
        {
            return [];
        }

        var records = new DnsRecord[count];
        int next = 0;
        foreach (DnsRRset rrset in section)
        {
            if (!denialOnly || IsDenial(rrset))
            {
                foreach (DnsRecord record in rrset.Records)
                {
                    records[next++] = record;
                }
            }
        }

        return records;
    }

    private static bool IsDenial(DnsRRset rrset) => rrset.Type is RecordType.SOA or RecordType.NSEC or RecordType.NSEC3;

    /// <summary>This answer, saying how its questions were hidden on the way.</summary>
    internal DnssecAnswer WithPrivacy(TransportPrivacy? privacy) => new(this, privacy);

    /// <summary>The answer as the cache gives it out <paramref name="age"/> after it was resolved: every TTL counts down by the time spent there (RFC 1035 §3.2.1).</summary>
    internal DnssecAnswer FromCache(TimeSpan age) =>
        new(Question, Result, ResponseCode, Sections.Aged(age), Chain, ResolutionPath.Cache, Ttl - age < TimeSpan.Zero ? TimeSpan.Zero : Ttl - age);
}
