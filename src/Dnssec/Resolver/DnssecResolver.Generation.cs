namespace Dnssec.Resolver;

/// <summary>The count of cache emptyings that caches in front of the resolver compare their entries with.</summary>
public sealed partial class DnssecResolver : IAnswerCacheGeneration
{
    private long _answerCacheGeneration;

    /// <inheritdoc />
    long IAnswerCacheGeneration.AnswerCacheGeneration => Interlocked.Read(ref _answerCacheGeneration);
}
