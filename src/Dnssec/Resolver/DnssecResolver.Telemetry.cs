using System.Diagnostics;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>How the resolver reports what it does: metrics and activities named in docs/observability.md.</summary>
public sealed partial class DnssecResolver
{
    /// <summary>The name of the meter each resolver records its <c>dnssec.resolver.*</c> metrics with.</summary>
    public const string MeterName = "Dnssec";

    /// <summary>The name of the activity source of the resolutions (<c>dnssec.resolve</c>) and their upstream queries (<c>dnssec.upstream.query</c>).</summary>
    public const string ActivitySourceName = "Dnssec";

    private readonly ResolverTelemetry _telemetry = new();

    /// <summary>This resolver's meter, for tests that listen to it alone.</summary>
    internal System.Diagnostics.Metrics.Meter Meter => _telemetry.Meter;

    /// <summary>Resolves as <see cref="ResolveCoreAsync"/> does, inside an activity, and records the answer's status, path and duration.</summary>
    private async ValueTask<DnssecAnswer> ObservedResolveAsync(DnsName name, RecordType type, CancellationToken cancellationToken)
    {
        long started = Stopwatch.GetTimestamp();
        using Activity? activity = ResolverTelemetry.StartResolution(name, type);
        DnssecAnswer answer;
        try
        {
            answer = await ResolveCoreAsync(name, type, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, "cancelled");
            throw;
        }

        _telemetry.Answered(answer, started, activity);
        return answer;
    }
}
