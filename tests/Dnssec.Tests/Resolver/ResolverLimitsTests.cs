using Dnssec.Resolver;

namespace Dnssec.Tests.Resolver;

/// <summary>Every resolver budget has a named default and is clamped to its range, as the validation limits are.</summary>
public class ResolverLimitsTests
{
    [Fact]
    public void Defaults_AreTheNamedConstants()
    {
        var limits = new ResolverLimits();

        Assert.Equal(ResolverLimits.DefaultQueriesPerResolution, limits.QueriesPerResolution);
        Assert.Equal(ResolverLimits.DefaultReferrals, limits.Referrals);
        Assert.Equal(ResolverLimits.DefaultNameServerDepth, limits.NameServerDepth);
        Assert.Equal(ResolverLimits.DefaultCnameLinks, limits.CnameLinks);
        Assert.Equal(ResolverLimits.DefaultDelegationCacheSize, limits.DelegationCacheSize);
        Assert.Equal((100, 40, 4, 10), (limits.QueriesPerResolution, limits.Referrals, limits.NameServerDepth, limits.CnameLinks));
    }

    [Theory]
    [InlineData("QueriesPerResolution", 0, 1)]
    [InlineData("QueriesPerResolution", 5000, 1000)]
    [InlineData("QueriesPerResolution", 50, 50)]
    [InlineData("Referrals", -1, 1)]
    [InlineData("Referrals", 1000, 128)]
    [InlineData("NameServerDepth", -5, 0)]
    [InlineData("NameServerDepth", 100, 16)]
    [InlineData("CnameLinks", 0, 1)]
    [InlineData("CnameLinks", 65, 64)]
    [InlineData("DelegationCacheSize", 1, 16)]
    [InlineData("DelegationCacheSize", int.MaxValue, 1_000_000)]
    public void Init_OutOfRange_Clamped(string limit, int given, int expected)
    {
        ResolverLimits limits = limit switch
        {
            "QueriesPerResolution" => new() { QueriesPerResolution = given },
            "Referrals" => new() { Referrals = given },
            "NameServerDepth" => new() { NameServerDepth = given },
            "CnameLinks" => new() { CnameLinks = given },
            _ => new() { DelegationCacheSize = given },
        };

        int actual = limit switch
        {
            "QueriesPerResolution" => limits.QueriesPerResolution,
            "Referrals" => limits.Referrals,
            "NameServerDepth" => limits.NameServerDepth,
            "CnameLinks" => limits.CnameLinks,
            _ => limits.DelegationCacheSize,
        };
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void ResolverOptions_EachHasItsOwnLimits()
    {
        // Binding configuration into one options object must not change the limits of another.
        Assert.NotSame(new ResolverOptions().Limits, new ResolverOptions().Limits);
    }
}
