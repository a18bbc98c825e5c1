using System.Net;
using Dnssec.Crypto;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Testing;

/// <summary>How one zone of a <see cref="ZoneHierarchy"/> is built: its data, its keys and denial, how its parent delegates to it, and any deliberate fault.</summary>
public sealed class ZoneSpecification
{
    /// <summary>A zone at <paramref name="origin"/> served from <paramref name="address"/>, signed with ECDSA P-256 and NSEC.</summary>
    public ZoneSpecification(DnsName origin, IPAddress address)
    {
        Origin = origin;
        Address = address;
    }

    /// <summary>The apex.</summary>
    public DnsName Origin { get; }

    /// <summary>The address of the zone's only name server, ns1 under the apex; the parent's glue carries it.</summary>
    public IPAddress Address { get; }

    /// <summary>Zone-file lines relative to the origin, besides the SOA, NS and glue the hierarchy adds.</summary>
    public string Records { get; set; } = "";

    /// <summary>Whether the zone is signed at all.</summary>
    public bool Signed { get; set; } = true;

    /// <summary>Whether the parent publishes a DS for the zone; an unsigned delegation when false.</summary>
    public bool SecureDelegation { get; set; } = true;

    /// <summary>The algorithm of the key-signing key, and of the zone-signing key unless <see cref="ZoneSigningAlgorithm"/> says otherwise.</summary>
    public DnssecAlgorithm Algorithm { get; set; } = DnssecAlgorithm.ECDSAP256SHA256;

    /// <summary>The algorithm of the zone-signing key; the KSK's when null.</summary>
    public DnssecAlgorithm? ZoneSigningAlgorithm { get; set; }

    /// <summary>NSEC or NSEC3.</summary>
    public DenialOfExistence Denial { get; set; } = DenialOfExistence.Nsec;

    /// <summary>Whether NSEC3 skips unsigned delegations (RFC 5155 §6).</summary>
    public bool Nsec3OptOut { get; set; }

    /// <summary>Extra NSEC3 hash iterations; none by default, as RFC 9276 §3.1 recommends.</summary>
    public ushort Nsec3Iterations { get; set; }

    /// <summary>The NSEC3 salt; none by default, as RFC 9276 §3.1 recommends.</summary>
    public byte[] Nsec3Salt { get; set; } = [];

    /// <summary>The digest of the DS the parent publishes.</summary>
    public DigestType DsDigest { get; set; } = DigestType.SHA256;

    /// <summary>Signature inception relative to the hierarchy's "now"; a day before by default.</summary>
    public TimeSpan InceptionOffset { get; set; } = TimeSpan.FromDays(-1);

    /// <summary>Signature expiration relative to the hierarchy's "now"; thirty days after by default.</summary>
    public TimeSpan ExpirationOffset { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Changes the DS records the parent publishes, for DS faults.</summary>
    public Func<IReadOnlyList<DnsRecord>, IReadOnlyList<DnsRecord>>? AlterDs { get; set; }

    /// <summary>Changes the signed zone, for signature and proof faults.</summary>
    public Action<List<DnsRecord>>? AfterSigning { get; set; }

    /// <summary>Changes the key-signing key before signing, for example to revoke it or drop the Zone flag.</summary>
    public Func<SigningKey, SigningKey>? AlterKeySigningKey { get; set; }

    /// <summary>Changes the zone-signing key before signing, for example to drop its Zone flag.</summary>
    public Func<SigningKey, SigningKey>? AlterZoneSigningKey { get; set; }

    /// <summary>Extra keys to publish and sign with, such as many keys sharing a tag.</summary>
    public List<SigningKey> ExtraKeys { get; } = [];
}
