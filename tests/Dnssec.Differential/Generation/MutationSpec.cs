namespace Dnssec.Differential.Generation;

/// <summary>One mutation of a hierarchy: its kind, the zone it concerns, and the RRset (or, on the wire, the question) it targets.</summary>
public sealed class MutationSpec
{
    /// <summary>What is done.</summary>
    public required MutationKind Kind { get; init; }

    /// <summary>The zone whose signed data is edited, or whose data the wire mutation concerns ("." for benign ones).</summary>
    public required string Zone { get; init; }

    /// <summary>The owner of the targeted RRset, or the query name whose responses the proxy changes.</summary>
    public string? Owner { get; init; }

    /// <summary>The type of the targeted RRset or query.</summary>
    public string? Type { get; init; }

    /// <summary>Picks the octet, label count or case where the mutation needs a choice.</summary>
    public int Seed { get; init; }

    /// <summary>The mutation as case files and the report name it: kind, zone and target.</summary>
    public override string ToString() => $"{MutationKinds.Name(Kind)} {Zone}" + (Owner is null ? "" : $" {Owner} {Type}");
}
