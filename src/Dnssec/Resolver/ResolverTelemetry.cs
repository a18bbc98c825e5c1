using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net;
using Dnssec.Presentation;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The resolver's metrics and activities, named after OpenTelemetry's conventions (docs/observability.md lists them).
/// Each resolver has its own meter, so that a listener can tell resolvers apart; the activity source is shared. Tag
/// values are constant strings, so that recording allocates nothing; the query name goes on activities only, which
/// exist only while someone listens.
/// </summary>
internal sealed class ResolverTelemetry : IDisposable
{
    /// <summary>The activity source every resolver's activities come from.</summary>
    internal static readonly ActivitySource Source = new(DnssecResolver.ActivitySourceName);

    private static readonly double[] DurationBuckets = [0.0001, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly Counter<long> _answers;
    private readonly Counter<long> _cacheLookups;
    private readonly Counter<long> _fallbacks;
    private readonly Counter<long> _upstreamQueries;
    private readonly Counter<long> _upstreamErrors;
    private readonly Histogram<double> _duration;

    public ResolverTelemetry()
    {
        _answers = Meter.CreateCounter<long>("dnssec.resolver.answers", "{answer}", "Answers given, by security status and path");
        _cacheLookups = Meter.CreateCounter<long>("dnssec.resolver.cache.lookups", "{lookup}", "Questions looked up in the cache, by result: hit (answered without a query) or miss");
        _fallbacks = Meter.CreateCounter<long>("dnssec.resolver.fallbacks", "{fallback}", "Questions resolved again from the root hints because the upstream's answer did not validate, by the upstream answer's status");
        _upstreamQueries = Meter.CreateCounter<long>("dnssec.resolver.upstream.queries", "{query}", "Queries sent to upstreams and authorities, by transport");
        _upstreamErrors = Meter.CreateCounter<long>("dnssec.resolver.upstream.errors", "{query}", "Queries to upstreams and authorities that brought no usable response, by transport and error type (timeout among them)");
        _duration = Meter.CreateHistogram("dnssec.resolver.duration", "s", "Time to answer a question, by security status and path", tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBuckets });
    }

    /// <summary>This resolver's meter.</summary>
    internal Meter Meter { get; } = new(DnssecResolver.MeterName);

    /// <summary>Whether anyone listens to a resolution's measurements or activity; nothing is recorded or timed otherwise.</summary>
    public bool ResolutionObserved => _answers.Enabled || _cacheLookups.Enabled || _duration.Enabled || Source.HasListeners();

    /// <summary>Whether anyone listens to upstream queries' measurements or activities.</summary>
    public bool UpstreamObserved => _upstreamQueries.Enabled || _upstreamErrors.Enabled || Source.HasListeners();

    /// <summary>Starts the activity of one resolution, or returns null when no one samples it.</summary>
    public static Activity? StartResolution(DnsName name, RecordType type)
    {
        Activity? activity = Source.StartActivity("dnssec.resolve", ActivityKind.Internal);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("dns.question.name", name.ToString());
            activity.SetTag("dnssec.question.type", Mnemonics.FormatRecordType(type));
        }

        return activity;
    }

    /// <summary>Records an answer given after <paramref name="started"/> (a <see cref="Stopwatch"/> timestamp) and completes its activity.</summary>
    public void Answered(DnssecAnswer answer, long started, Activity? activity)
    {
        string status = Status(answer.Status);
        string path = Path(answer.Path);
        var statusTag = new KeyValuePair<string, object?>("dnssec.status", status);
        var pathTag = new KeyValuePair<string, object?>("dnssec.path", path);
        _answers.Add(1, statusTag, pathTag);
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("dnssec.cache.result", answer.Path is ResolutionPath.Cache or ResolutionPath.Synthesized ? "hit" : "miss"));
        if (_duration.Enabled)
        {
            _duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, statusTag, pathTag);
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("dnssec.status", status);
            activity.SetTag("dnssec.path", path);
            activity.SetTag("dnssec.response_code", Mnemonics.FormatResponseCode(answer.ResponseCode));
            if (answer.Privacy is { } privacy)
            {
                activity.SetTag("dnssec.privacy", privacy switch
                {
                    TransportPrivacy.Cleartext => "cleartext",
                    TransportPrivacy.Opportunistic => "opportunistic",
                    _ => "strict",
                });
            }

            if (answer.Result.Error is { } error)
            {
                activity.SetTag("dnssec.ede.code", (int)error);
            }

            if (answer.Status is SecurityStatus.Bogus)
            {
                activity.SetStatus(ActivityStatusCode.Error, answer.Reason);
            }
        }
    }

    /// <summary>Records a fallback to iterative resolution after an upstream answer of <paramref name="upstreamStatus"/>.</summary>
    public void FellBack(SecurityStatus upstreamStatus)
    {
        _fallbacks.Add(1, new KeyValuePair<string, object?>("dnssec.status", Status(upstreamStatus)));
        Activity.Current?.AddEvent(new ActivityEvent("dnssec.fallback"));
    }

    /// <summary>Starts the activity of one query to <paramref name="server"/>, a child of the resolution's, or returns null when no one samples it.</summary>
    public static Activity? StartUpstream(IPEndPoint server, DnsQuestion question)
    {
        Activity? activity = Source.StartActivity("dnssec.upstream.query", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("server.address", server.Address.ToString());
            activity.SetTag("server.port", server.Port);
            activity.SetTag("dns.question.name", question.Name.ToString());
            activity.SetTag("dnssec.question.type", Mnemonics.FormatRecordType(question.Type));
        }

        return activity;
    }

    /// <summary>Records the outcome of one upstream query and completes its activity.</summary>
    public void Queried(TransportResponse response, Activity? activity)
    {
        // network.transport is OpenTelemetry's, and TLS and HTTPS run over TCP; dnssec.transport tells DNS over TLS and
        // DNS over HTTPS from plain TCP, which a dashboard of an encrypted deployment needs.
        var transport = new KeyValuePair<string, object?>("network.transport", response.Protocol == TransportProtocol.Udp ? "udp" : "tcp");
        var protocol = new KeyValuePair<string, object?>("dnssec.transport", Protocol(response.Protocol));
        _upstreamQueries.Add(1, transport, protocol);
        string? error = response.Succeeded ? null : Error(response.Error);
        if (error is not null)
        {
            _upstreamErrors.Add(1, transport, protocol, new KeyValuePair<string, object?>("error.type", error));
        }

        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(transport.Key, transport.Value);
            activity.SetTag(protocol.Key, protocol.Value);
            if (response.Succeeded)
            {
                activity.SetTag("dnssec.response_code", Mnemonics.FormatResponseCode(response.Message.ResponseCode));
            }
            else
            {
                activity.SetTag("error.type", error);
                activity.SetStatus(ActivityStatusCode.Error, response.Detail);
            }
        }
    }

    /// <summary>Disposes the meter, which ends its instruments' measurements.</summary>
    public void Dispose() => Meter.Dispose();

    private static string Protocol(TransportProtocol protocol) => protocol switch
    {
        TransportProtocol.Udp => "udp",
        TransportProtocol.Tcp => "tcp",
        TransportProtocol.Tls => "tls",
        _ => "https",
    };

    private static string Status(SecurityStatus status) => status switch
    {
        SecurityStatus.Secure => "secure",
        SecurityStatus.Insecure => "insecure",
        SecurityStatus.Bogus => "bogus",
        _ => "indeterminate",
    };

    private static string Path(ResolutionPath path) => path switch
    {
        ResolutionPath.Stub => "stub",
        ResolutionPath.Iterative => "iterative",
        ResolutionPath.IterativeFallback => "iterative_fallback",
        ResolutionPath.Cache => "cache",
        _ => "synthesized",
    };

    private static string Error(TransportError error) => error switch
    {
        TransportError.Timeout => "timeout",
        TransportError.NetworkError => "network_error",
        TransportError.Malformed => "malformed",
        TransportError.Truncated => "truncated",
        TransportError.TlsFailure => "tls_failure",
        _ => "none",
    };
}
