namespace Dnssec.Resolver;

/// <summary>Which path produced an answer.</summary>
public enum ResolutionPath
{
    /// <summary>The recursive upstream answered and its data validated (or was proven insecure).</summary>
    Stub,
    /// <summary>Iterative resolution from the root hints, because that was the configured mode.</summary>
    Iterative,
    /// <summary>Iterative resolution from the root hints after the upstream proved to be a roadblock.</summary>
    IterativeFallback,
    /// <summary>The answer cache.</summary>
    Cache,

    /// <summary>Synthesised from validated NSEC or NSEC3 records already in the cache, without a query (RFC 8198).</summary>
    Synthesized,
}
