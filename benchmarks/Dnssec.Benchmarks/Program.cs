using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;

// What a cached RRset keeps alive is a heap measurement, not a timing: it runs outside BenchmarkDotNet.
if (args is ["cache-footprint", .. string[] rest])
{
    return await Dnssec.Benchmarks.CacheFootprint.RunAsync(rest is [string count] ? int.Parse(count, CultureInfo.InvariantCulture) : 5_000);
}

// One launch, 5 warm-ups and 15 measured iterations of about half a second each: a few minutes for a class, enough
// for a confidence interval and ratios on a shared two-core machine. Command-line options still apply on top.
IConfig config = DefaultConfig.Instance
    .AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(5).WithIterationCount(15).WithId("Short15"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
return 0;
