using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Validation.Hierarchy;

/// <summary>
/// A root → TLD → zone hierarchy signed in process with the project's signer: each zone from a <see cref="ZoneSpec"/>,
/// parents holding the NS, glue and (for secure delegations) DS of their children, served by an
/// <see cref="InMemoryAuthority"/>, with the root's key as the only trust anchor.
/// </summary>
internal sealed class TestHierarchy
{
    /// <summary>The fixed "now" of every hierarchy: signatures are made around it and validation happens at it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly List<ZoneSpec> _specs = [];

    /// <summary>A hierarchy with a signed root and a signed "test." TLD.</summary>
    public TestHierarchy()
    {
        Zone(".");
        Zone("test.");
    }

    public Dictionary<DnsName, IReadOnlyList<DnsRecord>> SignedZones { get; } = [];

    public Dictionary<DnsName, SigningKey> KeySigningKeys { get; } = [];

    /// <summary>The zone-signing key of each signed zone, for tests that re-sign or forge records.</summary>
    public Dictionary<DnsName, SigningKey> ZoneSigningKeys { get; } = [];

    public InMemoryAuthority Authority { get; private set; } = null!;

    public TrustAnchorSet Anchors { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>Adds a zone, or returns the one already added, for further setup.</summary>
    public ZoneSpec Zone(string origin, Action<ZoneSpec>? configure = null)
    {
        DnsName name = DnsName.Parse(origin);
        ZoneSpec? spec = _specs.Find(s => s.Origin.Equals(name));
        if (spec is null)
        {
            spec = new ZoneSpec(origin);
            _specs.Add(spec);
        }

        configure?.Invoke(spec);
        return spec;
    }

    /// <summary>Signs every zone, children first so that parents can carry their DS, and starts the authority.</summary>
    public TestHierarchy Build()
    {
        var keys = new Dictionary<DnsName, List<SigningKey>>();
        foreach (ZoneSpec spec in _specs.Where(s => s.Signed))
        {
            SigningKey ksk = SigningKey.Generate(spec.Origin, spec.Algorithm, 257, rsaBits: 1024);
            ksk = spec.AlterKeySigningKey?.Invoke(ksk) ?? ksk;
            SigningKey zsk = SigningKey.Generate(spec.Origin, spec.ZoneSigningAlgorithm ?? spec.Algorithm, 256, rsaBits: 1024);
            zsk = spec.AlterZoneSigningKey?.Invoke(zsk) ?? zsk;
            KeySigningKeys[spec.Origin] = ksk;
            ZoneSigningKeys[spec.Origin] = zsk;
            keys[spec.Origin] = [ksk, zsk, .. spec.ExtraKeys];
        }

        var indexes = new List<SignedZoneIndex>();
        foreach (ZoneSpec spec in _specs.OrderByDescending(s => s.Origin.LabelCount))
        {
            List<DnsRecord> records = SourceRecords(spec, keys);
            IReadOnlyList<DnsRecord> zone = spec.Signed
                ? ZoneSigner.Sign(spec.Origin, records, keys[spec.Origin], new ZoneSigningOptions
                {
                    Inception = Now + spec.InceptionOffset,
                    Expiration = Now + spec.ExpirationOffset,
                    Denial = spec.Denial,
                    Nsec3OptOut = spec.Nsec3OptOut,
                    Nsec3Iterations = spec.Nsec3Iterations,
                    Nsec3Salt = spec.Nsec3Salt,
                })
                : records;
            var list = zone.ToList();
            spec.AfterSigning?.Invoke(list);
            SignedZones[spec.Origin] = list;
            indexes.Add(new SignedZoneIndex(spec.Origin, list));
        }

        Authority = new InMemoryAuthority(indexes);
        Anchors.Add([DsDigest.CreateDs(KeySigningKeys[DnsName.Root].Dnskey, DigestType.SHA256)]);
        return this;
    }

    /// <summary>A validator over this hierarchy at <see cref="Now"/>.</summary>
    public DnssecValidator Validator(ValidatorOptions? options = null) => new(Anchors, Authority, options, Clock);

    /// <summary>Resolves the question through the authority and validates the response.</summary>
    public async Task<AnswerValidation> ValidateAsync(string name, RecordType type, DnssecValidator? validator = null)
    {
        var question = new DnsQuestion(DnsName.Parse(name), type);
        DnsMessage response = Authority.Resolve(question) ?? throw new InvalidOperationException("The authority dropped the query.");
        return await (validator ?? Validator()).ValidateAsync(question, response);
    }

    private List<DnsRecord> SourceRecords(ZoneSpec spec, Dictionary<DnsName, List<SigningKey>> keys)
    {
        string origin = spec.Origin.ToString();
        string text = $"""
            $ORIGIN {origin}
            $TTL 3600
            @ IN SOA ns1 hostmaster 1 7200 3600 1209600 300
            @ IN NS ns1
            ns1 IN A 192.0.2.53
            {spec.Records}
            """;
        var records = ZoneFileReader.Parse(text, origin).ToList();
        foreach (ZoneSpec child in _specs.Where(c => !c.Origin.Equals(spec.Origin) && c.Origin.IsStrictSubdomainOf(spec.Origin)))
        {
            // Only direct children: a grandchild is delegated by the zone in between.
            if (_specs.Any(middle => middle != child && middle != spec && child.Origin.IsStrictSubdomainOf(middle.Origin) && middle.Origin.IsStrictSubdomainOf(spec.Origin)))
            {
                continue;
            }

            DnsName server = DnsName.Parse("ns1", child.Origin);
            records.Add(new DnsRecord(child.Origin, RecordType.NS, RecordClass.IN, 3600, NameData.Encode(server)));
            records.Add(new DnsRecord(server, RecordType.A, RecordClass.IN, 3600, new byte[] { 192, 0, 2, 54 }));
            if (child.Signed && child.SecureDelegation)
            {
                IReadOnlyList<DnsRecord> ds = [DsDigest.CreateDs(KeySigningKeys[child.Origin].Dnskey, child.DsDigest, 3600)];
                records.AddRange(child.AlterDs?.Invoke(ds) ?? ds);
            }
        }

        return records;
    }
}
