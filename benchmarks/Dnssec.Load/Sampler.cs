using System.Diagnostics;

namespace Dnssec.Load;

/// <summary>
/// Watches the process every 100 ms from a thread of its own (so that a starved thread pool cannot silence it): the
/// pool's threads and queue, the managed heap, and answers completed per second.
/// </summary>
internal sealed class Sampler : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly Func<long> _completed;
    private readonly Thread _thread;
    private readonly ManualResetEventSlim _stop = new();
    private int _maxThreads;
    private long _maxQueued;
    private long _maxHeap;
    private long _minPerSecond = long.MaxValue;
    private long _maxPerSecond;
    private int _seconds;

    public Sampler(Func<long> completed)
    {
        _completed = completed;
        _thread = new Thread(Run) { IsBackground = true, Name = "load sampler" };
        _thread.Start();
    }

    public void Stop()
    {
        _stop.Set();
        _thread.Join();
    }

    public SamplerSnapshot Snapshot() => new(_maxThreads, _maxQueued, _maxHeap, _seconds == 0 ? 0 : _minPerSecond, _maxPerSecond);

    public void Dispose()
    {
        if (!_stop.IsSet)
        {
            Stop();
        }

        _stop.Dispose();
    }

    private void Run()
    {
        long secondStart = Stopwatch.GetTimestamp();
        long completedAtSecond = _completed();
        while (!_stop.Wait(Interval))
        {
            _maxThreads = Math.Max(_maxThreads, ThreadPool.ThreadCount);
            _maxQueued = Math.Max(_maxQueued, ThreadPool.PendingWorkItemCount);
            _maxHeap = Math.Max(_maxHeap, GC.GetTotalMemory(forceFullCollection: false));
            if (Stopwatch.GetElapsedTime(secondStart) >= TimeSpan.FromSeconds(1))
            {
                long completed = _completed();
                long perSecond = completed - completedAtSecond;
                _minPerSecond = Math.Min(_minPerSecond, perSecond);
                _maxPerSecond = Math.Max(_maxPerSecond, perSecond);
                _seconds++;
                completedAtSecond = completed;
                secondStart = Stopwatch.GetTimestamp();
            }
        }
    }
}

/// <summary>What the sampler saw: the most pool threads and queued items, the largest heap, the slowest and fastest whole second.</summary>
internal sealed record SamplerSnapshot(int MaxPoolThreads, long MaxQueuedWorkItems, long MaxHeapBytes, long MinAnswersPerSecond, long MaxAnswersPerSecond);
