using System.Collections.Concurrent;
using System.Net;

namespace Dnssec.Server;

/// <summary>
/// A token bucket per client address: each holds one second's worth of queries and refills continuously, so a client
/// may burst to the limit and then keeps to it. Buckets of quiet clients are forgotten once many are held.
/// </summary>
internal sealed class ClientRateLimiter(int queriesPerSecond, TimeProvider time)
{
    private const int ForgetAbove = 100_000;
    private readonly ConcurrentDictionary<IPAddress, Bucket> _buckets = new();

    /// <summary>Whether there is a limit at all; without one, no address needs to be looked at.</summary>
    public bool IsEnabled => queriesPerSecond > 0;

    /// <summary>Whether one more query of <paramref name="client"/> is allowed now; always true without a limit.</summary>
    public bool TryAcquire(IPAddress client)
    {
        if (queriesPerSecond <= 0)
        {
            return true;
        }

        long now = time.GetTimestamp();
        if (_buckets.Count > ForgetAbove)
        {
            // Full buckets belong to clients that have been quiet for a second at least: nothing is lost by forgetting them.
            foreach (KeyValuePair<IPAddress, Bucket> quiet in _buckets.Where(b => b.Value.IsFull(now, queriesPerSecond, time)))
            {
                _buckets.TryRemove(quiet);
            }
        }

        Bucket bucket = _buckets.GetOrAdd(client, _ => new Bucket(queriesPerSecond, now));
        return bucket.TryTake(now, queriesPerSecond, time);
    }

    private sealed class Bucket(double tokens, long updated)
    {
        private readonly Lock _lock = new();
        private double _tokens = tokens;
        private long _updated = updated;

        public bool TryTake(long now, int rate, TimeProvider time)
        {
            lock (_lock)
            {
                Refill(now, rate, time);
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens--;
                return true;
            }
        }

        public bool IsFull(long now, int rate, TimeProvider time)
        {
            lock (_lock)
            {
                Refill(now, rate, time);
                return _tokens >= rate;
            }
        }

        private void Refill(long now, int rate, TimeProvider time)
        {
            double seconds = time.GetElapsedTime(_updated, now).TotalSeconds;
            _tokens = Math.Min(rate, _tokens + (seconds * rate));
            _updated = now;
        }
    }
}
