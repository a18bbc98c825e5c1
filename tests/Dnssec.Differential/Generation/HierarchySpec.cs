namespace Dnssec.Differential.Generation;

/// <summary>One generated hierarchy: its number in the campaign, the seed it was generated from, its zones (root first, parents before children) and its mutations.</summary>
public sealed class HierarchySpec
{
    /// <summary>The hierarchy's number in its campaign, from 0.</summary>
    public required int Number { get; init; }

    /// <summary>The seed the generator made this hierarchy from; the same seed makes the same hierarchy.</summary>
    public required int Seed { get; init; }

    /// <summary>The zones, root first, every parent before its children.</summary>
    public required List<ZoneSpec> Zones { get; init; }

    /// <summary>The mutations, in the order they are applied.</summary>
    public List<MutationSpec> Mutations { get; init; } = [];

    /// <summary>The zone with apex <paramref name="name"/>.</summary>
    public ZoneSpec Zone(string name) => Zones.Find(z => z.Name == name) ?? throw new ArgumentException($"no zone {name} in hierarchy {Number}", nameof(name));

    /// <summary>The children of <paramref name="zone"/>.</summary>
    public IEnumerable<ZoneSpec> Children(ZoneSpec zone) => Zones.Where(z => z.Parent == zone.Name);

    /// <summary>The zone holding <paramref name="name"/>: the deepest zone whose apex is it or an ancestor.</summary>
    public ZoneSpec ZoneOf(string name)
    {
        ZoneSpec best = Zones[0];
        foreach (ZoneSpec zone in Zones)
        {
            if (Names.IsAtOrBelow(name, zone.Name) && zone.Depth > best.Depth)
            {
                best = zone;
            }
        }

        return best;
    }

    /// <summary>Whether any mutation is applied by the proxy to chosen questions (benign ones do not count).</summary>
    public bool HasWireMutation => Mutations.Exists(m => MutationKinds.IsWire(m.Kind));
}
