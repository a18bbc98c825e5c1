using Dnssec.Differential.Comparison;
using Dnssec.Differential.Generation;
using Dnssec.Differential.Questions;

namespace Dnssec.Differential.Triage;

/// <summary>What shrinking left: the smallest hierarchy that still disagrees, the questions to ask it in order, and the comparison there.</summary>
public sealed record ShrinkResult(HierarchySpec Spec, IReadOnlyList<Question> Questions, QuestionComparison Comparison);
