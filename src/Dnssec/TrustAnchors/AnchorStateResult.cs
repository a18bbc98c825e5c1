namespace Dnssec.TrustAnchors;

/// <summary>The outcome of reading or writing the RFC 5011 state file: the trust points, or why not, naming the file and line.</summary>
/// <param name="Error">What went wrong, or <see cref="AnchorStateError.None"/>.</param>
/// <param name="TrustPoints">The trust points read or written; empty on failure.</param>
/// <param name="Reason">A sentence naming the file, the line when there is one, and what was wrong; null on success.</param>
/// <param name="Line">The 1-based line the error concerns, or null.</param>
public sealed record AnchorStateResult(AnchorStateError Error, IReadOnlyList<TrustPoint> TrustPoints, string? Reason, int? Line)
{
    /// <summary>Whether the state was read or written.</summary>
    public bool IsSuccess => Error == AnchorStateError.None;

    /// <summary>A success carrying <paramref name="trustPoints"/>.</summary>
    public static AnchorStateResult Success(IReadOnlyList<TrustPoint> trustPoints) => new(AnchorStateError.None, trustPoints, null, null);

    /// <summary>A failure of <paramref name="source"/>, at <paramref name="line"/> when known.</summary>
    public static AnchorStateResult Failure(AnchorStateError error, string source, int? line, string reason) =>
        new(error, [], line is null ? $"{source}: {reason}" : $"{source} line {line}: {reason}", line);
}
