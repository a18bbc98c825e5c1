using System.Diagnostics;

namespace Dnssec.Load;

/// <summary>The sorted latencies (Stopwatch ticks) of one run, its wall time and what the sampler saw.</summary>
internal sealed record LoadResult(long[] Latencies, TimeSpan Elapsed, SamplerSnapshot Sampled)
{
    public double AnswersPerSecond => Latencies.Length / Elapsed.TotalSeconds;

    public double MeanMilliseconds
    {
        get
        {
            if (Latencies.Length == 0)
            {
                return 0;
            }

            double sum = 0;
            foreach (long ticks in Latencies)
            {
                sum += ticks;
            }

            return ToMilliseconds(sum / Latencies.Length);
        }
    }

    /// <summary>The nearest-rank percentile: the smallest latency that at least <paramref name="fraction"/> of the answers did not exceed.</summary>
    public double PercentileMilliseconds(double fraction)
    {
        if (Latencies.Length == 0)
        {
            return 0;
        }

        int rank = (int)Math.Ceiling(fraction * Latencies.Length);
        return ToMilliseconds(Latencies[Math.Clamp(rank - 1, 0, Latencies.Length - 1)]);
    }

    private static double ToMilliseconds(double ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
