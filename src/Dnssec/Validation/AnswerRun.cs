using Dnssec.Wire;

namespace Dnssec.Validation;

/// <summary>
/// The validation of one response, as one context: the validator it asks, the answer's work budget and cancellation,
/// the response's sections, and what the walk has found so far (verdicts, denial proofs, the zones of its chain and the
/// denial records checked). <see cref="DnssecValidator.ValidateAsync"/> makes one, walks it and finishes it, so no
/// step is handed the run's state piece by piece.
/// </summary>
internal sealed partial class AnswerRun
{
    private readonly DnssecValidator _validator;
    private readonly ValidationBudget _budget;
    private readonly CancellationToken _cancellationToken;
    private readonly DnsQuestion _question;
    private readonly DnsMessage _response;
    private readonly List<DnsRecord> _answerRecords;
    private readonly IReadOnlyList<DnsRRset> _answers;
    private readonly IReadOnlyList<DnsRRset> _authority;
    private readonly IReadOnlyList<DnsRRset> _additional;
    private readonly List<RRsetValidation> _rrsets = [];
    private readonly List<ValidationResult> _proofs = [];
    private readonly List<ZoneKeys> _chain = [];
    private readonly ChainCollector _chainCollector;
    private readonly List<RRsetValidation> _checked = [];
    private ValidationResult? _concluded;

    /// <summary>
    /// The rcode the proof showed where it differs from the server's: NOERROR for an NXDOMAIN whose records prove an
    /// empty non-terminal, NXDOMAIN for a compact denial (RFC 9824); null when the server's stands.
    /// </summary>
    private DnsResponseCode? _provenResponseCode;

    /// <summary>Starts the validation of <paramref name="response"/> to <paramref name="question"/>, with a fresh budget.</summary>
    public AnswerRun(DnssecValidator validator, DnsQuestion question, DnsMessage response, CancellationToken cancellationToken)
    {
        _validator = validator;
        _budget = validator.CreateBudget();
        _cancellationToken = cancellationToken;
        _question = question;
        _response = response;
        (List<DnsRecord> answerRecords, List<DnsRecord> authorityRecords, List<DnsRecord> additionalRecords) = DnssecValidator.PlaceSignatures(response);
        _answerRecords = answerRecords;
        _answers = DnsRRset.Group(answerRecords);
        _authority = DnsRRset.Group(authorityRecords);
        _additional = DnsRRset.Group(additionalRecords);
        _chainCollector = new ChainCollector(_chain);
        _current = question.Name;
        _visited = [question.Name];
    }

    private ValidatorOptions Options => _validator.Options;

    /// <summary>
    /// Gives the verdict, the RRsets it rests on, and a verdict on every authority and additional RRset: those a
    /// proof checked keep theirs, the rest are judged by <see cref="DnssecValidator.JudgeSupplemental"/>.
    /// </summary>
    public AnswerValidation Finish()
    {
        ValidationResult? worst = _concluded;
        uint ttl = uint.MaxValue;
        foreach (RRsetValidation rrset in _rrsets)
        {
            worst = Weaker(worst, rrset.Result);
            ttl = Math.Min(ttl, rrset.Ttl);
        }

        foreach (ValidationResult proof in _proofs)
        {
            worst = Weaker(worst, proof);
        }

        if (worst is null)
        {
            worst = ValidationResult.Bogus(ExtendedDnsErrorCode.DnssecBogus, $"the response to {_question} holds neither an answer nor a proof");
        }
        else if (worst.Status == SecurityStatus.Secure)
        {
            worst = _proofs.Count == 0 && _rrsets.Count == 1
                ? ValidationResult.Secure(DeferredReason.Of(_rrsets[0].Result, static only => only.Reason))
                : ValidationResult.Secure(DeferredReason.Of((Sets: _rrsets.Count, Proofs: _proofs.Count, _question),
                    static s => $"{s.Sets} RRsets and {s.Proofs} denial proofs verified for {s._question.Name} {s._question.Type}"));
        }

        DnsResponseCode responseCode = _provenResponseCode ?? _response.ResponseCode;
        return new AnswerValidation(_question, responseCode, worst, _rrsets, _proofs, _chain, ttl == uint.MaxValue ? 0 : ttl, _current, _budget, Judge(_authority), Judge(_additional), ProofTtl());
    }

    /// <summary>The zone holding <paramref name="name"/>, its chain added to the answer's.</summary>
    private ValueTask<ZoneKeys> FindKeysAsync(DnsName name) =>
        _validator.FindKeysAsync(name, _budget, _chainCollector, _cancellationToken);

    /// <summary>Ends the answer with a verdict of its own, such as a broken chain.</summary>
    private void Conclude(ValidationResult result) => _concluded ??= result;

    /// <summary>The least TTL of the denial records and SOA the proofs checked, with the SOA's MINIMUM (RFC 9077 §3).</summary>
    private uint? ProofTtl()
    {
        uint? least = null;
        foreach (RRsetValidation rrset in _checked)
        {
            uint ttl = rrset.RRset.Type == RecordType.SOA ? Math.Min(rrset.Ttl, SoaData.From(rrset.RRset.Records[0]).Minimum) : rrset.Ttl;
            least = least is { } known ? Math.Min(known, ttl) : ttl;
        }

        return least;
    }

    private List<RRsetValidation> Judge(IReadOnlyList<DnsRRset> section)
    {
        var verdicts = new List<RRsetValidation>(section.Count);
        foreach (DnsRRset rrset in section)
        {
            verdicts.Add(VerdictOn(_checked, rrset) ?? VerdictOn(_rrsets, rrset) ?? _validator.JudgeSupplemental(rrset, _budget));
        }

        return verdicts;
    }

    // A loop, since a predicate over the RRset would be allocated for every authority and additional RRset.
    private static RRsetValidation? VerdictOn(List<RRsetValidation> verdicts, DnsRRset rrset)
    {
        foreach (RRsetValidation verdict in verdicts)
        {
            if (ReferenceEquals(verdict.RRset, rrset))
            {
                return verdict;
            }
        }

        return null;
    }

    /// <summary>Bogus beats Indeterminate beats Insecure beats Secure; the first of equals keeps its reason.</summary>
    private static ValidationResult Weaker(ValidationResult? current, ValidationResult candidate) =>
        current is null || Rank(candidate.Status) > Rank(current.Status) ? candidate : current;

    private static int Rank(SecurityStatus status) => status switch
    {
        SecurityStatus.Secure => 0,
        SecurityStatus.Insecure => 1,
        SecurityStatus.Indeterminate => 2,
        _ => 3,
    };
}
