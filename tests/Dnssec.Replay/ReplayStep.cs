namespace Dnssec.Replay;

/// <summary>One numbered STEP of a scenario.</summary>
public sealed class ReplayStep
{
    /// <summary>The step number, which also selects the RANGEs that answer during it.</summary>
    public required int Number { get; init; }

    /// <summary>What the step does.</summary>
    public required ReplayStepKind Kind { get; init; }

    /// <summary>The keyword as written, for messages.</summary>
    public required string Keyword { get; init; }

    /// <summary>The query or the expected answer, for QUERY and CHECK_ANSWER.</summary>
    public ReplayEntry? Entry { get; init; }

    /// <summary>How far the clock moves, for TIME_PASSES.</summary>
    public TimeSpan Elapse { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"STEP {Number} {Keyword}";
}
