namespace Dnssec.Replay;

/// <summary>A parsed scenario file: its config header, canned servers and steps.</summary>
public sealed class ReplayScenario
{
    /// <summary>The file the scenario was read from.</summary>
    public required string Path { get; init; }

    /// <summary>The text after SCENARIO_BEGIN.</summary>
    public required string Title { get; init; }

    /// <summary>The config header.</summary>
    public required ReplayConfig Config { get; init; }

    /// <summary>The RANGEs of canned answers, in file order.</summary>
    public required IReadOnlyList<ReplayRange> Ranges { get; init; }

    /// <summary>The STEPs in file order.</summary>
    public required IReadOnlyList<ReplayStep> Steps { get; init; }
}
