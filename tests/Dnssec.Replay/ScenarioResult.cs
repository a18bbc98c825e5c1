namespace Dnssec.Replay;

/// <summary>How one scenario went: passed, or the step that failed with what was expected and what came back.</summary>
public sealed class ScenarioResult
{
    /// <summary>The scenario file.</summary>
    public required string Path { get; init; }

    /// <summary>Whether every step passed.</summary>
    public bool Passed => Failure is null;

    /// <summary>The failing step and what differed, or null.</summary>
    public string? Failure { get; init; }

    /// <summary>The expected answer, the answer that came, the resolver's reason and the exchanges, when a check failed.</summary>
    public string? Detail { get; init; }

    /// <summary>The config settings that could not be honoured, each with why.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];
}
