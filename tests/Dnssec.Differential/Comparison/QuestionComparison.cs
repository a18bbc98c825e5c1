using Dnssec.Differential.Questions;

namespace Dnssec.Differential.Comparison;

/// <summary>One question compared in one mode: our verdict, Unbound's, delv's when it was asked, and what came of it.</summary>
public sealed class QuestionComparison
{
    /// <summary>The question.</summary>
    public required Question Question { get; init; }

    /// <summary>How ours was asked.</summary>
    public required Mode Mode { get; init; }

    /// <summary>Our resolver's verdict.</summary>
    public required Verdict Ours { get; init; }

    /// <summary>The validating Unbound's verdict.</summary>
    public required Verdict Unbound { get; init; }

    /// <summary>delv's verdict, when it was run on this question.</summary>
    public Verdict? Delv { get; set; }

    /// <summary>Whether ours agrees with Unbound (and with delv when delv was asked).</summary>
    public bool Agrees => Ours.AgreesWith(Unbound) && (Delv is null || Ours.AgreesWith(Delv, compareAnswers: false));

    /// <summary>The explained-differences rule that explains the disagreement, when one does.</summary>
    public string? Explanation { get; set; }
}
