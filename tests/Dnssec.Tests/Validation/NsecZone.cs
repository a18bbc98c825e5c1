using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>
/// A synthetic NSEC chain: the names of a zone with their types, in canonical order, each pointing to the next and
/// the last back to the apex (RFC 4034 §4.1.1). Names with no types are empty non-terminals and get no NSEC.
/// </summary>
internal sealed class NsecZone
{
    private readonly List<(DnsName Name, string Types)> _chain;

    public NsecZone(string apex, IReadOnlyDictionary<string, string> names)
    {
        Apex = DnsName.Parse(apex);
        _chain = [.. names.Where(n => n.Value.Length > 0).Select(n => (DnsName.Parse(n.Key), n.Value)).OrderBy(e => e.Item1)];
        Assert.Equal(Apex, _chain[0].Name);
    }

    public DnsName Apex { get; }

    /// <summary>Every record of the chain.</summary>
    public List<DnsRRset> All => [.. _chain.Select((_, i) => Record(i))];

    private DnsRRset Record(int index)
    {
        var (name, types) = _chain[index];
        DnsName next = _chain[(index + 1) % _chain.Count].Name;
        return DenialRecords.Nsec(name.ToString(), next.ToString(), types + " RRSIG NSEC");
    }
}
