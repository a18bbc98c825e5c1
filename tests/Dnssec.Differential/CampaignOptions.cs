namespace Dnssec.Differential;

/// <summary>How a campaign runs: its seed and size, parallelism, where its output goes, and how much delv and shrinking it does.</summary>
public sealed class CampaignOptions
{
    /// <summary>The campaign's seed; hierarchy n is generated from a seed derived from it and n.</summary>
    public required int Seed { get; init; }

    /// <summary>How many hierarchies.</summary>
    public required int Hierarchies { get; init; }

    /// <summary>The first hierarchy's number (to rerun one hierarchy of a campaign: --first N --hierarchies 1).</summary>
    public int First { get; init; }

    /// <summary>How many hierarchies are built, and how many tools run, at a time.</summary>
    public int Jobs { get; init; } = Environment.ProcessorCount;

    /// <summary>How many hierarchies one named serves at a time.</summary>
    public int BatchSize { get; init; } = 12;

    /// <summary>Questions asked per hierarchy (fewer when a hierarchy has fewer to ask).</summary>
    public int QuestionsPerHierarchy { get; init; } = 200;

    /// <summary>The share of questions delv is asked besides every disagreement, chosen by the seed.</summary>
    public double DelvSample { get; init; } = 0.02;

    /// <summary>How many rebuilds the shrinker may spend on each unexplained disagreement.</summary>
    public int ShrinkAttempts { get; init; } = 30;

    /// <summary>How many unexplained disagreements are shrunk (the first ones, one per hierarchy and question).</summary>
    public int MaxShrinks { get; init; } = 5;

    /// <summary>A hierarchy spec (spec.json of a case) to run instead of generated ones: --hierarchies must be 1.</summary>
    public string? SpecPath { get; init; }

    /// <summary>Where case files, the coverage report and the summary go; a temporary directory when null.</summary>
    public string? Out { get; init; }

    /// <summary>After asking each batch, keep serving it until a line is read from standard input: for a look by hand with dig and delv.</summary>
    public bool Hold { get; init; }

    /// <summary>The explained-differences file; the one shipped beside the program when null.</summary>
    public string? ExplainedDifferencesPath { get; init; }
}
