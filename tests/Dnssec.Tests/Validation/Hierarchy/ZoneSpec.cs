using Dnssec.Crypto;
using Dnssec.Wire;

namespace Dnssec.Tests.Validation.Hierarchy;

/// <summary>How one zone of a test hierarchy is built: its data, its keys and denial, how its parent delegates to it, and any deliberate fault.</summary>
internal sealed class ZoneSpec
{
    public ZoneSpec(string origin) => Origin = DnsName.Parse(origin);

    public DnsName Origin { get; }

    /// <summary>Zone-file lines relative to the origin, besides the SOA, NS and glue the hierarchy adds.</summary>
    public string Records { get; set; } = "";

    /// <summary>Whether the zone is signed at all.</summary>
    public bool Signed { get; set; } = true;

    /// <summary>Whether the parent publishes a DS for the zone; an unsigned delegation when false.</summary>
    public bool SecureDelegation { get; set; } = true;

    public DnssecAlgorithm Algorithm { get; set; } = DnssecAlgorithm.ECDSAP256SHA256;

    /// <summary>The algorithm of the zone-signing key; the KSK's when null.</summary>
    public DnssecAlgorithm? ZoneSigningAlgorithm { get; set; }

    public DenialOfExistence Denial { get; set; } = DenialOfExistence.Nsec;

    public bool Nsec3OptOut { get; set; }

    public ushort Nsec3Iterations { get; set; }

    /// <summary>The NSEC3 salt; none by default, as RFC 9276 §3.1 recommends.</summary>
    public byte[] Nsec3Salt { get; set; } = [];

    public DigestType DsDigest { get; set; } = DigestType.SHA256;

    /// <summary>Signature validity relative to the hierarchy's "now"; defaults to a day before until thirty days after.</summary>
    public TimeSpan InceptionOffset { get; set; } = TimeSpan.FromDays(-1);

    public TimeSpan ExpirationOffset { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Changes the DS records the parent publishes, for DS faults.</summary>
    public Func<IReadOnlyList<DnsRecord>, IReadOnlyList<DnsRecord>>? AlterDs { get; set; }

    /// <summary>Changes the signed zone, for signature and proof faults.</summary>
    public Action<List<DnsRecord>>? AfterSigning { get; set; }

    /// <summary>Changes the keys before signing, for example to revoke the KSK or drop the Zone flag.</summary>
    public Func<SigningKey, SigningKey>? AlterKeySigningKey { get; set; }

    /// <summary>Changes the zone-signing key before signing, for example to drop its Zone flag.</summary>
    public Func<SigningKey, SigningKey>? AlterZoneSigningKey { get; set; }

    /// <summary>Extra keys to publish and sign with, such as many keys sharing a tag.</summary>
    public List<SigningKey> ExtraKeys { get; } = [];
}
