using Dnssec.Wire;

namespace Dnssec.Tests.Validation;

/// <summary>
/// The NSEC3 chain of the example zone in RFC 5155 Appendix A (hash 1, flags 1 = opt-out, 12 iterations, salt
/// aabbccdd), as printed there, for the Appendix B responses. Each record can also be had without opt-out.
/// </summary>
internal static class Rfc5155Example
{
    public static readonly DnsName Apex = DnsName.Parse("example.");

    /// <summary>Owner hash, next hash, types, and the name the owner is the hash of.</summary>
    public static readonly (string Owner, string Next, string Types, string Name)[] Chain =
    [
        ("0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "2t7b4g4vsa5smi47k61mv5bv1a22bojr", "NS SOA MX RRSIG DNSKEY NSEC3PARAM", "example."),
        ("2t7b4g4vsa5smi47k61mv5bv1a22bojr", "2vptu5timamqttgl4luu9kg21e0aor3s", "A RRSIG", "ns1.example."),
        ("2vptu5timamqttgl4luu9kg21e0aor3s", "35mthgpgcu1qg68fab165klnsnk3dpvl", "MX RRSIG", "x.y.w.example."),
        ("35mthgpgcu1qg68fab165klnsnk3dpvl", "b4um86eghhds6nea196smvmlo4ors995", "NS DS RRSIG", "a.example."),
        ("b4um86eghhds6nea196smvmlo4ors995", "gjeqe526plbf1g8mklp59enfd789njgi", "MX RRSIG", "x.w.example."),
        ("gjeqe526plbf1g8mklp59enfd789njgi", "ji6neoaepv8b5o6k4ev33abha8ht9fgc", "A HINFO AAAA RRSIG", "ai.example."),
        ("ji6neoaepv8b5o6k4ev33abha8ht9fgc", "k8udemvp1j2f7eg6jebps17vp3n8i58h", "", "y.w.example."),
        ("k8udemvp1j2f7eg6jebps17vp3n8i58h", "kohar7mbb8dc2ce8a9qvl8hon4k53uhi", "", "w.example."),
        ("kohar7mbb8dc2ce8a9qvl8hon4k53uhi", "q04jkcevqvmu85r014c7dkba38o0ji5r", "A RRSIG", "2t7b4g4vsa5smi47k61mv5bv1a22bojr.example."),
        ("q04jkcevqvmu85r014c7dkba38o0ji5r", "r53bq7cc2uvmubfu5ocmm6pers9tk9en", "A RRSIG", "ns2.example."),
        ("r53bq7cc2uvmubfu5ocmm6pers9tk9en", "t644ebqk9bibcna874givr6joj62mlhv", "MX RRSIG", "*.w.example."),
        ("t644ebqk9bibcna874givr6joj62mlhv", "0p9mhaveqvm6t7vbl5lop2u3t2rp3tom", "A HINFO AAAA RRSIG", "xx.example."),
    ];

    /// <summary>The record whose owner hash starts with <paramref name="prefix"/>.</summary>
    public static DnsRRset Record(string prefix, bool optOut = true)
    {
        var (owner, next, types, _) = Array.Find(Chain, e => e.Owner.StartsWith(prefix, StringComparison.Ordinal));
        Assert.NotNull(owner);
        return DenialRecords.Nsec3(owner + ".example.", next, types, flags: optOut ? (byte)1 : (byte)0);
    }

    /// <summary>The records whose owner hashes start with the given prefixes, as a response's authority section holds them.</summary>
    public static List<DnsRRset> Records(bool optOut, params string[] prefixes) => [.. prefixes.Select(p => Record(p, optOut))];

    /// <summary>The whole chain.</summary>
    public static List<DnsRRset> All(bool optOut = true) => [.. Chain.Select(e => Record(e.Owner, optOut))];
}
