using System.Globalization;
using System.Text;
using Dnssec.Differential.Building;
using Dnssec.Differential.Generation;
using Dnssec.Differential.Questions;
using Dnssec.Presentation;

namespace Dnssec.Differential.Report;

/// <summary>
/// What the generator covered: for each algorithm, denial kind, key layout, zone shape, mutation (as applied) and
/// question kind, how many hierarchies had it; for question kinds also how many questions were asked.
/// </summary>
public sealed class Coverage
{
    private readonly object _gate = new();
    private readonly SortedDictionary<string, SortedDictionary<string, int>> _hierarchies = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, int> _questions = new(StringComparer.Ordinal);

    /// <summary>How many hierarchies were counted.</summary>
    public int Hierarchies { get; private set; }

    /// <summary>Counts one hierarchy and the questions asked of it.</summary>
    public void Add(BuiltHierarchy hierarchy, IReadOnlyList<Question> questions)
    {
        var seen = new HashSet<(string, string)>();
        foreach (ZoneSpec zone in hierarchy.Spec.Zones)
        {
            if (!zone.Signed)
            {
                seen.Add(("zone", "unsigned"));
                continue;
            }

            foreach (KeySpec key in zone.Keys)
            {
                seen.Add(("algorithm", (int)key.Algorithm + " " + Mnemonics.FormatAlgorithm(key.Algorithm)));
            }

            seen.Add(("denial", zone.Denial!.Describe()));
            seen.Add(("keys", zone.Keys.Exists(k => k.Role == KeyRole.Csk && k.Id == "csk") ? "csk" : "ksk+zsk"));
            foreach (KeySpec key in zone.Keys.Where(k => k.Id is not ("csk" or "ksk" or "zsk")))
            {
                seen.Add(("keys", key.Id + (key.Id == "colliding" ? (key.Signs ? " (signing)" : " (published)") : "")));
            }

            foreach (int digest in zone.DsDigests)
            {
                seen.Add(("ds digest", digest.ToString(CultureInfo.InvariantCulture)));
            }

            if (zone.Parent is not null)
            {
                seen.Add(("delegation", zone.HasDs ? "secure" : "signed child, no DS"));
            }
        }

        foreach (ZoneSpec zone in hierarchy.Spec.Zones.Where(z => !z.Signed && z.Parent is not null))
        {
            ZoneSpec parent = hierarchy.Spec.Zone(zone.Parent!);
            seen.Add(("delegation", parent.Signed ? "unsigned child of " + parent.Denial!.Describe().Split('-')[0] + (parent.Denial.OptOut ? " opt-out" : "") : "unsigned child of unsigned"));
        }

        foreach (string name in hierarchy.SignedByLdns)
        {
            seen.Add(("signer", "ldns-signzone (iterations > 150)"));
        }

        seen.Add(("zones", hierarchy.Spec.Zones.Count.ToString("D2", CultureInfo.InvariantCulture)));
        seen.Add(("depth", hierarchy.Spec.Zones.Max(z => z.Depth).ToString(CultureInfo.InvariantCulture)));
        foreach (RecordSpec record in hierarchy.Spec.Zones.SelectMany(z => z.Records))
        {
            seen.Add(("data", record.Owner.StartsWith("*.", StringComparison.Ordinal) ? "wildcard " + record.Type : record.Type));
        }

        foreach (MutationSpec mutation in hierarchy.Applied)
        {
            seen.Add(("mutation", MutationKinds.Name(mutation.Kind)));
        }

        if (hierarchy.Applied.Count == 0)
        {
            seen.Add(("mutation", "(none)"));
        }

        foreach (Question question in questions)
        {
            seen.Add(("question", QuestionKinds.Name(question.Kind)));
        }

        lock (_gate)
        {
            Hierarchies++;
            foreach ((string category, string item) in seen)
            {
                if (!_hierarchies.TryGetValue(category, out SortedDictionary<string, int>? items))
                {
                    _hierarchies[category] = items = new SortedDictionary<string, int>(StringComparer.Ordinal);
                }

                items[item] = items.GetValueOrDefault(item) + 1;
            }

            foreach (Question question in questions)
            {
                string kind = QuestionKinds.Name(question.Kind);
                _questions[kind] = _questions.GetValueOrDefault(kind) + 1;
            }
        }
    }

    /// <summary>The report: one section per category, "item: hierarchies" (and questions for question kinds).</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        lock (_gate)
        {
            text.Append(CultureInfo.InvariantCulture, $"coverage of {Hierarchies} hierarchies (how many hierarchies had each; questions asked for question kinds)\n");
            foreach ((string category, SortedDictionary<string, int> items) in _hierarchies)
            {
                text.Append(category).Append(":\n");
                foreach ((string item, int count) in items)
                {
                    string questions = category == "question" ? string.Create(CultureInfo.InvariantCulture, $", {_questions.GetValueOrDefault(item)} questions") : "";
                    text.Append(CultureInfo.InvariantCulture, $"  {item,-40} {count,6} hierarchies{questions}\n");
                }
            }
        }

        return text.ToString();
    }
}
