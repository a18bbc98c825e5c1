using System.Diagnostics.Metrics;
using System.Threading.Channels;
using Dnssec.Resolver;
using Dnssec.Tests.TrustAnchors;
using Dnssec.TrustAnchors;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Tests.Resolver;

[Collection(AnchorMeterCollection.Name)]
public sealed class TrustAnchorMaintainerTests : IDisposable
{
    /// <summary>Only a guard against a hang: every wait below ends on an event, long before this.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly TemporaryDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Background_ClockPassesNextRefresh_RefreshesOnTheTimersAndRaisesChanged()
    {
        var clock = new TimerWatchingClock(RollingRoot.Start);
        var root = new RollingRoot(clock);
        string path = await root.WriteStateAsync(_folder.Path, firstRefreshIn: TimeSpan.FromDays(1));
        await using DnssecResolver resolver = root.CreateResolver(path, refreshInBackground: true);
        TrustAnchorMaintainer anchors = resolver.Anchors!;

        // The background task waits on the fake clock; the clock moves only once its timer is set, so nothing is missed.
        await clock.TimerSetAsync(TimeSpan.FromDays(1)).WaitAsync(HangGuard);
        TrustPointUpdate first = await NextChangeAsync(anchors, () => clock.Advance(TimeSpan.FromDays(1)));

        root.Publish([root.OldKey, root.NewKey], [root.OldKey]);
        await clock.TimerSetAsync(TimeSpan.FromDays(5)).WaitAsync(HangGuard);
        TrustPointUpdate second = await NextChangeAsync(anchors, () => clock.Advance(TimeSpan.FromDays(5)));

        Assert.Equal(TrustPointOutcome.Validated, first.Outcome);
        Assert.Equal(RollingRoot.Start.AddDays(1), first.TrustPoint.LastRefresh);
        Assert.Empty(first.Events);
        Assert.Equal(TrustPointOutcome.Validated, second.Outcome);
        Assert.Equal(RollingRoot.Start.AddDays(6), second.TrustPoint.LastRefresh);
        Assert.Equal(TrustPointEventKind.NewKeyPending, Assert.Single(second.Events).Kind);
        AnchorStateResult stored = await new AnchorStateStore(path).LoadAsync();
        Assert.Equal(AnchorStateText.Format([second.TrustPoint]), AnchorStateText.Format(stored.TrustPoints));
    }

    [Theory]
    [InlineData("no state file", "missing", "the state file does not exist")]
    [InlineData("a byte changed after writing", "altered", "the checksum does not match")]
    [InlineData("cut short by a crash of an editor", "truncated", "the file is truncated")]
    [InlineData("not a state file at all", "garbage", "line 1")]
    public async Task Constructor_StateFileMissingOrCorrupt_ThrowsInvalidDataExceptionNamingTheFile(string description, string damage, string reason)
    {
        var root = new RollingRoot();
        string path = await root.WriteStateAsync(_folder.Path);
        string text = await File.ReadAllTextAsync(path);
        switch (damage)
        {
            case "missing":
                File.Delete(path);
                break;
            case "altered":
                await File.WriteAllTextAsync(path, text.Replace("VALID", "ADDPEND", StringComparison.Ordinal));
                break;
            case "truncated":
                await File.WriteAllTextAsync(path, text[..(text.Length / 2)]);
                break;
            default:
                await File.WriteAllTextAsync(path, "; an Unbound autotrust file is not ours\n. 3600 IN DNSKEY 257 3 13 AAAA\n");
                break;
        }

        InvalidDataException thrown = Assert.Throws<InvalidDataException>(() => root.CreateResolver(path));

        Assert.True(thrown.Message.Contains(path, StringComparison.Ordinal), $"{description}: {thrown.Message}");
        Assert.True(thrown.Message.Contains(reason, StringComparison.Ordinal), $"{description}: {thrown.Message}");
    }

    [Fact]
    public async Task RefreshDueAsync_NoAnswer_WritesNothingAndWaitsTheRetryTimer()
    {
        var root = new RollingRoot();
        string path = await root.WriteStateAsync(_folder.Path);
        await using DnssecResolver resolver = root.CreateResolver(path);
        TrustAnchorMaintainer anchors = resolver.Anchors!;
        await anchors.RefreshDueAsync();
        TrustPoint before = anchors.TrustPoints.Single();
        byte[] written = await File.ReadAllBytesAsync(path);
        DateTime writtenAt = File.GetLastWriteTimeUtc(path);

        root.Silent = true;
        root.Clock.SetUtcNow(before.NextRefresh);
        TrustPointUpdate failed = Assert.Single(await anchors.RefreshDueAsync());

        DateTimeOffset now = root.Clock.GetUtcNow();
        Assert.Equal(TrustPointOutcome.NoAnswer, failed.Outcome);
        Assert.Equal(written, await File.ReadAllBytesAsync(path));
        Assert.Equal(writtenAt, File.GetLastWriteTimeUtc(path));
        // The retry timer of the last validated RRset: min(1 day, TTL of 10 days / 10, 30-day signatures / 10) = 1 day.
        Assert.Equal(TimeSpan.FromDays(1), before.RetryInterval);
        Assert.Equal(now + before.RetryInterval, anchors.NextRefresh);
        Assert.Equal(before.Keys, anchors.TrustPoints.Single().Keys);
        Assert.Equal(before.LastRefresh, anchors.TrustPoints.Single().LastRefresh);
        Assert.Empty(await anchors.RefreshDueAsync());

        root.Silent = false;
        root.Clock.SetUtcNow(anchors.NextRefresh!.Value);
        Assert.Equal(TrustPointOutcome.Validated, Assert.Single(await anchors.RefreshDueAsync()).Outcome);
        Assert.NotEqual(written, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task RefreshDueAsync_NoAnswerBeforeAnySuccess_RetriesAfterTheOneHourFloor()
    {
        var root = new RollingRoot { Silent = true };
        string path = await root.WriteStateAsync(_folder.Path);
        byte[] written = await File.ReadAllBytesAsync(path);
        await using DnssecResolver resolver = root.CreateResolver(path);

        TrustPointUpdate failed = Assert.Single(await resolver.Anchors!.RefreshDueAsync());

        // Nothing is known but the configured key's TTL of an hour: a tenth of it is below the floor of RFC 5011 §2.3.
        Assert.Equal(TrustPointOutcome.NoAnswer, failed.Outcome);
        Assert.Equal(RollingRoot.Start + RefreshTimers.Floor, resolver.Anchors.NextRefresh);
        Assert.Equal(written, await File.ReadAllBytesAsync(path));
        Assert.Contains("failed", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefreshDueAsync_StateFileLockedByAnotherWriter_GivesUpAfterTheLockTimeoutOnTheFakeClockToo()
    {
        // The fake clock never moves by itself: the lock's timeout must run on the wall clock, or the refresh hangs.
        var root = new RollingRoot();
        string path = await root.WriteStateAsync(_folder.Path);
        byte[] written = await File.ReadAllBytesAsync(path);
        await using DnssecResolver resolver = root.CreateResolver(path);
        TrustAnchorMaintainer anchors = resolver.Anchors!;
        root.Publish([root.OldKey, root.NewKey], [root.OldKey]);

        TrustPointUpdate update;
        using (new FileStream(path + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            update = Assert.Single(await anchors.RefreshDueAsync().WaitAsync(AnchorStateStore.DefaultLockTimeout + HangGuard));
        }

        // What was learnt is used in memory and written at the next refresh.
        Assert.Equal(TrustPointOutcome.Validated, update.Outcome);
        Assert.Equal(written, await File.ReadAllBytesAsync(path));
        Assert.Equal(TrackedKeyState.AddPend, anchors.TrustPoints.Single().Keys.Single(k => k.IsSameKey(root.NewKey.Dnskey)).State);
        root.Clock.SetUtcNow(anchors.NextRefresh!.Value);
        await anchors.RefreshDueAsync();
        AnchorStateResult stored = await new AnchorStateStore(path).LoadAsync();
        Assert.Equal(AnchorStateText.Format(anchors.TrustPoints), AnchorStateText.Format(stored.TrustPoints));
    }

    [Fact]
    public async Task Meter_RefreshesEventsAndTrustedKeys_SeenByAMeterListener()
    {
        var measurements = new List<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == TrustAnchorMaintainer.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        listener.Start();
        var root = new RollingRoot();
        string path = await root.WriteStateAsync(_folder.Path);
        await using DnssecResolver resolver = root.CreateResolver(path);
        TrustAnchorMaintainer anchors = resolver.Anchors!;

        root.Publish([root.OldKey, root.NewKey], [root.OldKey]);
        await anchors.RefreshDueAsync();
        root.Silent = true;
        root.Clock.SetUtcNow(anchors.NextRefresh!.Value);
        await anchors.RefreshDueAsync();
        listener.RecordObservableInstruments();

        lock (measurements)
        {
            Assert.Equal(
                [("Validated", 1.0), ("NoAnswer", 1.0)],
                measurements.Where(m => m.Instrument == "dnssec.anchor.refreshes").Select(m => ((string)m.Tags["outcome"]!, m.Value)));
            Assert.Equal(
                [("NewKeyPending", 1.0)],
                measurements.Where(m => m.Instrument == "dnssec.anchor.events").Select(m => ((string)m.Tags["event"]!, m.Value)));
            // The new key is pending, not trusted: the root trusts one key.
            Assert.Contains(measurements, m => m.Instrument == "dnssec.anchor.trusted_keys" && m.Value == 1 && ".".Equals(m.Tags["zone"]));
            Assert.Contains(measurements, m => m.Instrument == "dnssec.anchor.health" && m.Value == (int)AnchorHealthStatus.Healthy);
            Assert.Contains(measurements, m => m.Instrument == "dnssec.anchor.refresh_age" && m.Value == (root.Clock.GetUtcNow() - RollingRoot.Start).TotalSeconds);
            Assert.All(measurements.Where(m => m.Instrument is "dnssec.anchor.refreshes" or "dnssec.anchor.events"), m => Assert.Equal(".", m.Tags["zone"]));
        }

        void Record<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
            where T : struct
        {
            var copied = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> tag in tags)
            {
                copied[tag.Key] = tag.Value;
            }

            lock (measurements)
            {
                measurements.Add((instrument.Name, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), copied));
            }
        }
    }

    /// <summary>Subscribes to <see cref="TrustAnchorMaintainer.Changed"/>, does <paramref name="trigger"/>, and waits for the next refresh it reports.</summary>
    private static async Task<TrustPointUpdate> NextChangeAsync(TrustAnchorMaintainer anchors, Action trigger)
    {
        var changed = new TaskCompletionSource<TrustPointUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnChanged(object? sender, TrustPointUpdate update) => changed.TrySetResult(update);
        anchors.Changed += OnChanged;
        try
        {
            trigger();
            return await changed.Task.WaitAsync(HangGuard);
        }
        finally
        {
            anchors.Changed -= OnChanged;
        }
    }

    /// <summary>A fake clock that reports each timer set on it, so that a test moves time only once a waiter is waiting.</summary>
    private sealed class TimerWatchingClock(DateTimeOffset start) : FakeTimeProvider(start)
    {
        private readonly Channel<TimeSpan> _timers = Channel.CreateUnbounded<TimeSpan>();

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            ITimer timer = base.CreateTimer(callback, state, dueTime, period);
            _timers.Writer.TryWrite(dueTime);
            return timer;
        }

        /// <summary>Completes when a timer due in <paramref name="dueTime"/> has been set; other timers are passed over.</summary>
        public async Task TimerSetAsync(TimeSpan dueTime)
        {
            while (await _timers.Reader.ReadAsync() != dueTime)
            {
            }
        }
    }
}
