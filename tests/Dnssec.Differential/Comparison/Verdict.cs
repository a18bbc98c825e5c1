namespace Dnssec.Differential.Comparison;

/// <summary>
/// What one resolver said to one question: outcome, response code, the answer records (canonical text without TTL,
/// owner in lower case, RRSIGs left out, sorted) and the reason it gave.
/// </summary>
public sealed record Verdict(Outcome Outcome, string Rcode, IReadOnlyList<string> Answer, string Reason)
{
    /// <summary>Outcome and response code as the report writes them ("secure NOERROR", "bogus").</summary>
    public string Summary => Outcome == Outcome.Bogus ? "bogus" : $"{Outcome.ToString().ToLowerInvariant()} {Rcode}";

    /// <summary>
    /// Whether this verdict and <paramref name="other"/> agree: same outcome, the same response code unless bogus, and
    /// for a secure answer the same records.
    /// </summary>
    public bool AgreesWith(Verdict other, bool compareAnswers = true) =>
        Outcome == other.Outcome
        && (Outcome == Outcome.Bogus || Rcode == other.Rcode)
        && (Outcome != Outcome.Secure || !compareAnswers || Answer.SequenceEqual(other.Answer));
}
