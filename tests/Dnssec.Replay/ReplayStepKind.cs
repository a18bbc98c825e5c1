namespace Dnssec.Replay;

/// <summary>What a STEP does; the kinds Unbound's runner knows, of which a replay here performs the first four.</summary>
public enum ReplayStepKind
{
    /// <summary>A client sends the step's query.</summary>
    Query,

    /// <summary>The oldest answer not yet checked must match the step's entry.</summary>
    CheckAnswer,

    /// <summary>The clock moves on by the step's ELAPSE seconds.</summary>
    TimePasses,

    /// <summary>Outstanding traffic is delivered; here every exchange completes at once, so there is nothing left to do.</summary>
    Traffic,

    /// <summary>A step kind this runner cannot perform (CHECK_OUT_QUERY, REPLY, TIMEOUT, CHECK_AUTOTRUST and the like).</summary>
    Unsupported,
}
