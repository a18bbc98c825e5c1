using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Dnssec.Differential.Building;
using Dnssec.Differential.Comparison;
using Dnssec.Differential.Generation;
using Dnssec.Differential.Serving;

namespace Dnssec.Differential.Triage;

/// <summary>
/// Writes disagreements as self-contained cases under OUT/cases/h&lt;number&gt;/: the hierarchy's spec (spec.json,
/// which regenerates it with --first and the campaign seed, or alone), its zone files as signed and served, its anchor
/// and hints, and one case-&lt;k&gt;.txt per disagreement with the question, every verdict and reason, the explanation
/// if there is one, and what the validating Unbound logged about the name.
/// </summary>
public static class CaseWriter
{
    /// <summary>JSON settings for specs: indented, enums by name.</summary>
    public static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>Copies the hierarchy's files into its case directory once and returns that directory.</summary>
    public static string HierarchyDirectory(string casesDirectory, BuiltHierarchy hierarchy)
    {
        string directory = Path.Combine(casesDirectory, string.Create(CultureInfo.InvariantCulture, $"h{hierarchy.Spec.Number:D4}"));
        if (Directory.Exists(directory))
        {
            return directory;
        }

        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, "spec.json"), JsonSerializer.Serialize(hierarchy.Spec, Json));
        foreach (string sub in new[] { "zones", "signed" })
        {
            Directory.CreateDirectory(Path.Combine(directory, sub));
            foreach (string file in Directory.GetFiles(Path.Combine(hierarchy.Directory, sub)))
            {
                File.Copy(file, Path.Combine(directory, sub, Path.GetFileName(file)));
            }
        }

        foreach (string file in new[] { "root.ds", "root.hints", "delv-anchors.conf", "unbound-upstream.conf", "unbound-validator.conf" })
        {
            string path = Path.Combine(hierarchy.Directory, file);
            if (File.Exists(path))
            {
                File.Copy(path, Path.Combine(directory, file));
            }
        }

        var keys = new StringBuilder();
        foreach ((string zone, IReadOnlyList<ZoneKey> zoneKeys) in hierarchy.Keys)
        {
            foreach (ZoneKey key in zoneKeys)
            {
                keys.Append(CultureInfo.InvariantCulture, $"{zone} {key.Spec.Id} tag {key.Tag} flags {key.Flags} algorithm {(int)key.Algorithm} signs {key.Spec.Signs} in-ds {key.Spec.InDs}\n");
            }
        }

        File.WriteAllText(Path.Combine(directory, "keys.txt"), keys.ToString());
        return directory;
    }

    /// <summary>Writes one case; returns its path.</summary>
    public static string Write(string casesDirectory, BuiltHierarchy hierarchy, int campaignSeed, QuestionComparison comparison, int index, ServerProcess? validator)
    {
        string directory = HierarchyDirectory(casesDirectory, hierarchy);
        string path = Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"case-{index:D3}-{comparison.Mode.ToString().ToLowerInvariant()}.txt"));
        File.WriteAllText(path, Describe(hierarchy, campaignSeed, comparison, validator));
        return path;
    }

    /// <summary>The text of a case.</summary>
    public static string Describe(BuiltHierarchy hierarchy, int campaignSeed, QuestionComparison comparison, ServerProcess? validator)
    {
        var text = new StringBuilder();
        HierarchySpec spec = hierarchy.Spec;
        text.Append(CultureInfo.InvariantCulture, $"campaign seed {campaignSeed}, hierarchy {spec.Number} (hierarchy seed {spec.Seed}), slot {hierarchy.Slot}\n");
        text.Append(CultureInfo.InvariantCulture, $"question {comparison.Question} ({Questions.QuestionKinds.Name(comparison.Question.Kind)}), ours in {comparison.Mode.ToString().ToLowerInvariant()} mode\n");
        text.Append(CultureInfo.InvariantCulture, $"mutations applied: {(hierarchy.Applied.Count == 0 ? "none" : string.Join("; ", hierarchy.Applied))}\n");
        foreach (string skipped in hierarchy.NotApplied)
        {
            text.Append(CultureInfo.InvariantCulture, $"mutation not applied: {skipped}\n");
        }

        Append(text, "ours", comparison.Ours);
        Append(text, "unbound", comparison.Unbound);
        if (comparison.Delv is { } delv)
        {
            Append(text, "delv", delv);
        }

        text.Append(CultureInfo.InvariantCulture, $"explanation: {comparison.Explanation ?? "none: unexplained"}\n");
        text.Append("zones:\n");
        foreach (ZoneSpec zone in spec.Zones)
        {
            string denial = zone.Denial?.Describe() ?? "unsigned";
            string keys = string.Join(", ", zone.Keys.Select(k => $"{k.Id} alg {(int)k.Algorithm}" + (k.Signs ? "" : " published") + (k.Revoked ? " revoked" : "") + (k.InDs ? " ds" : "")));
            text.Append(CultureInfo.InvariantCulture, $"  {zone.Name,-28} {AddressPlan.Authority(hierarchy.Slot, zone.Octet),-14} {denial,-28} {keys}\n");
        }

        if (validator is not null)
        {
            string name = comparison.Question.Name.TrimEnd('.');
            string[] lines = [.. validator.Log.Split('\n').Where(l => l.Contains(name, StringComparison.OrdinalIgnoreCase)).TakeLast(20)];
            text.Append("unbound's log about the name:\n");
            foreach (string line in lines)
            {
                text.Append("  ").Append(line).Append('\n');
            }
        }

        text.Append("reproduce: serve signed/ as the campaign does (see README.md) or rerun the campaign with --seed ")
            .Append(campaignSeed.ToString(CultureInfo.InvariantCulture)).Append(" --first ").Append(spec.Number.ToString(CultureInfo.InvariantCulture)).Append(" --hierarchies 1\n");
        return text.ToString();
    }

    private static void Append(StringBuilder text, string who, Verdict verdict)
    {
        text.Append(CultureInfo.InvariantCulture, $"{who,-8} {verdict.Summary}: {verdict.Reason}\n");
        foreach (string record in verdict.Answer)
        {
            text.Append("           ").Append(record).Append('\n');
        }
    }
}
