using System.Net;
using BenchmarkDotNet.Attributes;
using Dnssec.Resolver;
using Dnssec.Tests.Resolver;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Validation;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Benchmarks;

/// <summary>
/// An NXDOMAIN answered from validated NSEC or NSEC3 records already in the cache (RFC 8198), what a random-subdomain
/// flood costs per name once the zone's denial records are known, and a positive answer expanded from a kept wildcard,
/// beside an answer-cache hit for one name asked again (the baseline): the difference is the selection of records, the
/// proof and the answer built from them.
/// </summary>
[MemoryDiagnoser]
public class DenialSynthesisBenchmarks : IDisposable
{
    private DnssecResolver _resolver = null!;
    private DnsName _cached = null!;
    private DnsName[] _names = [];
    private DnsName[] _expansions = [];
    private int _next;

    /// <summary>NSEC or NSEC3.</summary>
    [Params(DenialOfExistence.Nsec, DenialOfExistence.Nsec3)]
    public DenialOfExistence Denial { get; set; }

    /// <summary>Builds a small signed zone, resolves one NXDOMAIN, and finds names the kept records deny.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var hierarchy = new TestHierarchy();
        hierarchy.Zone("example.test.", zone =>
        {
            zone.Denial = Denial;
            zone.Records = "www A 192.0.2.1\n*.wild TXT \"wildcard\"";
        });
        hierarchy.Build();
        var options = new ResolverOptions { TrustAnchors = hierarchy.Anchors, FallbackToIterative = false };
        options.Servers.Add(new IPEndPoint(IPAddress.Loopback, 53));
        _resolver = new DnssecResolver(options, null, hierarchy.Clock, new InMemoryUpstream(hierarchy.Authority));
        _cached = DnsName.Parse("nothere.example.test.");
        if (Finished(_resolver.ResolveAsync(_cached, RecordType.A)).Status != SecurityStatus.Secure)
        {
            throw new InvalidOperationException("The first denial does not validate.");
        }

        // With NSEC3 only names whose hashes fall in the spans already seen can be synthesised: keep those.
        var names = new List<DnsName>();
        for (int i = 0; names.Count < 256 && i < 100_000; i++)
        {
            DnsName name = DnsName.Parse($"r{i}.example.test.");
            if (Finished(_resolver.ResolveAsync(name, RecordType.A)).Path == ResolutionPath.Synthesized)
            {
                names.Add(name);
            }
        }

        _names = [.. names];
        if (_names.Length == 0)
        {
            throw new InvalidOperationException("No name is synthesised.");
        }

        // One expansion of the wildcard from the authority; then the names its kept proof shows expanded too.
        if (Finished(_resolver.ResolveAsync(DnsName.Parse("x.wild.example.test."), RecordType.TXT)).Status != SecurityStatus.Secure)
        {
            throw new InvalidOperationException("The first wildcard expansion does not validate.");
        }

        var expansions = new List<DnsName>();
        for (int i = 0; expansions.Count < 256 && i < 100_000; i++)
        {
            DnsName name = DnsName.Parse($"w{i}.wild.example.test.");
            if (Finished(_resolver.ResolveAsync(name, RecordType.TXT)).Path == ResolutionPath.Synthesized)
            {
                expansions.Add(name);
            }
        }

        _expansions = [.. expansions];
        if (_expansions.Length == 0)
        {
            throw new InvalidOperationException("No name is expanded from the kept wildcard.");
        }
    }

    /// <summary>The same name again, from the answer cache.</summary>
    [Benchmark(Baseline = true)]
    public DnsResponseCode CacheHit() => Finished(_resolver.ResolveAsync(_cached, RecordType.A)).ResponseCode;

    /// <summary>Another name, denied by the kept records.</summary>
    [Benchmark]
    public DnsResponseCode Synthesised()
    {
        DnsName name = _names[_next++ % _names.Length];
        return Finished(_resolver.ResolveAsync(name, RecordType.A)).ResponseCode;
    }

    /// <summary>Another name, expanded from the kept wildcard (RFC 8198 §5.3).</summary>
    [Benchmark]
    public int Expanded()
    {
        DnsName name = _expansions[_next++ % _expansions.Length];
        return Finished(_resolver.ResolveAsync(name, RecordType.TXT)).Answer.Count;
    }

    /// <summary>Closes the resolver.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        _resolver?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static T Finished<T>(ValueTask<T> pending) => pending.IsCompleted ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
}
