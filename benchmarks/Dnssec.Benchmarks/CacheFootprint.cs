using System.Globalization;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;

namespace Dnssec.Benchmarks;

/// <summary>
/// What one cached RRset keeps alive: a resolver's heap after a full collection, before and after it has cached the
/// signed A RRsets of many names, divided by the entries kept; beside the cache's own estimate, which its byte bound counts.
/// </summary>
internal static class CacheFootprint
{
    /// <summary>Measures and prints; <paramref name="names"/> RRsets are cached.</summary>
    public static async Task<int> RunAsync(int names)
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", zone => zone.Records = string.Join('\n', Enumerable.Range(0, names).Select(i => $"h{i} A 192.0.2.{i % 250}")));
        hierarchy.Build();
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false, AggressiveNsec = false, CacheSize = names * 2L };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        await using var resolver = new DnssecResolver(options, null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));

        // The key chain first, so that only the RRsets themselves are counted.
        await resolver.ResolveAsync("h0.example.test.", Wire.RecordType.A);
        int before = resolver.CacheEntries;
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        long estimateBefore = resolver.CacheBytes;
        for (int i = 1; i < names; i++)
        {
            DnssecAnswer answer = await resolver.ResolveAsync(string.Create(CultureInfo.InvariantCulture, $"h{i}.example.test."), Wire.RecordType.A);
            if (answer.Status != SecurityStatus.Secure)
            {
                Console.Error.WriteLine($"h{i}: {answer.Status}: {answer.Reason}");
                return 1;
            }
        }

        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        int kept = resolver.CacheEntries - before;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{kept} RRsets cached: {(heapAfter - heapBefore) / (double)kept:F0} B each on the heap, {(resolver.CacheBytes - estimateBefore) / (double)kept:F0} B each by the cache's estimate"));
        GC.KeepAlive(resolver);
        return 0;
    }
}
