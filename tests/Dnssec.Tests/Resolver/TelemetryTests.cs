using System.Diagnostics;
using Dnssec.Resolver;
using Dnssec.Validation;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// The resolver's metrics, activities and log events (docs/observability.md) for a secure answer, a bogus one, a cache
/// hit, a fallback to iterative resolution and an upstream that times out.
/// </summary>
public class TelemetryTests
{
    [Fact]
    public async Task ResolveAsync_SecureAnswer_CountedByStatusAndPathAndTimed()
    {
        await using var world = new TelemetryWorld(fallback: false);

        DnssecAnswer answer = await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(1, world.Sum("dnssec.resolver.answers", ("dnssec.status", "secure"), ("dnssec.path", "stub")));
        Assert.Equal(1, world.Sum("dnssec.resolver.cache.lookups", ("dnssec.cache.result", "miss")));
        TelemetryWorld.Measurement duration = Assert.Single(world.Measurements, m => m.Instrument == "dnssec.resolver.duration");
        Assert.Equal("s", duration.Unit);
        Assert.True(duration.Value > 0, $"duration {duration.Value}");
        Assert.Equal("secure", duration.Tags["dnssec.status"]);
        Assert.True(world.Sum("dnssec.resolver.upstream.queries", ("network.transport", "udp"), ("dnssec.transport", "udp")) >= 1);
        Assert.Equal(0, world.Sum("dnssec.resolver.upstream.errors"));
        Assert.DoesNotContain(world.Measurements, m => m.Tags.ContainsKey("dns.question.name"));
    }

    [Fact]
    public async Task ResolveAsync_SecureAnswer_OneResolutionActivityWithUpstreamChildren()
    {
        await using var world = new TelemetryWorld(fallback: false);

        await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);

        Activity resolution = Assert.Single(world.Activities, a => a.OperationName == "dnssec.resolve");
        Assert.Equal("www.example.test.", resolution.GetTagItem("dns.question.name"));
        Assert.Equal("A", resolution.GetTagItem("dnssec.question.type"));
        Assert.Equal("secure", resolution.GetTagItem("dnssec.status"));
        Assert.Equal("stub", resolution.GetTagItem("dnssec.path"));
        Assert.Equal("NOERROR", resolution.GetTagItem("dnssec.response_code"));
        Assert.Equal("cleartext", resolution.GetTagItem("dnssec.privacy"));
        Activity[] upstream = [.. world.Activities.Where(a => a.OperationName == "dnssec.upstream.query")];
        Assert.NotEmpty(upstream);
        Assert.All(upstream, query =>
        {
            Assert.Equal(resolution.SpanId, query.ParentSpanId);
            Assert.Equal(ActivityKind.Client, query.Kind);
            Assert.Equal("192.0.2.53", query.GetTagItem("server.address"));
            Assert.Equal(53, query.GetTagItem("server.port"));
            Assert.Equal("udp", query.GetTagItem("network.transport"));
            Assert.Equal("udp", query.GetTagItem("dnssec.transport"));
            Assert.Equal("NOERROR", query.GetTagItem("dnssec.response_code"));
        });
        Assert.Contains(upstream, query => "www.example.test.".Equals(query.GetTagItem("dns.question.name")));
    }

    [Fact]
    public async Task ResolveAsync_BogusAnswer_CountedTaggedAndLoggedWithItsExtendedError()
    {
        await using var world = new TelemetryWorld(fallback: false);

        DnssecAnswer answer = await world.Resolver.ResolveAsync("www.broken.test.", RecordType.A);

        Assert.Equal(SecurityStatus.Bogus, answer.Status);
        Assert.Equal(1, world.Sum("dnssec.resolver.answers", ("dnssec.status", "bogus"), ("dnssec.path", "stub")));
        Activity resolution = Assert.Single(world.Activities, a => a.OperationName == "dnssec.resolve");
        Assert.Equal(ActivityStatusCode.Error, resolution.Status);
        Assert.Equal((int)answer.Result.Error!.Value, resolution.GetTagItem("dnssec.ede.code"));
        Assert.Equal("SERVFAIL", resolution.GetTagItem("dnssec.response_code"));
        TelemetryWorld.LogEvent bogus = Assert.Single(world.Events, e => e.Id.Id == 1002);
        Assert.Equal(LogLevel.Warning, bogus.Level);
        Assert.Equal(typeof(DnssecResolver).FullName, bogus.Category);
        Assert.Contains(bogus.State, kv => kv.Key == "ExtendedErrorCode" && Equals(kv.Value, (int)answer.Result.Error!.Value));
        Assert.Contains(answer.Reason, bogus.Message, StringComparison.Ordinal);
        Assert.Contains("www.broken.test.", bogus.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_SecondAsk_CountedAsACacheHitWithoutUpstreamQueries()
    {
        await using var world = new TelemetryWorld(fallback: false);
        await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);
        double queries = world.Sum("dnssec.resolver.upstream.queries");

        DnssecAnswer again = await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(ResolutionPath.Cache, again.Path);
        Assert.Equal(1, world.Sum("dnssec.resolver.cache.lookups", ("dnssec.cache.result", "hit")));
        Assert.Equal(1, world.Sum("dnssec.resolver.answers", ("dnssec.status", "secure"), ("dnssec.path", "cache")));
        Assert.Equal(queries, world.Sum("dnssec.resolver.upstream.queries"));
        Assert.Equal(2, world.Activities.Count(a => a.OperationName == "dnssec.resolve"));
        Assert.Contains(world.Activities, a => a.OperationName == "dnssec.resolve" && "cache".Equals(a.GetTagItem("dnssec.path")));
    }

    [Fact]
    public async Task ResolveAsync_UpstreamStripsSignatures_FallbackCountedLoggedAndQueriesGoToTheRoot()
    {
        await using var world = new TelemetryWorld(fallback: true) { UpstreamBehaviour = TelemetryWorld.Behaviour.StripSignatures };

        DnssecAnswer answer = await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.True(answer.Status == SecurityStatus.Secure, answer.Reason);
        Assert.Equal(ResolutionPath.IterativeFallback, answer.Path);
        Assert.Equal(1, world.Sum("dnssec.resolver.fallbacks"));
        Assert.Equal(1, world.Sum("dnssec.resolver.answers", ("dnssec.status", "secure"), ("dnssec.path", "iterative_fallback")));
        Activity resolution = Assert.Single(world.Activities, a => a.OperationName == "dnssec.resolve");
        Assert.Contains(resolution.Events, e => e.Name == "dnssec.fallback");
        Assert.Contains(world.Activities, a => a.OperationName == "dnssec.upstream.query" && !"192.0.2.53".Equals(a.GetTagItem("server.address")) && a.ParentSpanId == resolution.SpanId);
        TelemetryWorld.LogEvent fallback = Assert.Single(world.Events, e => e.Id.Id == 1001);
        Assert.Contains("www.example.test.", fallback.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResolveAsync_UpstreamTimesOut_TimeoutCountedByTransportAndTheQueryActivityFails()
    {
        await using var world = new TelemetryWorld(fallback: false) { UpstreamBehaviour = TelemetryWorld.Behaviour.Silent };

        DnssecAnswer answer = await world.Resolver.ResolveAsync("www.example.test.", RecordType.A);

        Assert.Equal(DnsResponseCode.ServFail, answer.ResponseCode);
        Assert.True(world.Sum("dnssec.resolver.upstream.errors", ("network.transport", "udp"), ("error.type", "timeout")) >= 1);
        Assert.Equal(world.Sum("dnssec.resolver.upstream.queries"), world.Sum("dnssec.resolver.upstream.errors", ("error.type", "timeout")));
        Assert.Equal(1, world.Sum("dnssec.resolver.answers", ("dnssec.status", "indeterminate")));
        Activity query = Assert.Single(world.Activities, a => a.OperationName == "dnssec.upstream.query");
        Assert.Equal(ActivityStatusCode.Error, query.Status);
        Assert.Equal("timeout", query.GetTagItem("error.type"));
    }
}
