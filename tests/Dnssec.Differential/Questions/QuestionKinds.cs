namespace Dnssec.Differential.Questions;

/// <summary>The names of <see cref="QuestionKind"/> values as the report and explained-differences.txt write them.</summary>
public static class QuestionKinds
{
    /// <summary>The kebab-case name of <paramref name="kind"/>.</summary>
    public static string Name(QuestionKind kind) => Generation.MutationKinds.Kebab(kind.ToString());
}
