using System.Collections.Concurrent;
using System.Diagnostics;
using Dnssec.Resolver;
using Dnssec.Validation;

namespace Dnssec.Load;

/// <summary>
/// Closed-loop load on one resolver: each worker issues one resolution, waits for it, records its latency in
/// Stopwatch ticks and takes the next name (the names are shared in order, cycling), until the query count or the
/// duration is reached. A sampler thread outside the thread pool watches the pool and the heap while it runs.
/// </summary>
internal sealed class LoadRun(DnssecResolver resolver, IReadOnlyList<Question> names, int concurrency, long? queries, TimeSpan? duration)
{
    private const int FailuresKept = 5;

    private readonly long[] _statusCounts = new long[4];
    private readonly ConcurrentDictionary<ResolutionPath, long> _paths = new();
    private readonly ConcurrentQueue<string> _failures = new();
    private long _next;
    private long _exceptions;
    private long _completed;

    public long Exceptions => Interlocked.Read(ref _exceptions);

    public IReadOnlyCollection<string> FirstFailures => _failures;

    public IReadOnlyDictionary<ResolutionPath, long> Paths => _paths;

    public long Count(SecurityStatus status) => Interlocked.Read(ref _statusCounts[(int)status]);

    public async Task<LoadResult> RunAsync()
    {
        using var sampler = new Sampler(() => Interlocked.Read(ref _completed));
        long started = Stopwatch.GetTimestamp();
        long? deadline = duration is { } d ? started + (long)(d.TotalSeconds * Stopwatch.Frequency) : null;
        var workers = new Task<List<long>>[concurrency];
        for (int i = 0; i < concurrency; i++)
        {
            workers[i] = Task.Run(() => WorkAsync(deadline));
        }

        List<long>[] perWorker = await Task.WhenAll(workers);
        long finished = Stopwatch.GetTimestamp();
        sampler.Stop();
        long total = 0;
        foreach (List<long> list in perWorker)
        {
            total += list.Count;
        }

        long[] latencies = new long[total];
        int at = 0;
        foreach (List<long> list in perWorker)
        {
            list.CopyTo(latencies, at);
            at += list.Count;
        }

        Array.Sort(latencies);
        return new LoadResult(latencies, Stopwatch.GetElapsedTime(started, finished), sampler.Snapshot());
    }

    private async Task<List<long>> WorkAsync(long? deadline)
    {
        var latencies = new List<long>(queries is { } q ? (int)Math.Min(q / concurrency + 1, 1 << 20) : 4096);
        while (true)
        {
            long index = Interlocked.Increment(ref _next) - 1;
            if ((queries is { } limit && index >= limit) || (deadline is { } end && Stopwatch.GetTimestamp() >= end))
            {
                return latencies;
            }

            Question question = names[(int)(index % names.Count)];
            long start = Stopwatch.GetTimestamp();
            DnssecAnswer answer;
            try
            {
                answer = await resolver.ResolveAsync(question.Name, question.Type);
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                Interlocked.Increment(ref _exceptions);
                Keep($"{question.Name} {question.Type}: {exception.GetType().Name}: {exception.Message}");
                continue;
            }

            latencies.Add(Stopwatch.GetTimestamp() - start);
            Interlocked.Increment(ref _completed);
            Interlocked.Increment(ref _statusCounts[(int)answer.Status]);
            _paths.AddOrUpdate(answer.Path, 1, static (_, count) => count + 1);
            if (answer.Status != SecurityStatus.Secure)
            {
                Keep($"{question.Name} {question.Type}: {answer.Status} {answer.ResponseCode}: {answer.Reason}");
            }
        }
    }

    private void Keep(string failure)
    {
        if (_failures.Count < FailuresKept)
        {
            _failures.Enqueue(failure);
        }
    }
}
