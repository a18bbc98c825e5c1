using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Tests.Validation.Scenarios;

/// <summary>
/// The table of named validation scenarios, grouped by concern in partial files: positive answers per algorithm,
/// CNAME and DNAME chains, wildcards, denials, delegations and DS sets, trust anchors, and every bogus reason. Most
/// use the standard hierarchy: root → test. → example.test. (the zone under test), other.test. (signed) and
/// unsigned.test. (an unsigned delegation).
/// </summary>
internal static partial class ValidationScenarios
{
    /// <summary>The records of example.test.: data, aliases, wildcards, an empty non-terminal and DNAMEs.</summary>
    public const string StandardRecords = """
        www A 192.0.2.1
        www TXT "web"
        alias CNAME www
        toother CNAME www.other.test.
        tounsigned CNAME www.unsigned.test.
        dangling CNAME nothere.other.test.
        loop1 CNAME loop2
        loop2 CNAME loop1
        *.wild TXT "wildcard"
        real.wild TXT "real"
        *.wc CNAME www
        a.b.c A 192.0.2.3
        dn DNAME other.test.
        dnu DNAME unsigned.test.
        """;

    private static readonly DnsName Example = DnsName.Parse("example.test.");
    private static readonly DnsName Tld = DnsName.Parse("test.");
    private static readonly DenialOfExistence[] BothDenials = [DenialOfExistence.Nsec, DenialOfExistence.Nsec3];
    private static readonly Lazy<IReadOnlyList<ValidationScenario>> Table = new(() =>
        [.. Positive(), .. Chains(), .. Wildcards(), .. Denials(), .. Delegations(), .. Anchors(), .. BogusReasons(), .. Hardening(), .. Conformance()]);

    /// <summary>Every scenario.</summary>
    public static IReadOnlyList<ValidationScenario> All => Table.Value;

    /// <summary>The scenario called <paramref name="name"/>.</summary>
    public static ValidationScenario Get(string name) => All.Single(s => s.Name == name);

    /// <summary>The standard hierarchy, every signed zone using <paramref name="denial"/>, with example.test. configured further by <paramref name="example"/>.</summary>
    private static Action<TestHierarchy> Standard(DenialOfExistence denial, Action<ZoneSpecification>? example = null) => h => AddStandard(h, denial, example);

    private static void AddStandard(TestHierarchy h, DenialOfExistence denial, Action<ZoneSpecification>? example = null)
    {
        h.Zone(".", z => z.Denial = denial);
        h.Zone("test.", z => z.Denial = denial);
        h.Zone("example.test.", z =>
        {
            z.Denial = denial;
            z.Records = StandardRecords;
            example?.Invoke(z);
        });
        h.Zone("other.test.", z =>
        {
            z.Denial = denial;
            z.Records = """
                www A 192.0.2.9
                x A 192.0.2.10
                """;
        });
        h.Zone("unsigned.test.", z =>
        {
            z.Signed = false;
            z.Records = "www A 192.0.2.7";
        });
    }

    private static string Suffix(DenialOfExistence denial) => denial == DenialOfExistence.Nsec ? "Nsec" : "Nsec3";

    /// <summary>A copy of a DS record with some fields changed.</summary>
    private static DnsRecord Ds(DnsRecord ds, DnssecAlgorithm? algorithm = null, DigestType? digestType = null, byte[]? digest = null)
    {
        DsData data = DsData.From(ds);
        return new DnsRecord(ds.Owner, RecordType.DS, RecordClass.IN, ds.Ttl,
            DsData.Encode(data.KeyTag, algorithm ?? data.Algorithm, digestType ?? data.DigestType, digest ?? data.Digest.Span));
    }

    /// <summary>A DS record whose digest has one bit flipped: same key tag and algorithm, so it names the key but does not match it.</summary>
    private static DnsRecord Corrupt(DnsRecord ds)
    {
        byte[] digest = DsData.From(ds).Digest.ToArray();
        digest[^1] ^= 0x01;
        return Ds(ds, digest: digest);
    }
}
