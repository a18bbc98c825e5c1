namespace Dnssec.Tests.Resolver;

/// <summary>
/// Tests that listen to the <c>Dnssec.TrustAnchors</c> meter run alone: every resolver tracking anchors creates a meter
/// of that name, and a listener cannot tell whose measurements it receives.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AnchorMeterCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Trust anchor meter";
}
