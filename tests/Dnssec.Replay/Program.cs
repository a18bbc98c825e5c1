using Dnssec.Replay;

// dotnet run --project tests/Dnssec.Replay -c Release -- [--strict] [--verbose] FILE.rpl...
bool strict = args.Contains("--strict");
bool verbose = args.Contains("--verbose");
string[] files = [.. args.Where(a => !a.StartsWith("--", StringComparison.Ordinal))];
if (files.Length == 0)
{
    Console.Error.WriteLine("usage: Dnssec.Replay [--strict] [--verbose] FILE.rpl...");
    Console.Error.WriteLine("  plays Unbound replay scenarios against DnssecResolver; --strict ignores known-differences.txt,");
    Console.Error.WriteLine("  --verbose prints the settings not honoured for passing scenarios too");
    return 2;
}

KnownDifferences known = strict ? KnownDifferences.None : KnownDifferences.LoadShipped();
int passed = 0, failed = 0, expected = 0;
foreach (string file in files)
{
    ScenarioResult result = await ScenarioRunner.RunFileAsync(file);
    string? reason = known.ReasonFor(file);
    if (result.Passed && reason is null)
    {
        passed++;
        Console.WriteLine($"PASS {file}");
    }
    else if (result.Passed)
    {
        failed++;
        Console.WriteLine($"FAIL {file}: passes but is listed as a known difference; take it off {KnownDifferences.FileName}");
    }
    else if (reason is not null)
    {
        expected++;
        Console.WriteLine($"KNOWN {file}: {result.Failure} (known difference: {reason})");
    }
    else
    {
        failed++;
        Console.WriteLine($"FAIL {file}: {result.Failure}");
        if (result.Detail is not null)
        {
            Console.Write(Indent(result.Detail));
        }
    }

    if (verbose || !result.Passed)
    {
        foreach (string note in result.Notes)
        {
            Console.WriteLine($"    note: {note}");
        }
    }
}

if (expected > 0)
{
    Console.WriteLine($"{expected} known differences, listed with their reasons in {KnownDifferences.FileName}");
}

Console.WriteLine($"{passed} passed, {failed} failed");
return failed == 0 ? 0 : 1;

static string Indent(string text) =>
    string.Concat(text.Split('\n').Where(l => l.Length > 0).Select(l => "    " + l.TrimEnd('\r') + Environment.NewLine));
