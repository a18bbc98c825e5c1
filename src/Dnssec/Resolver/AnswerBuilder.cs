using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// Turns a validated response into the <see cref="DnssecAnswer"/> a client gets: the rcode, the sections it may see and
/// how long the answer may be cached, all from the validator's verdicts and capped TTLs (the response itself is not
/// read again), within the cache limits of <see cref="ResolverOptions"/>.
/// </summary>
internal sealed class AnswerBuilder(TimeSpan failureTtl, TimeSpan maximumCacheTtl, TimeSpan maximumNegativeTtl)
{
    public AnswerBuilder(ResolverOptions options)
        : this(options.FailureTtl, options.MaximumCacheTtl, options.MaximumNegativeTtl)
    {
    }

    /// <summary>The answer for a validated response that came by <paramref name="path"/>.</summary>
    public DnssecAnswer Build(AnswerValidation validation, ResolutionPath path)
    {
        bool failed = IsFailure(validation);
        TimeSpan ttl = failed ? failureTtl : Ttl(validation);
        ttl = ttl > maximumCacheTtl ? maximumCacheTtl : ttl;
        // The validator's rcode: an NXDOMAIN its records disprove is a NOERROR.
        DnsResponseCode code = failed ? DnsResponseCode.ServFail : validation.ResponseCode;

        // Bogus data is never handed out, not even alongside the error (RFC 4035 §5.5).
        AnswerSections sections = failed ? AnswerSections.Empty : Sections(validation);
        return new DnssecAnswer(validation.Question, validation.Result, code, sections, validation.Chain, path, ttl);
    }

    /// <summary>
    /// The answer for a client that set CD (RFC 4035 §3.2.2): the same as <see cref="Build"/> when the response validated;
    /// otherwise the data as received with its verdict kept (Bogus never earns AD), the server's rcode, and a TTL of zero,
    /// so that it is never cached for anyone.
    /// </summary>
    public DnssecAnswer BuildCheckingDisabled(AnswerValidation validation, ResolutionPath path)
    {
        bool failed = IsFailure(validation);
        if (!failed)
        {
            return Build(validation, path);
        }

        var sections = new AnswerSections(
            [.. validation.RRsets.Select(v => v.RRset)],
            [.. validation.Authority.Select(v => v.RRset)],
            [.. validation.Additional.Select(v => v.RRset)]);
        return new DnssecAnswer(validation.Question, validation.Result, validation.ResponseCode, sections, validation.Chain, path, TimeSpan.Zero);
    }

    /// <summary>The answer when no response could be had: Indeterminate with <paramref name="code"/>, SERVFAIL, cached for the failure TTL.</summary>
    public DnssecAnswer Failure(DnsQuestion question, ExtendedDnsErrorCode code, string reason, ResolutionPath path) =>
        new(question, ValidationResult.Indeterminate(code, reason), DnsResponseCode.ServFail, AnswerSections.Empty, [], path, failureTtl);

    /// <summary>Whether the validation failed; data there was nothing to validate with (no anchor, an RRSIG question) is handed out without AD, not failed.</summary>
    private static bool IsFailure(AnswerValidation validation) =>
        validation.Status is SecurityStatus.Bogus || (validation.Status == SecurityStatus.Indeterminate && !validation.Result.Unvalidatable);

    private TimeSpan Ttl(AnswerValidation validation)
    {
        if (validation.RRsets.Count > 0 && validation.Proofs.Count == 0)
        {
            return TimeSpan.FromSeconds(validation.Ttl);
        }

        if (AnswersQuestion(validation))
        {
            // A wildcard expansion (RFC 4035 §5.3.4) is only as good as the proof that the name itself does not exist,
            // so it lives for the lesser of its data's TTL and that of the NSEC or NSEC3 records it rests on.
            return TimeSpan.FromSeconds(Math.Min(validation.Ttl, validation.ProofTtl ?? validation.Ttl));
        }

        // RFC 2308 §5: a negative answer lives for the lesser of the SOA's TTL and its MINIMUM field; RFC 9077 §3: and no
        // longer than the NSEC or NSEC3 records that prove it, as the validator capped them (ProofTtl). Without a checked
        // proof (an insecure zone) the SOA as the validator judged it decides.
        uint negative = validation.ProofTtl ?? SoaTtl(validation.Authority);
        if (validation.RRsets.Count > 0)
        {
            negative = Math.Min(negative, validation.Ttl);
        }

        return TimeSpan.FromSeconds(Math.Min(negative, maximumNegativeTtl.TotalSeconds));
    }

    /// <summary>The lesser of the first SOA's TTL and its MINIMUM field; 0 without a SOA.</summary>
    private static uint SoaTtl(IReadOnlyList<RRsetValidation> authority)
    {
        foreach (RRsetValidation rrset in authority)
        {
            if (rrset.RRset.Type == RecordType.SOA)
            {
                return Math.Min(rrset.Ttl, SoaData.From(rrset.RRset.Records[0]).Minimum);
            }
        }

        return 0;
    }

    /// <summary>
    /// The RRsets a client may be given: the answer chain with TTLs capped as validation allows, each RRset once; beside
    /// a secure answer only authority and additional RRsets that were shown to be authentic, beside an insecure one
    /// what the authorities sent; in the additional section only addresses something in the other two names.
    /// </summary>
    private static AnswerSections Sections(AnswerValidation validation)
    {
        bool secure = validation.Status == SecurityStatus.Secure;
        var answer = new List<DnsRRset>(validation.RRsets.Count);
        foreach (RRsetValidation rrset in validation.RRsets)
        {
            if (!answer.Exists(a => a.Type == rrset.RRset.Type && a.Owner.Equals(rrset.RRset.Owner)))
            {
                answer.Add(AnswerSections.Capped(rrset.RRset, rrset.Ttl));
            }
        }

        List<DnsRRset> authority = Authentic(validation.Authority, secure);
        List<DnsRRset> additional = Authentic(validation.Additional, secure);
        if (additional.Count > 0)
        {
            // What the authority section named counts even where its NS RRset was not authentic (val_spurious_ns).
            HashSet<DnsName> named = NamedTargets(answer.Concat(validation.Authority.Select(v => v.RRset)));
            additional.RemoveAll(rrset => !named.Contains(rrset.Owner));
        }

        return new AnswerSections(answer, authority, additional);
    }

    /// <summary>Whether the validated answer ends in data of the type asked (positive, perhaps by wildcard), not in a denial.</summary>
    private static bool AnswersQuestion(AnswerValidation validation)
    {
        if (validation.ResponseCode != DnsResponseCode.NoError || validation.RRsets.Count == 0)
        {
            return false;
        }

        DnsRRset last = validation.RRsets[^1].RRset;
        return last.Owner.Equals(validation.FinalName) && last.Type == validation.Question.Type;
    }

    /// <summary>
    /// The names that records of these RRsets point at (NS, MX and SRV targets): the only owners an additional section
    /// may hold, as RFC 1035 §4.1.4 has it serve them; addresses nothing refers to are left out, as Unbound does.
    /// </summary>
    private static HashSet<DnsName> NamedTargets(IEnumerable<DnsRRset> rrsets)
    {
        var names = new HashSet<DnsName>();
        foreach (DnsRRset rrset in rrsets)
        {
            foreach (DnsRecord record in rrset.Records)
            {
                DnsName? target = record.Type switch
                {
                    RecordType.NS => NameData.From(record).Target,
                    RecordType.MX => MxData.From(record).Exchange,
                    RecordType.SRV => SrvData.From(record).Target,
                    _ => null,
                };
                if (target is not null)
                {
                    names.Add(target);
                }
            }
        }

        return names;
    }

    /// <summary>
    /// The RRsets of a section a client may have: beside a secure answer only those shown Secure; beside any other,
    /// all but those shown Bogus, which are never handed out (RFC 4035 §5.5), as Unbound's val_check_nonsecure removes them.
    /// </summary>
    private static List<DnsRRset> Authentic(IReadOnlyList<RRsetValidation> section, bool secure)
    {
        var authentic = new List<DnsRRset>(section.Count);
        foreach (RRsetValidation v in section)
        {
            if (secure ? v.Status == SecurityStatus.Secure : v.Status != SecurityStatus.Bogus)
            {
                authentic.Add(AnswerSections.Capped(v.RRset, v.Ttl));
            }
        }

        return authentic;
    }
}
