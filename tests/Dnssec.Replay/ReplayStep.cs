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

    /// <summary>How far the clock moves, for TIME_PASSES ELAPSE.</summary>
    public TimeSpan Elapse { get; init; }

    /// <summary>
    /// The macro text as written, evaluated when the step runs since it may read the clock (<see cref="ReplayMacros"/>):
    /// the value of ASSIGN, or the seconds of TIME_PASSES EVAL, which then stands in for <see cref="Elapse"/>.
    /// </summary>
    public string? Expression { get; init; }

    /// <summary>The variable ASSIGN sets.</summary>
    public string? Variable { get; init; }

    /// <summary>The trust point CHECK_AUTOTRUST checks, as written: the name of its AUTOTRUST_FILE block.</summary>
    public string? AutotrustName { get; init; }

    /// <summary>The lines between FILE_BEGIN and FILE_END of CHECK_AUTOTRUST, exactly as written, macros unexpanded.</summary>
    public IReadOnlyList<string> ExpectedFile { get; init; } = [];

    /// <inheritdoc />
    public override string ToString() => $"STEP {Number} {Keyword}";
}
