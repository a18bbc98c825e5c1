namespace Dnssec.Differential.Questions;

/// <summary>One question of a hierarchy: name, type mnemonic and kind.</summary>
public sealed record Question(string Name, string Type, QuestionKind Kind)
{
    /// <summary>Name and type, as dig writes them.</summary>
    public override string ToString() => $"{Name} {Type}";
}
