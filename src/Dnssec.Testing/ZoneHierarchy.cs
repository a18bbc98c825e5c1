using System.Net;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Testing;

/// <summary>
/// A private root → TLD → zone hierarchy signed in process with <see cref="ZoneSigner"/>: each zone from a
/// <see cref="ZoneSpecification"/>, parents holding the NS, glue and (for secure delegations) DS of their children, each
/// zone served from its own address, with the root's key as the only trust anchor. The tests and `dnssec demo` use it.
/// </summary>
public sealed class ZoneHierarchy
{
    private readonly List<ZoneSpecification> _zones = [];
    private readonly Dictionary<DnsName, IReadOnlyList<DnsRecord>> _signedZones = [];
    private readonly Dictionary<DnsName, SigningKey> _keySigningKeys = [];
    private readonly Dictionary<DnsName, SigningKey> _zoneSigningKeys = [];
    private readonly Dictionary<IPAddress, ZoneAuthority> _servers = [];
    private ZoneAuthority? _authority;

    /// <summary>The zones added so far, in the order they were added.</summary>
    public IReadOnlyList<ZoneSpecification> Zones => _zones;

    /// <summary>The size of generated RSA keys; 2048 bits by default (tests choose less for speed).</summary>
    public int RsaKeyBits { get; set; } = 2048;

    /// <summary>Each zone's records after <see cref="Build"/>: signed, or as written for unsigned zones.</summary>
    public IReadOnlyDictionary<DnsName, IReadOnlyList<DnsRecord>> SignedZones => _signedZones;

    /// <summary>The key-signing key of each signed zone, for forging records and extra anchors.</summary>
    public IReadOnlyDictionary<DnsName, SigningKey> KeySigningKeys => _keySigningKeys;

    /// <summary>The zone-signing key of each signed zone, for re-signing or forging records.</summary>
    public IReadOnlyDictionary<DnsName, SigningKey> ZoneSigningKeys => _zoneSigningKeys;

    /// <summary>One authority holding every zone, as a single server (or a recursive resolver in front of them all) would answer.</summary>
    /// <exception cref="InvalidOperationException">The hierarchy is not built yet.</exception>
    public ZoneAuthority Authority => _authority ?? throw new InvalidOperationException("Build the hierarchy first.");

    /// <summary>The authoritative server at each zone's address, for iterative resolution through an <see cref="InMemoryTransport"/>.</summary>
    public IReadOnlyDictionary<IPAddress, ZoneAuthority> Servers => _servers;

    /// <summary>The address of the root zone's server, the only root hint the hierarchy needs.</summary>
    /// <exception cref="InvalidOperationException">The hierarchy has no root zone.</exception>
    public IPAddress RootAddress => _zones.Find(z => z.Origin.IsRoot)?.Address ?? throw new InvalidOperationException("The hierarchy has no root zone.");

    /// <summary>The trust anchors: after <see cref="Build"/>, a SHA-256 DS of the root's key-signing key.</summary>
    public TrustAnchorSet Anchors { get; } = new();

    /// <summary>Adds a zone, served from the next free address in 198.51.100.0/24, or returns the one already added, for further setup.</summary>
    /// <exception cref="InvalidOperationException">The hierarchy already has 254 zones.</exception>
    public ZoneSpecification Zone(string origin, Action<ZoneSpecification>? configure = null)
    {
        DnsName name = DnsName.Parse(origin);
        ZoneSpecification? zone = _zones.Find(z => z.Origin.Equals(name));
        if (zone is null)
        {
            if (_zones.Count >= 254)
            {
                throw new InvalidOperationException("A hierarchy holds at most 254 zones, one address of 198.51.100.0/24 each.");
            }

            // RFC 5737 documentation addresses: they can never reach a real server if one leaks out.
            zone = new ZoneSpecification(name, new IPAddress([198, 51, 100, (byte)(_zones.Count + 1)]));
            _zones.Add(zone);
        }

        configure?.Invoke(zone);
        return zone;
    }

    /// <summary>Signs every zone around <paramref name="now"/>, children first so that parents can carry their DS, and sets up the servers.</summary>
    /// <exception cref="InvalidOperationException">The root zone is missing or unsigned, or the hierarchy is built already.</exception>
    public ZoneHierarchy Build(DateTimeOffset now)
    {
        if (_authority is not null)
        {
            throw new InvalidOperationException("The hierarchy is built already: its keys and anchor would change under anyone holding them.");
        }

        if (!_zones.Exists(z => z.Origin.IsRoot && z.Signed))
        {
            throw new InvalidOperationException("A hierarchy needs a signed root zone: its key is the trust anchor.");
        }

        var keys = new Dictionary<DnsName, List<SigningKey>>();
        foreach (ZoneSpecification zone in _zones.Where(z => z.Signed))
        {
            SigningKey ksk = SigningKey.Generate(zone.Origin, zone.Algorithm, 257, RsaKeyBits);
            ksk = zone.AlterKeySigningKey?.Invoke(ksk) ?? ksk;
            SigningKey zsk = SigningKey.Generate(zone.Origin, zone.ZoneSigningAlgorithm ?? zone.Algorithm, 256, RsaKeyBits);
            zsk = zone.AlterZoneSigningKey?.Invoke(zsk) ?? zsk;
            _keySigningKeys[zone.Origin] = ksk;
            _zoneSigningKeys[zone.Origin] = zsk;
            keys[zone.Origin] = [ksk, zsk, .. zone.ExtraKeys];
        }

        var served = new List<AuthoritativeZone>();
        foreach (ZoneSpecification zone in _zones.OrderByDescending(z => z.Origin.LabelCount))
        {
            List<DnsRecord> records = SourceRecords(zone);
            var signed = (zone.Signed
                ? ZoneSigner.Sign(zone.Origin, records, keys[zone.Origin], new ZoneSigningOptions
                {
                    Inception = now + zone.InceptionOffset,
                    Expiration = now + zone.ExpirationOffset,
                    Denial = zone.Denial,
                    Nsec3OptOut = zone.Nsec3OptOut,
                    Nsec3Iterations = zone.Nsec3Iterations,
                    Nsec3Salt = zone.Nsec3Salt,
                })
                : records).ToList();
            zone.AfterSigning?.Invoke(signed);
            _signedZones[zone.Origin] = signed;
            served.Add(new AuthoritativeZone(zone.Origin, signed));
        }

        _authority = new ZoneAuthority(served);
        foreach (IGrouping<IPAddress, ZoneSpecification> server in _zones.GroupBy(z => z.Address))
        {
            _servers[server.Key] = new ZoneAuthority(served.Where(s => server.Any(z => z.Origin.Equals(s.Origin))));
        }

        Anchors.Add([DsDigest.CreateDs(_keySigningKeys[DnsName.Root].Dnskey, DigestType.SHA256)]);
        return this;
    }

    private List<DnsRecord> SourceRecords(ZoneSpecification zone)
    {
        string origin = zone.Origin.ToString();
        string text = $"""
            $ORIGIN {origin}
            $TTL 3600
            @ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
            @ IN NS ns1
            ns1 IN A {zone.Address}
            {zone.Records}
            """;
        var records = ZoneFileReader.Parse(text, origin).ToList();
        foreach (ZoneSpecification child in _zones.Where(c => !c.Origin.Equals(zone.Origin) && c.Origin.IsStrictSubdomainOf(zone.Origin)))
        {
            // Only direct children: a grandchild is delegated by the zone in between.
            if (_zones.Any(middle => middle != child && middle != zone && child.Origin.IsStrictSubdomainOf(middle.Origin) && middle.Origin.IsStrictSubdomainOf(zone.Origin)))
            {
                continue;
            }

            DnsName server = DnsName.Parse("ns1", child.Origin);
            records.Add(new DnsRecord(child.Origin, RecordType.NS, RecordClass.IN, 3600, NameData.Encode(server)));
            records.Add(new DnsRecord(server, RecordType.A, RecordClass.IN, 3600, child.Address.GetAddressBytes()));
            if (child.Signed && child.SecureDelegation)
            {
                IReadOnlyList<DnsRecord> ds = [DsDigest.CreateDs(_keySigningKeys[child.Origin].Dnskey, child.DsDigest, 3600)];
                records.AddRange(child.AlterDs?.Invoke(ds) ?? ds);
            }
        }

        return records;
    }
}
