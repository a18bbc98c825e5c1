using System.Net;
using BenchmarkDotNet.Attributes;
using Dnssec.Resolver;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Benchmarks;

/// <summary>
/// Answers from the resolver's cache: a denial kept whole for its question (the baseline, what every answer was before
/// the RRset cache), one validated RRset, and a CNAME chain assembled from two RRsets that two questions brought.
/// </summary>
[MemoryDiagnoser]
public class RRsetCacheBenchmarks : IDisposable
{
    private static readonly DnsName Denied = DnsName.Parse("nothere.example.test.");
    private static readonly DnsName Www = DnsName.Parse("www.example.test.");
    private static readonly DnsName Alias = DnsName.Parse("alias.example.test.");
    private DnssecResolver _resolver = null!;

    /// <summary>Builds a signed zone and fills the cache with the denial, the A RRset and the CNAME link.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", zone => zone.Records = "www A 192.0.2.1\nalias CNAME www");
        hierarchy.Build();
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false, AggressiveNsec = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        _resolver = new DnssecResolver(options, null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));
        foreach ((DnsName name, RecordType type) in (ReadOnlySpan<(DnsName, RecordType)>)[(Denied, RecordType.A), (Www, RecordType.A), (Alias, RecordType.CNAME)])
        {
            if (Finished(_resolver.ResolveAsync(name, type)).Status != SecurityStatus.Secure)
            {
                throw new InvalidOperationException($"{name} {type} does not validate.");
            }
        }

        if (Finished(_resolver.ResolveAsync(Alias, RecordType.A)).Path != ResolutionPath.Cache)
        {
            throw new InvalidOperationException("The chain is not assembled from the cache.");
        }
    }

    /// <summary>The NXDOMAIN kept whole for its question.</summary>
    [Benchmark(Baseline = true)]
    public DnsResponseCode WholeAnswer() => Finished(_resolver.ResolveAsync(Denied, RecordType.A)).ResponseCode;

    /// <summary>One A RRset.</summary>
    [Benchmark]
    public int OneRRset() => Finished(_resolver.ResolveAsync(Www, RecordType.A)).Answer.Count;

    /// <summary>A CNAME and the A RRset it leads to.</summary>
    [Benchmark]
    public int CnameChain() => Finished(_resolver.ResolveAsync(Alias, RecordType.A)).Answer.Count;

    /// <summary>Closes the resolver.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _resolver?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static T Finished<T>(ValueTask<T> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
