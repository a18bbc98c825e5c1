using System.Diagnostics;
using System.Globalization;
using Dnssec.Load;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;

// Many concurrent resolutions through the public API against one resolver in stub mode: answers per second, latency
// percentiles and the security status of every answer. See benchmarks/README.md, "Resolver load".
LoadSettings? settings = LoadSettings.Parse(args, out string? problem);
if (settings is null)
{
    Console.Error.WriteLine($"Dnssec.Load: {problem}");
    Console.Error.WriteLine(LoadSettings.Usage);
    return 2;
}

List<Question> names;
List<Question> warmup;
var anchors = new TrustAnchorSet();
try
{
    names = Question.ReadFile(settings.NamesPath);
    warmup = settings.WarmupPath is null ? [] : Question.ReadFile(settings.WarmupPath);
    anchors.Add(TrustAnchorFile.Load(settings.AnchorsPath, DateTimeOffset.UtcNow));
}
catch (Exception exception) when (exception is IOException or FormatException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"Dnssec.Load: {exception.Message}");
    return 2;
}

var options = new ResolverOptions
{
    Mode = ResolutionMode.Stub,
    FallbackToIterative = false,
    TrustAnchors = anchors,
    Timeout = settings.Timeout,
    Attempts = 2,
};
options.Servers.Add(settings.Server);
await using var transport = new CountingTransport(new DnsTransport());
await using var resolver = new DnssecResolver(options, transport: transport);

// Warm-up, one name at a time: the key chain (cold runs) or the answers themselves (warm runs).
foreach (Question question in warmup)
{
    DnssecAnswer answer = await resolver.ResolveAsync(question.Name, question.Type);
    if (answer.Status != SecurityStatus.Secure)
    {
        Console.Error.WriteLine($"Dnssec.Load: warm-up {question.Name} {question.Type} is {answer.Status} ({answer.ResponseCode}): {answer.Reason}");
        return 1;
    }
}

long upstreamBefore = transport.Queries;
long failuresBefore = transport.Failures;
int gen0 = GC.CollectionCount(0), gen1 = GC.CollectionCount(1), gen2 = GC.CollectionCount(2);
var run = new LoadRun(resolver, names, settings.Concurrency, settings.Queries, settings.Duration);
LoadResult result = await run.RunAsync();
long upstream = transport.Queries - upstreamBefore;
long upstreamFailures = transport.Failures - failuresBefore;

int distinct = names.Select(q => (q.Name.ToLowerCase(), q.Type)).Distinct().Count();
long answers = result.Latencies.Length;
long secure = run.Count(SecurityStatus.Secure);
long notSecure = answers - secure + run.Exceptions;
CultureInfo invariant = CultureInfo.InvariantCulture;
// Four decimals: a cache hit takes well under a microsecond.
string F(double value) => value.ToString("0.0000", invariant);
string paths = string.Join(", ", run.Paths.OrderBy(p => p.Key).Select(p => $"{p.Key.ToString().ToLowerInvariant()} {p.Value}"));
using Process self = Process.GetCurrentProcess();

Console.WriteLine($"{settings.Label}: server {settings.Server}, concurrency {settings.Concurrency}, {names.Count} names ({distinct} distinct), warm-up {warmup.Count}");
Console.WriteLine($"answers {answers} in {result.Elapsed.TotalSeconds:0.000} s: {result.AnswersPerSecond:0.0} answers/s (slowest second {result.Sampled.MinAnswersPerSecond}, fastest {result.Sampled.MaxAnswersPerSecond})");
Console.WriteLine($"latency ms: mean {F(result.MeanMilliseconds)}  p50 {F(result.PercentileMilliseconds(0.50))}  p90 {F(result.PercentileMilliseconds(0.90))}  p99 {F(result.PercentileMilliseconds(0.99))}  max {F(result.PercentileMilliseconds(1.0))}");
Console.WriteLine($"status: secure {secure}, insecure {run.Count(SecurityStatus.Insecure)}, bogus {run.Count(SecurityStatus.Bogus)}, indeterminate {run.Count(SecurityStatus.Indeterminate)}, exceptions {run.Exceptions}; path: {paths}");
Console.WriteLine($"upstream: {upstream} queries ({(answers == 0 ? 0 : (double)upstream / answers):0.00} per answer), {upstreamFailures} failed");
Console.WriteLine($"process: peak working set {self.PeakWorkingSet64 / (1 << 20)} MB, managed heap max {result.Sampled.MaxHeapBytes / (1 << 20)} MB, " +
    $"GCs gen0/1/2 {GC.CollectionCount(0) - gen0}/{GC.CollectionCount(1) - gen1}/{GC.CollectionCount(2) - gen2}, " +
    $"pool threads max {result.Sampled.MaxPoolThreads}, queued work items max {result.Sampled.MaxQueuedWorkItems}");
foreach (string failure in run.FirstFailures)
{
    Console.WriteLine($"NOT SECURE: {failure}");
}

Console.WriteLine(string.Create(invariant,
    $"RESULT label={settings.Label} concurrency={settings.Concurrency} answers={answers} seconds={result.Elapsed.TotalSeconds:0.000} qps={result.AnswersPerSecond:0.0} " +
    $"mean_ms={F(result.MeanMilliseconds)} p50_ms={F(result.PercentileMilliseconds(0.50))} p90_ms={F(result.PercentileMilliseconds(0.90))} " +
    $"p99_ms={F(result.PercentileMilliseconds(0.99))} max_ms={F(result.PercentileMilliseconds(1.0))} secure={secure} not_secure={notSecure} " +
    $"upstream={upstream} heap_max_mb={result.Sampled.MaxHeapBytes / (1 << 20)} pool_threads_max={result.Sampled.MaxPoolThreads}"));
if (notSecure > 0 || answers == 0)
{
    Console.Error.WriteLine($"Dnssec.Load: {notSecure} of {answers + run.Exceptions} measured resolutions were not Secure");
    return 1;
}

return 0;
