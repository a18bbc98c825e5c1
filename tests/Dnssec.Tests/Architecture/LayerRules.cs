namespace Dnssec.Tests.Architecture;

/// <summary>
/// The layer table of DESIGN.md as a check over namespace dependencies: code in <c>Dnssec.X</c> or any namespace below
/// it belongs to layer X and may use only X and the layers before it; only Crypto may use BouncyCastle.
/// </summary>
internal static class LayerRules
{
    /// <summary>The root namespace of the library; every layer is one namespace below it.</summary>
    public const string Root = "Dnssec";

    /// <summary>The layers in order; each may use only those before it. A layer the assembly does not have yet costs nothing.</summary>
    public static readonly IReadOnlyList<string> Layers = ["Wire", "Presentation", "Crypto", "Zones", "Validation", "TrustAnchors", "Resolver", "Dane", "Server"];

    private const string BouncyCastle = "Org.BouncyCastle";

    /// <summary>Every dependency that breaks the table, as a sentence naming both namespaces and one use.</summary>
    public static IReadOnlyList<string> Violations(IEnumerable<NamespaceDependency> dependencies)
    {
        var violations = new List<string>();
        foreach (NamespaceDependency dependency in dependencies)
        {
            if (!IsWithin(dependency.From, Root))
            {
                // Compiler-generated helpers (<PrivateImplementationDetails>, generated regexes, embedded attributes) are no layer's.
                continue;
            }

            string? from = LayerOf(dependency.From);
            if (from is null)
            {
                violations.Add($"{dependency.From} is not inside a layer of DESIGN.md ({dependency.Example})");
                continue;
            }

            if (IsWithin(dependency.To, BouncyCastle) && from != "Crypto")
            {
                violations.Add($"{dependency.From} ({from}) uses {dependency.To}: only Crypto may use BouncyCastle ({dependency.Example})");
            }

            if (!IsWithin(dependency.To, Root))
            {
                continue;
            }

            string? to = LayerOf(dependency.To);
            if (to is null)
            {
                violations.Add($"{dependency.From} ({from}) uses {dependency.To}, which is not a layer of DESIGN.md ({dependency.Example})");
            }
            else if (Rank(to) > Rank(from))
            {
                violations.Add($"{dependency.From} ({from}) uses {dependency.To} ({to}), a later layer ({dependency.Example})");
            }
        }

        return violations;
    }

    /// <summary>The layer a namespace belongs to (<c>Dnssec.Resolver.Caching</c> → Resolver), or null outside every layer.</summary>
    public static string? LayerOf(string space)
    {
        if (!space.StartsWith(Root + ".", StringComparison.Ordinal))
        {
            return null;
        }

        string rest = space[(Root.Length + 1)..];
        int dot = rest.IndexOf('.', StringComparison.Ordinal);
        string first = dot < 0 ? rest : rest[..dot];
        return Rank(first) >= 0 ? first : null;
    }

    /// <summary>Whether <paramref name="space"/> is <paramref name="outer"/> or a namespace below it.</summary>
    public static bool IsWithin(string space, string outer) =>
        space == outer || (space.StartsWith(outer, StringComparison.Ordinal) && space.Length > outer.Length && space[outer.Length] == '.');

    private static int Rank(string layer)
    {
        for (int i = 0; i < Layers.Count; i++)
        {
            if (Layers[i] == layer)
            {
                return i;
            }
        }

        return -1;
    }
}
