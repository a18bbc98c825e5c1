namespace Dnssec.Differential.Generation;

/// <summary>One record of a zone's data in zone-file form (absolute owner, type mnemonic, RDATA text).</summary>
public sealed record RecordSpec(string Owner, string Type, string Data, int Ttl = RecordSpec.DefaultTtl)
{
    /// <summary>The TTL of every generated record unless a mutation raises it.</summary>
    public const int DefaultTtl = 300;

    /// <summary>The record as one zone-file line.</summary>
    public override string ToString() => $"{Owner} {Ttl} IN {Type} {Data}";
}
