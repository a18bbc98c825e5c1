using System.Diagnostics.CodeAnalysis;
using System.Reflection;

namespace Dnssec.Fuzz;

/// <summary>Finds the fuzz targets of this assembly, so that adding a target means adding one class.</summary>
public static class FuzzTargets
{
    private static readonly Lazy<IReadOnlyList<IFuzzTarget>> Targets = new(Discover);

    /// <summary>Every target, ordered by name.</summary>
    public static IReadOnlyList<IFuzzTarget> All => Targets.Value;

    /// <summary>Finds the target called <paramref name="name"/>, ignoring case.</summary>
    public static bool TryGet(string name, [NotNullWhen(true)] out IFuzzTarget? target)
    {
        foreach (IFuzzTarget candidate in All)
        {
            if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                target = candidate;
                return true;
            }
        }

        target = null;
        return false;
    }

    /// <summary>Finds the target called <paramref name="name"/>, ignoring case.</summary>
    /// <exception cref="ArgumentException">No target has that name.</exception>
    public static IFuzzTarget Get(string name) =>
        TryGet(name, out IFuzzTarget? target)
            ? target
            : throw new ArgumentException($"No fuzz target is called '{name}'; known: {string.Join(", ", Names())}.", nameof(name));

    private static IEnumerable<string> Names()
    {
        foreach (IFuzzTarget target in All)
        {
            yield return target.Name;
        }
    }

    [UnconditionalSuppressMessage("Trimming", "IL2072", Justification = "The harness is never trimmed.")]
    private static List<IFuzzTarget> Discover()
    {
        var targets = new List<IFuzzTarget>();
        foreach (Type type in typeof(IFuzzTarget).Assembly.GetTypes())
        {
            if (type.IsClass && !type.IsAbstract && typeof(IFuzzTarget).IsAssignableFrom(type) &&
                type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes) is not null)
            {
                targets.Add((IFuzzTarget)Activator.CreateInstance(type)!);
            }
        }

        targets.Sort((left, right) => string.CompareOrdinal(left.Name, right.Name));
        return targets;
    }
}
