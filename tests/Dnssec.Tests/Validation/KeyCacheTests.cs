using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Validation;

/// <summary>The key cache keeps proven zones until their TTL runs out, and failures only briefly (RFC 9520).</summary>
public class KeyCacheTests
{
    [Fact]
    public async Task Validate_SecondAnswerInSameZone_AsksNothingMore()
    {
        TestHierarchy h = Hierarchy();
        DnssecValidator validator = h.Validator();
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);
        int queries = h.Authority.Queries;

        AnswerValidation second = await h.ValidateAsync("mail.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Secure, second.Status);
        Assert.Equal(queries + 1, h.Authority.Queries);
        Assert.Equal(["." , "test.", "example.test."], second.Chain.Select(z => z.Zone.ToString()));
    }

    [Fact]
    public async Task Validate_AfterKeyTtlExpires_FetchesTheChainAgain()
    {
        TestHierarchy h = Hierarchy();
        DnssecValidator validator = h.Validator();
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);
        int queries = h.Authority.Queries;

        h.Clock.Advance(TimeSpan.FromSeconds(3601));
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.True(h.Authority.Queries > queries + 1);
    }

    [Fact]
    public async Task Validate_InsecureDelegation_IsRememberedUntilTheNsecTtl()
    {
        TestHierarchy h = Hierarchy();
        DnssecValidator validator = h.Validator();
        AnswerValidation first = await h.ValidateAsync("www.unsigned.test.", RecordType.A, validator);
        int queries = h.Authority.Queries;

        AnswerValidation second = await h.ValidateAsync("other.unsigned.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Insecure, first.Status);
        Assert.Equal(SecurityStatus.Insecure, second.Status);
        Assert.Equal(queries + 1, h.Authority.Queries);
        Assert.Equal(SecurityStatus.Insecure, validator.Keys.Get(DnsName.Parse("unsigned.test."), TestHierarchy.Now)!.Status);
    }

    [Fact]
    public async Task Validate_BogusZone_IsRememberedOnlyForTheFailureTtl()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => { z.Records = "www A 192.0.2.1"; z.AlterDs = ds => [new DnsRecord(ds[0].Owner, RecordType.DS, RecordClass.IN, 3600, DsData.Encode(1, DnssecAlgorithm.ECDSAP256SHA256, DigestType.SHA256, new byte[32]))]; });
        h.Build();
        DnssecValidator validator = h.Validator(new ValidatorOptions { FailureTtl = TimeSpan.FromSeconds(30) });
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Bogus, validator.Keys.Get(DnsName.Parse("example.test."), TestHierarchy.Now.AddSeconds(29))!.Status);
        Assert.Null(validator.Keys.Get(DnsName.Parse("example.test."), TestHierarchy.Now.AddSeconds(30)));
    }

    [Fact]
    public void Set_BeyondCapacity_EvictsOnlyTheLeastRecentlyUsed()
    {
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        var cache = new KeyCache(capacity: 3, clock);
        DateTimeOffset now = clock.GetUtcNow();
        Set(cache, "a.", now.AddHours(1));
        Set(cache, "b.", now.AddHours(1));
        Set(cache, "c.", now.AddHours(1));
        Assert.NotNull(cache.Get(DnsName.Parse("a."), now));

        Set(cache, "d.", now.AddHours(1));

        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Get(DnsName.Parse("b."), now));
        foreach (string zone in (string[])["a.", "c.", "d."])
        {
            Assert.NotNull(cache.Get(DnsName.Parse(zone), now));
        }
    }

    [Fact]
    public void Set_WhenFull_EvictsExpiredEntriesBeforeLiveOnes()
    {
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        var cache = new KeyCache(capacity: 3, clock);
        DateTimeOffset now = clock.GetUtcNow();
        Set(cache, "old.", now.AddHours(1));
        Set(cache, "short.", now.AddMinutes(1));
        Set(cache, "recent.", now.AddHours(1));
        Assert.NotNull(cache.Get(DnsName.Parse("short."), now));

        clock.Advance(TimeSpan.FromMinutes(2));
        Set(cache, "new.", clock.GetUtcNow().AddHours(1));

        Assert.Equal(3, cache.Count);
        Assert.Null(cache.Get(DnsName.Parse("short."), clock.GetUtcNow()));
        foreach (string zone in (string[])["old.", "recent.", "new."])
        {
            Assert.NotNull(cache.Get(DnsName.Parse(zone), clock.GetUtcNow()));
        }
    }

    [Fact]
    public void Set_SameZoneWhenFull_ReplacesWithoutEvicting()
    {
        var cache = new KeyCache(capacity: 2, new FakeTimeProvider(TestHierarchy.Now));
        DateTimeOffset now = TestHierarchy.Now;
        Set(cache, "a.", now.AddHours(1));
        Set(cache, "b.", now.AddHours(1));

        Set(cache, "a.", now.AddHours(2));

        Assert.Equal(2, cache.Count);
        Assert.Equal(now.AddHours(2), cache.Get(DnsName.Parse("a."), now)!.Expires);
        Assert.NotNull(cache.Get(DnsName.Parse("b."), now));
    }

    [Fact]
    public void SetNonCut_BeyondCapacity_KeepsRecentNamesUntilTheyExpire()
    {
        var clock = new FakeTimeProvider(TestHierarchy.Now);
        var cache = new KeyCache(capacity: 2, clock);
        DateTimeOffset now = clock.GetUtcNow();
        cache.SetNonCut(DnsName.Parse("a.example."), now.AddMinutes(5));
        cache.SetNonCut(DnsName.Parse("b.example."), now.AddMinutes(5));
        Assert.True(cache.IsKnownNonCut(DnsName.Parse("a.example."), now));

        cache.SetNonCut(DnsName.Parse("c.example."), now.AddMinutes(5));

        Assert.True(cache.IsKnownNonCut(DnsName.Parse("a.example."), now));
        Assert.False(cache.IsKnownNonCut(DnsName.Parse("b.example."), now));
        Assert.True(cache.IsKnownNonCut(DnsName.Parse("c.example."), now));
        Assert.False(cache.IsKnownNonCut(DnsName.Parse("c.example."), now.AddMinutes(5)));
    }

    [Fact]
    public async Task Validate_WithAFullCache_KeepsTheZonesInUse()
    {
        TestHierarchy h = Hierarchy();
        var cache = new KeyCache(capacity: 3, h.Clock);
        var validator = new DnssecValidator(h.Anchors, h.Authority, timeProvider: h.Clock, keyCache: cache);
        await h.ValidateAsync("www.example.test.", RecordType.A, validator);
        int queries = h.Authority.Queries;

        AnswerValidation second = await h.ValidateAsync("mail.example.test.", RecordType.A, validator);

        Assert.Equal(SecurityStatus.Secure, second.Status);
        Assert.Equal(3, cache.Count);
        Assert.Equal(queries + 1, h.Authority.Queries);
    }

    private static void Set(KeyCache cache, string zone, DateTimeOffset expires) =>
        cache.Set(new ZoneKeys(DnsName.Parse(zone), ValidationResult.Insecure("test"), [], [], expires));

    private static TestHierarchy Hierarchy()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = "www A 192.0.2.1\nmail A 192.0.2.25");
        h.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7\nother A 192.0.2.8"; });
        return h.Build();
    }
}
