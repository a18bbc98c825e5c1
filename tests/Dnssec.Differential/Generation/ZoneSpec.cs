namespace Dnssec.Differential.Generation;

/// <summary>
/// One zone of a generated hierarchy: its place (name, parent, the last octet of its server's address), whether and how
/// it is signed, the DS digests its parent publishes for it, and its data beyond SOA, NS, glue, DNSKEY and DS, which
/// the builder adds.
/// </summary>
public sealed class ZoneSpec
{
    /// <summary>The apex, absolute ("." for the root).</summary>
    public required string Name { get; init; }

    /// <summary>The parent zone's apex; null for the root.</summary>
    public string? Parent { get; init; }

    /// <summary>The last octet of the zone's server address; the root is 1.</summary>
    public required int Octet { get; init; }

    /// <summary>Whether the zone is signed at all.</summary>
    public bool Signed { get; init; }

    /// <summary>The zone's keys; empty when unsigned.</summary>
    public List<KeySpec> Keys { get; init; } = [];

    /// <summary>NSEC or NSEC3 and its parameters; null when unsigned.</summary>
    public DenialSpec? Denial { get; init; }

    /// <summary>The DS digest types (1, 2, 4) the parent uses for the keys marked <see cref="KeySpec.InDs"/>.</summary>
    public List<int> DsDigests { get; init; } = [];

    /// <summary>The zone's data.</summary>
    public List<RecordSpec> Records { get; init; } = [];

    /// <summary>The name of the zone's server: ns1.&lt;zone&gt;, or a.root-servers. for the root.</summary>
    public string ServerName => Name == "." ? "a.root-servers." : "ns1." + Name;

    /// <summary>Whether the parent publishes a DS RRset for the zone: a secure delegation unless a mutation intervenes.</summary>
    public bool HasDs => Parent is not null && Keys.Exists(k => k.InDs);

    /// <summary>How many labels the apex has: 0 for the root, 1 for a TLD.</summary>
    public int Depth => Name == "." ? 0 : Name.TrimEnd('.').Split('.').Length;

    /// <summary>The file stem of the zone's files: "root" for the root, the name without its final dot otherwise.</summary>
    public string Stem => Name == "." ? "root" : Name.TrimEnd('.');
}
