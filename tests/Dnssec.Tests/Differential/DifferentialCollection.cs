namespace Dnssec.Tests.Differential;

/// <summary>
/// The differential slice runs alone, after the parallel collections: it starts a named and two Unbounds per hierarchy
/// and keeps both cores busy, and its time limit is meant for a machine that does nothing else meanwhile.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DifferentialCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Differential slice";
}
