using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Dnssec.Resolver;
using Dnssec.Testing;
using Dnssec.Tests.Validation.Hierarchy;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

/// <summary>
/// A resolver over an in-memory signed hierarchy whose stub upstream can be honest, strip signatures or stay silent,
/// with the root reachable for the fallback; collects the resolver's own measurements, the activities of this test's
/// trace and the log events.
/// </summary>
internal sealed class TelemetryWorld : IDnsTransport, IAsyncDisposable
{
    public static readonly IPEndPoint Upstream = new(IPAddress.Parse("192.0.2.53"), 53);

    private readonly ZoneHierarchy _hierarchy = new();
    private readonly InMemoryTransport _authorities;
    private readonly MeterListener _meters = new();
    private readonly ActivityListener _activities;
    private readonly Activity _trace;

    public TelemetryWorld(bool fallback)
    {
        _hierarchy.Zone(".");
        _hierarchy.Zone("test.");
        _hierarchy.Zone("example.test.", z => z.Records = "www A 192.0.2.1");
        _hierarchy.Zone("broken.test.", z => { z.Records = "www A 192.0.2.8"; z.ExpirationOffset = TimeSpan.FromDays(-5); z.InceptionOffset = TimeSpan.FromDays(-20); });
        _hierarchy.Build(TestHierarchy.Now);
        _authorities = new InMemoryTransport(_hierarchy.Servers);
        var options = new ResolverOptions { TrustAnchors = _hierarchy.Anchors, FallbackToIterative = fallback, Attempts = 1 };
        options.Servers.Add(Upstream);
        options.RootServers.Add(_hierarchy.RootAddress);

        // Only this test's trace is kept: other tests resolve in parallel under the same activity source.
        _trace = new Activity("telemetry test").Start();
        _activities = new ActivityListener
        {
            ShouldListenTo = source => source.Name == DnssecResolver.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == _trace.TraceId)
                {
                    Activities.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(_activities);

        Loggers = new CollectingLoggerFactory(Events);
        Resolver = new DnssecResolver(options, Loggers, new FakeTimeProvider(TestHierarchy.Now), this);

        // Only this resolver's meter: every resolver has its own.
        _meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter == Resolver.Meter)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Measurements.Add(new Measurement(instrument.Name, instrument.Unit, value, Tags(tags))));
        _meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Measurements.Add(new Measurement(instrument.Name, instrument.Unit, value, Tags(tags))));
        _meters.Start();
    }

    public enum Behaviour
    {
        Honest,
        StripSignatures,
        Silent,
    }

    public DnssecResolver Resolver { get; }

    /// <summary>Loggers whose events go to <see cref="Events"/>.</summary>
    public ILoggerFactory Loggers { get; }

    public Behaviour UpstreamBehaviour { get; set; }

    public ConcurrentBag<Measurement> Measurements { get; } = [];

    public ConcurrentBag<Activity> Activities { get; } = [];

    public ConcurrentQueue<LogEvent> Events { get; } = new();

    public ValueTask<TransportResponse> QueryAsync(IPEndPoint server, DnsQuestion question, QueryOptions options, CancellationToken cancellationToken = default)
    {
        if (!server.Equals(Upstream))
        {
            return _authorities.QueryAsync(server, question, options, cancellationToken);
        }

        if (UpstreamBehaviour == Behaviour.Silent)
        {
            return ValueTask.FromResult(TransportResponse.Failure(server, TransportProtocol.Udp, TransportError.Timeout, "the upstream stayed silent"));
        }

        DnsMessage response = _hierarchy.Authority.Answer(question);
        if (UpstreamBehaviour == Behaviour.StripSignatures)
        {
            response.Answers.RemoveAll(record => record.Type == RecordType.RRSIG);
            response.Authorities.RemoveAll(record => record.Type == RecordType.RRSIG);
        }

        byte[] wire = response.ToArray();
        return ValueTask.FromResult(TransportResponse.Success(server, TransportProtocol.Udp, DnsMessage.Parse(wire), wire.Length));
    }

    /// <summary>The sum of an instrument's measurements whose tags include every one given.</summary>
    public double Sum(string instrument, params (string Key, string Value)[] tags) =>
        Measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.TryGetValue(t.Key, out object? v) && Equals(v, t.Value))).Sum(m => m.Value);

    public async ValueTask DisposeAsync()
    {
        _meters.Dispose();
        _activities.Dispose();
        _trace.Stop();
        await Resolver.DisposeAsync();
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }

    public sealed record Measurement(string Instrument, string? Unit, double Value, Dictionary<string, object?> Tags);

    public sealed record LogEvent(string Category, LogLevel Level, EventId Id, string Message, IReadOnlyList<KeyValuePair<string, object?>> State);

    private sealed class CollectingLoggerFactory(ConcurrentQueue<LogEvent> events) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

        public ILogger CreateLogger(string categoryName) => new CollectingLogger(categoryName, events);

        public void Dispose()
        {
        }
    }

    private sealed class CollectingLogger(string category, ConcurrentQueue<LogEvent> events) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            events.Enqueue(new LogEvent(category, logLevel, eventId, formatter(state, exception), state as IReadOnlyList<KeyValuePair<string, object?>> ?? []));
    }
}
