using Dnssec.Validation;

namespace Dnssec.Tests.Validation;

/// <summary>The bound of the key cache and the delegation caches: entries expire by the given time, and a full cache makes room without emptying.</summary>
public class BoundedCacheTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void TryGet_BeforeAndAfterExpiry_FoundThenGone()
    {
        var cache = new BoundedCache<string, int>(16);
        cache.Set("example.", 1, Now.AddMinutes(5), Now);

        Assert.True(cache.TryGet("example.", Now.AddMinutes(4), out int value));
        Assert.Equal(1, value);
        Assert.False(cache.TryGet("example.", Now.AddMinutes(5), out _));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Set_SameKey_Replaces()
    {
        var cache = new BoundedCache<string, int>(16);
        cache.Set("example.", 1, Now.AddMinutes(5), Now);
        cache.Set("example.", 2, Now.AddMinutes(5), Now);

        Assert.True(cache.TryGet("example.", Now, out int value));
        Assert.Equal(2, value);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void Set_Full_TheLeastRecentlyUsedEighthGoesAndTheRestStays()
    {
        var cache = new BoundedCache<int, int>(64);
        for (int i = 0; i < 64; i++)
        {
            cache.Set(i, i, Now.AddHours(1), Now);
        }

        // Using the first eight makes them recent, so the next eight are the least recently used.
        for (int i = 0; i < 8; i++)
        {
            Assert.True(cache.TryGet(i, Now, out _));
        }

        cache.Set(64, 64, Now.AddHours(1), Now);

        Assert.Equal(64 - 8 + 1, cache.Count);
        Assert.All(Enumerable.Range(0, 8), i => Assert.True(cache.TryGet(i, Now, out _)));
        Assert.All(Enumerable.Range(8, 8), i => Assert.False(cache.TryGet(i, Now, out _)));
        Assert.True(cache.TryGet(64, Now, out _));
    }

    [Fact]
    public void Set_FullWithExpiredEntries_OnlyTheExpiredGo()
    {
        var cache = new BoundedCache<int, int>(16);
        for (int i = 0; i < 16; i++)
        {
            cache.Set(i, i, i < 3 ? Now.AddMinutes(1) : Now.AddHours(1), Now);
        }

        cache.Set(16, 16, Now.AddHours(1), Now.AddMinutes(2));

        Assert.Equal(14, cache.Count);
        Assert.All(Enumerable.Range(3, 14), i => Assert.True(cache.TryGet(i, Now.AddMinutes(2), out _)));
    }

    [Fact]
    public void Set_FloodOfNewKeys_NeverPassesTheLimitNorEmpties()
    {
        var cache = new BoundedCache<int, int>(100);
        for (int i = 0; i < 10_000; i++)
        {
            cache.Set(i, i, Now.AddHours(1), Now);
            Assert.InRange(cache.Count, Math.Min(i + 1, 100 - 100 / 8), 100);
        }

        Assert.True(cache.TryGet(9_999, Now, out _));
    }
}
