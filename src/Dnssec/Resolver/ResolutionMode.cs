namespace Dnssec.Resolver;

/// <summary>Where answers come from.</summary>
public enum ResolutionMode
{
    /// <summary>Ask the configured recursive upstreams, validate everything, and fall back to iterative resolution when they are roadblocks.</summary>
    Stub,
    /// <summary>Resolve from the root hints directly, asking authoritative servers.</summary>
    Iterative,
}
