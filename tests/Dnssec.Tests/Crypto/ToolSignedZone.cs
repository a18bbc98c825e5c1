using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Tests.Crypto;

/// <summary>
/// One zone of <c>Crypto/Fixtures/signed</c>, which <c>make-signed-zones.sh</c> signed with BIND's dnssec-signzone or,
/// for DSA, ldns-signzone: the signed zone, the parent-side DS records of its key-signing key, and the DNSKEY of the
/// child it delegates to with a DS.
/// </summary>
internal sealed class ToolSignedZone
{
    /// <summary>The zone every fixture signs.</summary>
    public static readonly DnsName Origin = DnsName.Parse("example.");

    /// <summary>A time inside every signature's validity (2026-01-01 to 2036-01-01).</summary>
    public static readonly DateTimeOffset ValidationTime = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly ZoneFileReaderOptions Options = new() { DefaultTtl = 3600 };

    private readonly Lazy<IReadOnlyList<DnsRecord>> _records;

    private ToolSignedZone(string name)
    {
        Name = name;
        _records = new(() => Read(".zone"));
    }

    /// <summary>The directory of the fixtures in the test output.</summary>
    public static string Directory { get; } = Path.Combine(AppContext.BaseDirectory, "Crypto", "Fixtures", "signed");

    /// <summary>The source that every fixture signs.</summary>
    public static string SourcePath { get; } = Path.Combine(AppContext.BaseDirectory, "Crypto", "Fixtures", "source.zone");

    /// <summary>The file name without extension, such as <c>13-ecdsap256sha256-optout</c>.</summary>
    public string Name { get; }

    /// <summary>The signing algorithm, which the name starts with.</summary>
    public DnssecAlgorithm Algorithm => (DnssecAlgorithm)byte.Parse(Name.AsSpan(0, 2), provider: System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Whether ldns rather than BIND signed the zone (DSA, which BIND 9.18 no longer signs with).</summary>
    public bool IsDsa => Algorithm is DnssecAlgorithm.DSA or DnssecAlgorithm.DSANSEC3SHA1;

    /// <summary>The path of the signed zone file.</summary>
    public string ZonePath => Path.Combine(Directory, Name + ".zone");

    /// <summary>The signed zone.</summary>
    public IReadOnlyList<DnsRecord> Records => _records.Value;

    /// <summary>The DS records the parent would publish for the zone's key-signing key, as the tool printed them.</summary>
    public IReadOnlyList<DnsRecord> ParentDs => Read(".ds");

    /// <summary>The DNSKEY of the child zone sub.example.</summary>
    public DnsRecord ChildKey => Read(".child.key").Single();

    /// <summary>The zone's DNSKEY RRset.</summary>
    public List<DnsRecord> Keys => Records.Where(r => r.Type == RecordType.DNSKEY && r.Owner.Equals(Origin)).ToList();

    /// <summary>The name of every fixture zone.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "05-rsasha1-nsec", "06-dsansec3sha1-nsec3", "07-nsec3rsasha1-nsec3", "08-rsasha256-nsec3", "10-rsasha512-nsec",
        "13-ecdsap256sha256-optout", "14-ecdsap384sha384-nsec", "15-ed25519-nsec3", "16-ed448-nsec",
    ];

    /// <summary>Every fixture zone, as theory data.</summary>
    public static TheoryData<string> All() => [.. Names];

    /// <summary>The fixture called <paramref name="name"/>.</summary>
    public static ToolSignedZone Get(string name) => new(name);

    /// <summary>The records of the unsigned source.</summary>
    public static IReadOnlyList<DnsRecord> ReadSource() => ZoneFileReader.ReadFile(SourcePath).ToList();

    public override string ToString() => Name;

    private List<DnsRecord> Read(string extension) =>
        ZoneFileReader.ReadFile(Path.Combine(Directory, Name + extension), Options).ToList();
}
