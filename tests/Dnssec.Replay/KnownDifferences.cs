namespace Dnssec.Replay;

/// <summary>
/// The scenarios known not to pass here, each with its reason: a file of lines <c>name.rpl&lt;TAB&gt;reason</c>, with
/// '#' comments. A listed scenario is expected to fail; one listed without a reason is an error.
/// </summary>
public sealed class KnownDifferences
{
    /// <summary>The file name the list is shipped under, beside the runner.</summary>
    public const string FileName = "known-differences.txt";

    private readonly Dictionary<string, string> _reasons;

    private KnownDifferences(Dictionary<string, string> reasons) => _reasons = reasons;

    /// <summary>The scenario file names listed, each with its reason.</summary>
    public IReadOnlyDictionary<string, string> Reasons => _reasons;

    /// <summary>An empty list, for runs that expect every scenario to pass.</summary>
    public static KnownDifferences None { get; } = new([]);

    /// <summary>The list shipped beside the runner's assembly.</summary>
    public static KnownDifferences LoadShipped() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    /// <summary>Reads a list.</summary>
    /// <exception cref="FormatException">A line has no reason.</exception>
    public static KnownDifferences Load(string path)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            string[] parts = lines[i].Split('\t', 2);
            if (parts.Length < 2 || parts[1].Trim().Length == 0)
            {
                throw new FormatException($"{path} line {i + 1}: '{parts[0]}' is listed without a reason");
            }

            reasons[parts[0].Trim()] = parts[1].Trim();
        }

        return new KnownDifferences(reasons);
    }

    /// <summary>The reason <paramref name="scenarioPath"/> is listed, by file name, or null.</summary>
    public string? ReasonFor(string scenarioPath) => _reasons.GetValueOrDefault(Path.GetFileName(scenarioPath));
}
