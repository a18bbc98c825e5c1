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
}
