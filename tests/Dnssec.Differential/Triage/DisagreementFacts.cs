namespace Dnssec.Differential.Triage;

/// <summary>A disagreement with one oracle as the explanation rules read it: everything in text form.</summary>
/// <param name="Oracle">"unbound" or "delv".</param>
/// <param name="Ours">Our verdict's summary.</param>
/// <param name="Theirs">The oracle's verdict's summary.</param>
/// <param name="Mode">"stub" or "iterative".</param>
/// <param name="Mutations">The kinds of the mutations applied to the hierarchy (kebab case).</param>
/// <param name="QuestionKind">The question's kind (kebab case).</param>
/// <param name="OurReason">Our reason.</param>
/// <param name="TheirReason">The oracle's reason.</param>
/// <param name="Features">What the hierarchy has that some oracle handles its own way (<see cref="HierarchyFeatures"/>).</param>
/// <param name="UnboundAgrees">Whether the validating Unbound agrees with ours on the question (for rules about delv).</param>
public sealed record DisagreementFacts(
    string Oracle,
    string Ours,
    string Theirs,
    string Mode,
    IReadOnlySet<string> Mutations,
    string QuestionKind,
    string OurReason,
    string TheirReason,
    IReadOnlySet<string> Features,
    bool UnboundAgrees);
