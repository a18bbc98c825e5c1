using System.Text.RegularExpressions;

namespace Dnssec.Differential.Triage;

/// <summary>
/// The rules of explained-differences.txt. The file is paragraphs of "key: value" lines separated by blank lines, "#"
/// starting a comment line; keys: rule, oracle, ours, theirs, mode, mutation, question, feature, unbound-agrees (yes),
/// reason, their-reason (the last two regular expressions), clause and because (both required). A malformed file is an error that names the line.
/// </summary>
public sealed class ExplainedDifferences
{
    /// <summary>The file's name, beside the program in the build output and in tests/Dnssec.Differential.</summary>
    public const string FileName = "explained-differences.txt";

    private static readonly HashSet<string> Keys = ["rule", "oracle", "ours", "theirs", "mode", "mutation", "question", "feature", "unbound-agrees", "reason", "their-reason", "clause", "because"];

    private ExplainedDifferences(IReadOnlyList<ExplanationRule> rules) => Rules = rules;

    /// <summary>Every rule, in file order.</summary>
    public IReadOnlyList<ExplanationRule> Rules { get; }

    /// <summary>The file shipped beside the program.</summary>
    public static ExplainedDifferences LoadShipped() => Load(Path.Combine(AppContext.BaseDirectory, FileName));

    /// <summary>Reads the rules of <paramref name="path"/>.</summary>
    public static ExplainedDifferences Load(string path) => Parse(File.ReadAllLines(path), path);

    /// <summary>Reads rules from lines.</summary>
    public static ExplainedDifferences Parse(IReadOnlyList<string> lines, string source)
    {
        var rules = new List<ExplanationRule>();
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        int start = 0;
        string lastKey = "";
        for (int i = 0; i <= lines.Count; i++)
        {
            string line = i < lines.Count ? lines[i].TrimEnd() : "";
            if (line.StartsWith('#'))
            {
                continue;
            }

            if (line.Length == 0)
            {
                if (fields.Count > 0)
                {
                    rules.Add(Rule(fields, source, start + 1));
                    fields.Clear();
                }

                continue;
            }

            if (fields.Count == 0)
            {
                start = i;
            }

            if (char.IsWhiteSpace(line[0]) && fields.Count > 0)
            {
                // An indented line continues the previous value.
                fields[lastKey] += " " + line.Trim();
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            string key = colon < 0 ? "" : line[..colon].Trim();

            if (!Keys.Contains(key))
            {
                throw new FormatException($"{source}:{i + 1}: expected one of {string.Join(", ", Keys)} and a colon, found \"{line}\"");
            }

            if (!fields.TryAdd(key, line[(colon + 1)..].Trim()))
            {
                throw new FormatException($"{source}:{i + 1}: {key} given twice in one rule");
            }

            lastKey = key;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (ExplanationRule rule in rules)
        {
            if (!names.Add(rule.Name))
            {
                throw new FormatException($"{source}: two rules are named {rule.Name}");
            }
        }

        return new ExplainedDifferences(rules);
    }

    /// <summary>The first rule that explains <paramref name="facts"/>, or null.</summary>
    public ExplanationRule? Explain(DisagreementFacts facts) => Rules.FirstOrDefault(r => r.Matches(facts));

    private static ExplanationRule Rule(Dictionary<string, string> fields, string source, int line)
    {
        string Required(string key) => fields.TryGetValue(key, out string? value) && value.Length > 0
            ? value
            : throw new FormatException($"{source}:{line}: the rule has no {key}");
        string? Optional(string key) => fields.TryGetValue(key, out string? value) ? value : null;
        Regex? Pattern(string key) => Optional(key) is { } text ? new Regex(text, RegexOptions.CultureInvariant) : null;

        string oracle = Required("oracle");
        if (oracle is not ("unbound" or "delv"))
        {
            throw new FormatException($"{source}:{line}: oracle must be unbound or delv, not {oracle}");
        }

        return new ExplanationRule
        {
            Name = Required("rule"),
            Oracle = oracle,
            Ours = Optional("ours"),
            Theirs = Optional("theirs"),
            Mode = Optional("mode"),
            Mutation = Optional("mutation"),
            Question = Optional("question"),
            Feature = Optional("feature"),
            UnboundAgrees = Optional("unbound-agrees") switch
            {
                null => false,
                "yes" => true,
                string other => throw new FormatException($"{source}:{line}: unbound-agrees must be yes, not {other}"),
            },
            Reason = Pattern("reason"),
            TheirReason = Pattern("their-reason"),
            Clause = Required("clause"),
            Because = Required("because"),
        };
    }
}
