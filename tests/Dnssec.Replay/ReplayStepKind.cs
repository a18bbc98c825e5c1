namespace Dnssec.Replay;

/// <summary>What a STEP does: the kinds Unbound's runner knows that a replay here reads, and Unsupported for the others.</summary>
public enum ReplayStepKind
{
    /// <summary>A client sends the step's query.</summary>
    Query,

    /// <summary>The oldest answer not yet checked must match the step's entry.</summary>
    CheckAnswer,

    /// <summary>The clock moves on by the step's ELAPSE seconds, or by the value of its EVAL expression.</summary>
    TimePasses,

    /// <summary>Outstanding traffic is delivered; here every exchange completes at once, so there is nothing left to do.</summary>
    Traffic,

    /// <summary>ASSIGN: a variable of the macro language takes the value of the step's expression.</summary>
    Assign,

    /// <summary>CHECK_AUTOTRUST: the RFC 5011 state file of a trust point must read as the step's lines, their macros expanded.</summary>
    CheckAutotrust,

    /// <summary>A step kind this runner cannot perform (CHECK_OUT_QUERY, REPLY, TIMEOUT and the like).</summary>
    Unsupported,
}
