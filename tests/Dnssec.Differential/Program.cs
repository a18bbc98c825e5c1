using System.Globalization;
using Dnssec.Differential;

// dotnet run --project tests/Dnssec.Differential -c Release -- --seed N --hierarchies K [--jobs J] [--out DIR] ...
// The last line is "Q compared, D disagreements (U unexplained)"; the exit status is 0 only when U is 0
// (1 when it is not, 2 for a usage or environment error).
const string Usage = """
    usage: Dnssec.Differential --seed N --hierarchies K [--jobs J] [--out DIR] [--first F] [--batch B]
                               [--questions Q] [--delv-sample P] [--shrink-attempts S] [--shrinks M]
                               [--explained FILE] [--spec FILE] [--hold yes]
      --seed N            campaign seed; the same seed makes the same hierarchies, mutations and questions
      --hierarchies K     how many hierarchies to generate and compare
      --jobs J            tools and builds run at a time (default: the number of processors)
      --out DIR           cases, coverage.txt, summary.txt (default: a new temporary directory)
      --first F           number of the first hierarchy (default 0): --first F --hierarchies 1 reruns one
      --batch B           hierarchies served by one named at a time (default 12, at most 250)
      --questions Q       questions per hierarchy (default 200)
      --delv-sample P     share of questions delv is asked besides every disagreement (default 0.02)
      --shrink-attempts S rebuilds spent shrinking each unexplained disagreement (default 30; 0: no shrinking)
      --shrinks M         how many unexplained disagreements are shrunk (default 5)
      --explained FILE    explained differences (default: explained-differences.txt beside the program)
      --spec FILE         run the hierarchy of a case's spec.json instead of generated ones (with --hierarchies 1)
      --hold yes          keep serving each batch after asking it until a line is read from standard input
    Needs root and bind9, bind9-utils, bind9-dnsutils, unbound, ldnsutils and iproute2 (tests/run.sh installs them).
    """;

var values = new Dictionary<string, string>(StringComparer.Ordinal);
for (int i = 0; i < args.Length; i++)
{
    if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
    {
        Console.Error.WriteLine($"expected --option value, found \"{args[i]}\"");
        Console.Error.WriteLine(Usage);
        return 2;
    }

    values[args[i][2..]] = args[++i];
}

string[] known = ["seed", "hierarchies", "jobs", "out", "first", "batch", "questions", "delv-sample", "shrink-attempts", "shrinks", "explained", "spec", "hold"];
string? unknown = values.Keys.FirstOrDefault(k => !known.Contains(k));
if (unknown is not null || !values.ContainsKey("seed") || !values.ContainsKey("hierarchies"))
{
    Console.Error.WriteLine(unknown is null ? "--seed and --hierarchies are required" : $"unknown option --{unknown}");
    Console.Error.WriteLine(Usage);
    return 2;
}

CampaignOptions options;
try
{
    var defaults = new CampaignOptions { Seed = 0, Hierarchies = 1 };
    options = new CampaignOptions
    {
        Seed = Integer("seed", 0),
        Hierarchies = Integer("hierarchies", 0),
        Jobs = Integer("jobs", defaults.Jobs),
        First = Integer("first", 0),
        BatchSize = Integer("batch", defaults.BatchSize),
        QuestionsPerHierarchy = Integer("questions", defaults.QuestionsPerHierarchy),
        DelvSample = values.TryGetValue("delv-sample", out string? sample) ? double.Parse(sample, CultureInfo.InvariantCulture) : defaults.DelvSample,
        ShrinkAttempts = Integer("shrink-attempts", defaults.ShrinkAttempts),
        MaxShrinks = Integer("shrinks", defaults.MaxShrinks),
        SpecPath = values.GetValueOrDefault("spec"),
        Out = values.GetValueOrDefault("out"),
        ExplainedDifferencesPath = values.GetValueOrDefault("explained"),
        Hold = values.GetValueOrDefault("hold") == "yes",
    };
}
catch (FormatException e)
{
    Console.Error.WriteLine($"not a number: {e.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The campaign stops its servers and removes its aliases on the way out.
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    CampaignResult result = await new Campaign(options, Console.Out).RunAsync(cancel.Token);
    Console.WriteLine(result.ContractLine);
    return result.Unexplained == 0 ? 0 : 1;
}
catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or TimeoutException or IOException or OperationCanceledException)
{
    Console.Error.WriteLine($"campaign failed: {e.Message}");
    return 2;
}

int Integer(string name, int fallback) => values.TryGetValue(name, out string? text)
    ? int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture)
    : fallback;
