using Dnssec.Crypto;
using Dnssec.Testing;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Validation.Hierarchy;

/// <summary>
/// A root → TLD → zone <see cref="ZoneHierarchy"/> signed at a fixed "now", answered through an
/// <see cref="InMemoryAuthority"/> that tests can count and tamper with, validated on a fake clock.
/// </summary>
internal sealed class TestHierarchy
{
    /// <summary>The fixed "now" of every hierarchy: signatures are made around it and validation happens at it.</summary>
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

    // 1024-bit RSA keys: generating 2048-bit ones would dominate the run time of hundreds of hierarchies.
    private readonly ZoneHierarchy _zones = new() { RsaKeyBits = 1024 };

    /// <summary>A hierarchy with a signed root and a signed "test." TLD.</summary>
    public TestHierarchy()
    {
        Zone(".");
        Zone("test.");
    }

    public IReadOnlyDictionary<DnsName, IReadOnlyList<DnsRecord>> SignedZones => _zones.SignedZones;

    public IReadOnlyDictionary<DnsName, SigningKey> KeySigningKeys => _zones.KeySigningKeys;

    /// <summary>The zone-signing key of each signed zone, for tests that re-sign or forge records.</summary>
    public IReadOnlyDictionary<DnsName, SigningKey> ZoneSigningKeys => _zones.ZoneSigningKeys;

    public InMemoryAuthority Authority { get; private set; } = null!;

    public TrustAnchorSet Anchors => _zones.Anchors;

    public FakeTimeProvider Clock { get; } = new(Now);

    /// <summary>Adds a zone, or returns the one already added, for further setup.</summary>
    public ZoneSpecification Zone(string origin, Action<ZoneSpecification>? configure = null) => _zones.Zone(origin, configure);

    /// <summary>Signs every zone and starts the authority.</summary>
    public TestHierarchy Build()
    {
        _zones.Build(Now);
        Authority = new InMemoryAuthority(_zones.Authority);
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
}
