using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>The NSEC chain of the example zone in RFC 4035 Appendix A, for the Appendix B responses.</summary>
internal static class Rfc4035Example
{
    public static readonly DnsName Apex = DnsName.Parse("example.");

    /// <summary>Owner, next name and types, as RFC 4035 Appendix A prints them.</summary>
    public static readonly (string Owner, string Next, string Types)[] Chain =
    [
        ("example.", "a.example.", "NS SOA MX RRSIG NSEC DNSKEY"),
        ("a.example.", "ai.example.", "NS DS RRSIG NSEC"),
        ("ai.example.", "b.example.", "A HINFO AAAA RRSIG NSEC"),
        ("b.example.", "ns1.example.", "NS RRSIG NSEC"),
        ("ns1.example.", "ns2.example.", "A RRSIG NSEC"),
        ("ns2.example.", "*.w.example.", "A RRSIG NSEC"),
        ("*.w.example.", "x.w.example.", "MX RRSIG NSEC"),
        ("x.w.example.", "x.y.w.example.", "MX RRSIG NSEC"),
        ("x.y.w.example.", "xx.example.", "MX RRSIG NSEC"),
        ("xx.example.", "example.", "A HINFO AAAA RRSIG NSEC"),
    ];

    /// <summary>The NSEC owned by <paramref name="owner"/>.</summary>
    public static DnsRRset Record(string owner)
    {
        var (name, next, types) = Array.Find(Chain, e => e.Owner == owner);
        Assert.NotNull(name);
        return DenialRecords.Nsec(name, next, types);
    }

    /// <summary>The NSEC records of the given owners, as a response's authority section holds them.</summary>
    public static List<DnsRRset> Records(params string[] owners) => [.. owners.Select(Record)];

    /// <summary>The whole chain.</summary>
    public static List<DnsRRset> All() => [.. Chain.Select(e => Record(e.Owner))];
}
