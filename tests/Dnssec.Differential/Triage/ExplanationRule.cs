using System.Text.RegularExpressions;

namespace Dnssec.Differential.Triage;

/// <summary>
/// One paragraph of explained-differences.txt: the shape of a disagreement (which oracle, both verdicts, mode,
/// mutation, question kind, reasons) and the RFC clause that justifies our verdict. Every condition given must hold;
/// those left out match anything.
/// </summary>
public sealed class ExplanationRule
{
    /// <summary>The rule's name, which the report and case files cite.</summary>
    public required string Name { get; init; }

    /// <summary>"unbound" or "delv": the oracle whose verdict differs from ours.</summary>
    public required string Oracle { get; init; }

    /// <summary>A prefix of our verdict's summary ("insecure", "secure NOERROR", "bogus").</summary>
    public string? Ours { get; init; }

    /// <summary>A prefix of the oracle's verdict's summary.</summary>
    public string? Theirs { get; init; }

    /// <summary>"stub" or "iterative".</summary>
    public string? Mode { get; init; }

    /// <summary>Mutation kinds (kebab case, separated by "|") of which one must have been applied to the hierarchy; "any" for any, "none" for none.</summary>
    public string? Mutation { get; init; }

    /// <summary>Question kinds (kebab case, separated by "|"), one of which the question must be.</summary>
    public string? Question { get; init; }

    /// <summary>A feature the hierarchy must have (<see cref="HierarchyFeatures"/>).</summary>
    public string? Feature { get; init; }

    /// <summary>When true, the validating Unbound must agree with ours: a rule about delv alone.</summary>
    public bool UnboundAgrees { get; init; }

    /// <summary>A pattern our reason must contain.</summary>
    public Regex? Reason { get; init; }

    /// <summary>A pattern the oracle's reason must contain.</summary>
    public Regex? TheirReason { get; init; }

    /// <summary>The RFC clause (or clauses) behind our verdict.</summary>
    public required string Clause { get; init; }

    /// <summary>Why we differ, in a sentence or two.</summary>
    public required string Because { get; init; }

    /// <summary>Whether the rule explains the disagreement described by <paramref name="facts"/>.</summary>
    public bool Matches(DisagreementFacts facts) =>
        Oracle == facts.Oracle
        && (Ours is null || facts.Ours.StartsWith(Ours, StringComparison.Ordinal))
        && (Theirs is null || facts.Theirs.StartsWith(Theirs, StringComparison.Ordinal))
        && (Mode is null || Mode == facts.Mode)
        && (Mutation is null || Mutation switch
        {
            "none" => facts.Mutations.Count == 0,
            "any" => facts.Mutations.Count > 0,
            _ => Mutation.Split('|', StringSplitOptions.TrimEntries).Any(facts.Mutations.Contains),
        })
        && (Question is null || Question.Split('|', StringSplitOptions.TrimEntries).Contains(facts.QuestionKind))
        && (Feature is null || facts.Features.Contains(Feature))
        && (!UnboundAgrees || facts.UnboundAgrees)
        && (Reason is null || Reason.IsMatch(facts.OurReason))
        && (TheirReason is null || TheirReason.IsMatch(facts.TheirReason));
}
