namespace Dnssec.Resolver;

/// <summary>
/// A resolver that counts how often it has emptied its answer cache (as it does when its trust anchors change), so that
/// a cache in front of it, such as the server's responses, can tell answers proven with keys no longer trusted.
/// </summary>
internal interface IAnswerCacheGeneration
{
    /// <summary>How many times the answer cache has been emptied; it only grows.</summary>
    long AnswerCacheGeneration { get; }
}
