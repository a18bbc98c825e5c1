using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

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
    public void Set_BeyondCapacity_StartsAfresh()
    {
        var cache = new KeyCache(capacity: 2);
        DateTimeOffset now = TestHierarchy.Now;
        foreach (string zone in new[] { "a.", "b.", "c." })
        {
            cache.Set(new ZoneKeys(DnsName.Parse(zone), ValidationResult.Insecure("test"), [], [], now.AddHours(1)));
        }

        Assert.Equal(1, cache.Count);
        Assert.NotNull(cache.Get(DnsName.Parse("c."), now));
    }

    private static TestHierarchy Hierarchy()
    {
        var h = new TestHierarchy();
        h.Zone("example.test.", z => z.Records = "www A 192.0.2.1\nmail A 192.0.2.25");
        h.Zone("unsigned.test.", z => { z.Signed = false; z.Records = "www A 192.0.2.7\nother A 192.0.2.8"; });
        return h.Build();
    }
}
