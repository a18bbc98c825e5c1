using System.Diagnostics.Metrics;
using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Microsoft.Extensions.Logging;

namespace Dnssec.Resolver;

/// <summary>
/// Keeps a resolver's RFC 5011 trust points current: it reads them from the state file, hands their trusted keys to the
/// validator, queries each zone's DNSKEY RRset through the resolver's own path when its refresh timer is due (RFC 5011
/// §2.3), applies <see cref="TrustPointTracker"/>, and writes what it learnt back under the file's lock. It reports key
/// events as <see cref="Changed"/>, log messages and metrics, and its <see cref="Health"/>.
/// </summary>
public sealed partial class TrustAnchorMaintainer : IAsyncDisposable
{
    /// <summary>The name of the meter whose instruments report refreshes, key events, trusted keys and refresh age.</summary>
    public const string MeterName = "Dnssec.TrustAnchors";

    private readonly AnchorStateStore _store;
    private readonly TrustPointTracker _tracker;
    private readonly TrackedAnchors _anchors;
    private readonly Func<DnsName, CancellationToken, ValueTask<TrustPointKeys>> _fetch;
    private readonly Action _anchorsChanged;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _refreshes;
    private readonly Counter<long> _events;
    private volatile IReadOnlyList<TrustPoint> _trustPoints;
    private Task? _background;

    internal TrustAnchorMaintainer(AnchorStateStore store, IReadOnlyList<TrustPoint> trustPoints, TrackedAnchors anchors, Func<DnsName, CancellationToken, ValueTask<TrustPointKeys>> fetch, Action anchorsChanged, TimeProvider time, Crypto.AlgorithmPolicy policy, ILogger logger)
    {
        _store = store;
        _trustPoints = trustPoints;
        _anchors = anchors;
        _fetch = fetch;
        _anchorsChanged = anchorsChanged;
        _time = time;
        _logger = logger;
        _tracker = new TrustPointTracker(time, policy: policy);
        _anchors.Apply(trustPoints);
        _refreshes = _meter.CreateCounter<long>("dnssec.anchor.refreshes", "{refresh}", "Queries of a trust point's DNSKEY RRset, by zone and outcome");
        _events = _meter.CreateCounter<long>("dnssec.anchor.events", "{event}", "RFC 5011 key events, by zone and kind");
        _meter.CreateObservableGauge("dnssec.anchor.trusted_keys", () => _trustPoints.Select(p => new Measurement<int>(p.TrustedKeys.Count, Zone(p.Zone))), "{key}", "Keys each trust point trusts now; 0 means nothing below it can be validated");
        _meter.CreateObservableGauge("dnssec.anchor.refresh_age", ObserveRefreshAge, "s", "Time since each trust point's DNSKEY RRset was last validated");
        _meter.CreateObservableGauge("dnssec.anchor.health", () => (int)Health.Status, null, "0 healthy, 1 degraded, 2 unusable (AnchorHealthStatus)");
    }

    /// <summary>Raised after each refresh of a trust point with what it found: the new state, the outcome and the key events; raised while the refresh holds its turn, so a handler must not wait for another refresh.</summary>
    public event EventHandler<TrustPointUpdate>? Changed;

    /// <summary>The state file.</summary>
    public string StatePath => _store.Path;

    /// <summary>The trust points as this process knows them now.</summary>
    public IReadOnlyList<TrustPoint> TrustPoints => _trustPoints;

    /// <summary>
    /// Why the state file was not written at the last refresh that had something to write; null when it was (or when no
    /// refresh has had anything to write yet). A refresh that got no answer learns nothing and leaves this as it was.
    /// </summary>
    public string? StateError { get; private set; }

    /// <summary>When the next trust point is due for a refresh; null when no trust point has a usable key left to refresh with.</summary>
    public DateTimeOffset? NextRefresh =>
        _trustPoints.Where(p => p.HasUsableAnchor).Select(p => (DateTimeOffset?)p.NextRefresh).Min();


    /// <summary>Whether the anchors are fit to validate with, and why not.</summary>
    public AnchorHealth Health => AnchorHealth.Assess(_trustPoints, _time.GetUtcNow(), _tracker.AddHoldDown);

    /// <summary>Refreshes every trust point whose refresh timer is due; one refresh runs at a time.</summary>
    public Task<IReadOnlyList<TrustPointUpdate>> RefreshDueAsync(CancellationToken cancellationToken = default) =>
        RefreshAsync(dueOnly: true, cancellationToken);

    /// <summary>Refreshes every trust point that has a usable key now, due or not, as <c>dnssec anchors refresh</c> does.</summary>
    public Task<IReadOnlyList<TrustPointUpdate>> RefreshAllAsync(CancellationToken cancellationToken = default) =>
        RefreshAsync(dueOnly: false, cancellationToken);

    /// <summary>Stops the background refresh and waits for a refresh in progress to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_background is not null)
        {
            await _background.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _meter.Dispose();
        _stopping.Dispose();
        _refreshing.Dispose();
    }

    /// <summary>Starts refreshing in the background whenever a trust point's timer is due, until disposed.</summary>
    internal void StartBackground() => _background = Task.Run(() => RunAsync(_stopping.Token));

    private async Task RunAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested && NextRefresh is { } next)
        {
            // Timers cannot wait longer than about 49 days, and a far-off time read from a file should not be trusted
            // blindly anyway: wake at least as often as the longest RFC 5011 timer and look again.
            TimeSpan wait = next - _time.GetUtcNow();
            wait = wait > RefreshTimers.ActiveRefreshCeiling ? RefreshTimers.ActiveRefreshCeiling : wait;
            try
            {
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, stopping).ConfigureAwait(false);
                }

                await RefreshDueAsync(stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // The loop must outlive any one failed refresh, or tracking would stop without a word.
                LogRefreshCrashed(_logger, _store.Path, exception);
                await Task.Delay(RefreshTimers.Floor, _time, stopping).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }

        if (!stopping.IsCancellationRequested)
        {
            LogNothingToRefresh(_logger, _store.Path);
        }
    }

    private async Task<IReadOnlyList<TrustPointUpdate>> RefreshAsync(bool dueOnly, CancellationToken cancellationToken)
    {
        await _refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var updates = new List<TrustPointUpdate>();
            foreach (TrustPoint point in _trustPoints)
            {
                // A trust point with no trusted key can never validate its DNSKEY RRset again; only an operator can help.
                if (point.HasUsableAnchor && (!dueOnly || point.NextRefresh <= _time.GetUtcNow()))
                {
                    updates.Add(await RefreshOneAsync(point.Zone, cancellationToken).ConfigureAwait(false));
                }
            }

            return updates;
        }
        finally
        {
            _refreshing.Release();
        }
    }

    private async Task<TrustPointUpdate> RefreshOneAsync(DnsName zone, CancellationToken cancellationToken)
    {
        TrustPointKeys fetched = await _fetch(zone, cancellationToken).ConfigureAwait(false);
        TrustPointUpdate? update = null;
        if (fetched.Dnskeys.Count == 0)
        {
            // Nothing was learnt, so nothing is written: only this process waits the retry timer (as Unbound does).
            update = _tracker.RefreshFailed(Current(zone), fetched.Problem ?? "no DNSKEY records came");
            Replace(update.TrustPoint);
        }
        else
        {
            // The step is taken on the file's current state, under its lock, so that processes sharing it never undo each other.
            AnchorStateResult saved = await _store.UpdateAsync(
                points =>
                {
                    List<TrustPoint> merged = [.. points];
                    int index = merged.FindIndex(p => p.Zone.Equals(zone));
                    update = _tracker.Update(index < 0 ? Current(zone) : merged[index], fetched.Dnskeys, fetched.Rrsigs);
                    if (index < 0)
                    {
                        merged.Add(update.TrustPoint);
                    }
                    else
                    {
                        merged[index] = update.TrustPoint;
                    }

                    return merged;
                },
                cancellationToken).ConfigureAwait(false);
            update ??= _tracker.Update(Current(zone), fetched.Dnskeys, fetched.Rrsigs);
            if (saved.IsSuccess)
            {
                StateError = null;
                Adopt(saved.TrustPoints);
            }
            else
            {
                StateError = saved.Reason ?? saved.Error.ToString();
                LogStateNotWritten(_logger, _store.Path, StateError);
                Replace(update.TrustPoint);
            }
        }

        Report(update);
        return update;
    }

    private TrustPoint Current(DnsName zone) => _trustPoints.First(p => p.Zone.Equals(zone));

    private void Replace(TrustPoint point) =>
        Adopt([.. _trustPoints.Select(p => p.Zone.Equals(point.Zone) ? point : p)]);

    private void Adopt(IReadOnlyList<TrustPoint> points)
    {
        IReadOnlyList<TrustPoint> before = _trustPoints;
        _trustPoints = points;
        bool changed = points.Count != before.Count || points.Any(p => before.FirstOrDefault(b => b.Zone.Equals(p.Zone)) is not { } old || !SameKeys(old.TrustedKeys, p.TrustedKeys));
        if (changed)
        {
            _anchors.Apply(points);
            _anchorsChanged();
        }
    }

    private static bool SameKeys(IReadOnlyList<DnsRecord> left, IReadOnlyList<DnsRecord> right) =>
        left.Count == right.Count && left.All(l => right.Any(r => r.SameData(l)));

    private void Report(TrustPointUpdate update)
    {
        DnsName zone = update.TrustPoint.Zone;
        _refreshes.Add(1, Zone(zone), new KeyValuePair<string, object?>("outcome", update.Outcome.ToString()));
        foreach (TrustPointEvent happened in update.Events)
        {
            _events.Add(1, Zone(zone), new KeyValuePair<string, object?>("event", happened.Kind.ToString()));
            Log(happened);
        }

        if (update.Outcome is TrustPointOutcome.NotValidated or TrustPointOutcome.NoAnswer)
        {
            LogRefreshFailed(_logger, zone, update.Reason, update.TrustPoint.NextRefresh);
        }

        Changed?.Invoke(this, update);
    }

    private void Log(TrustPointEvent happened)
    {
        switch (happened.Kind)
        {
            case TrustPointEventKind.AnchorsExhausted:
                LogAnchorsExhausted(_logger, happened.Zone, happened.Description);
                break;
            case TrustPointEventKind.KeyRevoked or TrustPointEventKind.AnchorsAtRisk or TrustPointEventKind.KeyMissing:
                LogKeyWarning(_logger, happened.Zone, happened.Description);
                break;
            default:
                LogKeyEvent(_logger, happened.Zone, happened.Description);
                break;
        }
    }

    private IEnumerable<Measurement<double>> ObserveRefreshAge()
    {
        DateTimeOffset now = _time.GetUtcNow();
        foreach (TrustPoint point in _trustPoints)
        {
            if (point.LastRefresh is { } last)
            {
                yield return new Measurement<double>((now - last).TotalSeconds, Zone(point.Zone));
            }
        }
    }

    private static KeyValuePair<string, object?> Zone(DnsName zone) => new("zone", zone.ToString());
}
