using System.Net;
using Dnssec.Differential.Generation;

namespace Dnssec.Differential.Building;

/// <summary>A hierarchy made ready to serve: where its files are, its keys, its anchor, and which mutations took effect.</summary>
public sealed class BuiltHierarchy
{
    /// <summary>What was generated.</summary>
    public required HierarchySpec Spec { get; init; }

    /// <summary>Its place in the batch, which fixes its addresses.</summary>
    public required int Slot { get; init; }

    /// <summary>Its directory: zones/ (unsigned), signed/ (served), keys/, root.ds, root.hints, delv-anchors.conf.</summary>
    public required string Directory { get; init; }

    /// <summary>Every zone's keys by zone name.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<ZoneKey>> Keys { get; init; }

    /// <summary>The mutations that changed something.</summary>
    public required IReadOnlyList<MutationSpec> Applied { get; init; }

    /// <summary>The mutations that found nothing to change, with the reason (they are left out of the coverage).</summary>
    public required IReadOnlyList<string> NotApplied { get; init; }

    /// <summary>Zones signed by ldns-signzone because BIND's signer refuses their NSEC3 iterations.</summary>
    public required IReadOnlyList<string> SignedByLdns { get; init; }

    /// <summary>The signed (and mutated) zone file named serves for <paramref name="zone"/>.</summary>
    public string ServedFile(ZoneSpec zone) => Path.Combine(Directory, "signed", zone.Stem + ".zone");

    /// <summary>The trust anchor: the root's DS RRset in zone-file form.</summary>
    public string AnchorFile => Path.Combine(Directory, "root.ds");

    /// <summary>The same anchor as delv's trust-anchors statement.</summary>
    public string DelvAnchorsFile => Path.Combine(Directory, "delv-anchors.conf");

    /// <summary>Root hints in named.root form.</summary>
    public string RootHintsFile => Path.Combine(Directory, "root.hints");

    /// <summary>The root server's address.</summary>
    public IPAddress RootServer => AddressPlan.Authority(Slot, 1);
}
