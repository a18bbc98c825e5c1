using System.Globalization;
using System.Text.Json;
using Dnssec.Differential.Asking;
using Dnssec.Differential.Building;
using Dnssec.Differential.Comparison;
using Dnssec.Differential.Generation;
using Dnssec.Differential.Oracles;
using Dnssec.Differential.Questions;
using Dnssec.Differential.Serving;

namespace Dnssec.Differential.Triage;

/// <summary>
/// Shrinks an unexplained disagreement to the smallest hierarchy and mutation set that still gives it: each step
/// rebuilds the hierarchy without one mutation, one zone (with the zones below it), one RRset or one extra key, serves
/// it alone, asks the question (after the questions asked before it, when the question alone does not disagree, since
/// the oracles' caches may be part of the cause), and keeps the removal when ours and the oracle still say what they
/// said. Greedy and bounded by a number of rebuilds.
/// </summary>
public sealed class Shrinker(HierarchyBuilder builder, RunFile runFile, string work, TextWriter log)
{
    /// <summary>The slot the shrinker serves its hierarchy in (the batches are stopped by then).</summary>
    private const int Slot = 0;

    private int _attempts;

    /// <summary>
    /// Shrinks the disagreement of <paramref name="comparison"/> (ours against <paramref name="oracle"/>) in
    /// <paramref name="spec"/>, whose questions were <paramref name="questions"/>; returns the smallest spec found, the
    /// questions it needs asked, and the comparison there, or null when the disagreement does not come back alone.
    /// </summary>
    public async Task<ShrinkResult?> ShrinkAsync(HierarchySpec spec, IReadOnlyList<Question> questions, QuestionComparison comparison, string oracle, int budget, CancellationToken cancellationToken)
    {
        _attempts = 0;
        Question question = comparison.Question;
        int position = IndexOf(questions, question);
        List<Question> alone = [question];
        List<Question> before = [.. questions.Take(position + 1)];
        string signature = Signature(comparison, oracle);

        List<Question>? asked = null;
        QuestionComparison? found = null;
        foreach (List<Question> sequence in new[] { alone, before })
        {
            found = await ReproduceAsync(spec, sequence, comparison.Mode, oracle, signature, cancellationToken).ConfigureAwait(false);
            if (found is not null)
            {
                asked = sequence;
                break;
            }
        }

        if (found is null || asked is null)
        {
            log.WriteLine($"shrink: h{spec.Number} {question} {comparison.Mode}: does not come back in a hierarchy served alone");
            return null;
        }

        HierarchySpec current = spec;
        foreach (Func<HierarchySpec, IEnumerable<HierarchySpec>> candidates in new Func<HierarchySpec, IEnumerable<HierarchySpec>>[] { WithoutMutations, WithoutZones, WithoutExtraKeys, WithoutRecords })
        {
            bool progress = true;
            while (progress && _attempts < budget)
            {
                progress = false;
                foreach (HierarchySpec candidate in candidates(current))
                {
                    if (_attempts >= budget)
                    {
                        break;
                    }

                    if (await ReproduceAsync(candidate, asked, comparison.Mode, oracle, signature, cancellationToken).ConfigureAwait(false) is { } smaller)
                    {
                        current = candidate;
                        found = smaller;
                        progress = true;
                        break;
                    }
                }
            }
        }

        log.WriteLine($"shrink: h{spec.Number} {question} {comparison.Mode}: {spec.Zones.Count} zones and {spec.Mutations.Count} mutations down to {current.Zones.Count} and {current.Mutations.Count} in {_attempts} rebuilds");
        return new ShrinkResult(current, asked, found);
    }

    /// <summary>The outcomes that make the disagreement what it is: ours and the oracle's summaries.</summary>
    private static string Signature(QuestionComparison comparison, string oracle) =>
        comparison.Ours.Summary + " / " + (oracle == "delv" ? comparison.Delv!.Summary : comparison.Unbound.Summary);

    private static int IndexOf(IReadOnlyList<Question> questions, Question question)
    {
        for (int i = 0; i < questions.Count; i++)
        {
            if (questions[i] == question)
            {
                return i;
            }
        }

        return questions.Count - 1;
    }

    /// <summary>Builds and serves <paramref name="spec"/> alone, asks <paramref name="sequence"/>, and compares the last question.</summary>
    private async Task<QuestionComparison?> ReproduceAsync(HierarchySpec spec, List<Question> sequence, Mode mode, string oracle, string signature, CancellationToken cancellationToken)
    {
        _attempts++;
        string directory = Path.Combine(work, "shrink", string.Create(CultureInfo.InvariantCulture, $"h{spec.Number:D4}"));
        BuiltHierarchy built;
        try
        {
            built = await builder.BuildAsync(spec, Slot, directory, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            // A smaller hierarchy the signer will not take (a mutation left without its target): not a candidate.
            return null;
        }

        await using BatchServers servers = await BatchServers.StartAsync(Path.Combine(work, "shrink", "named"), [built], runFile, cancellationToken).ConfigureAwait(false);
        await using var ours = new OurResolvers(built);
        QuestionComparison? last = null;
        foreach (Question question in sequence)
        {
            Task<Verdict> unbound = UnboundOracle.AskAsync(AddressPlan.Validator(Slot), question, cancellationToken);
            Verdict verdict = await ours.AskAsync(question, mode, cancellationToken).ConfigureAwait(false);
            last = new QuestionComparison { Question = question, Mode = mode, Ours = verdict, Unbound = await unbound.ConfigureAwait(false) };
        }

        if (last is null)
        {
            return null;
        }

        if (oracle == "delv")
        {
            last.Delv = await DelvOracle.AskAsync(built, last.Question, cancellationToken).ConfigureAwait(false);
        }

        return !last.Agrees && Signature(last, oracle) == signature ? last : null;
    }

    private static IEnumerable<HierarchySpec> WithoutMutations(HierarchySpec spec)
    {
        for (int i = 0; i < spec.Mutations.Count; i++)
        {
            HierarchySpec copy = Copy(spec);
            copy.Mutations.RemoveAt(i);
            yield return copy;
        }
    }

    /// <summary>Each zone but the root removed with the zones below it, deepest first.</summary>
    private static IEnumerable<HierarchySpec> WithoutZones(HierarchySpec spec)
    {
        foreach (ZoneSpec zone in spec.Zones.Where(z => z.Parent is not null).OrderByDescending(z => z.Depth))
        {
            HierarchySpec copy = Copy(spec);
            copy.Zones.RemoveAll(z => Names.IsAtOrBelow(z.Name, zone.Name));
            copy.Mutations.RemoveAll(m => Names.IsAtOrBelow(m.Zone, zone.Name) && m.Zone != ".");
            yield return copy;
        }
    }

    /// <summary>Each key that is neither the zone's only KSK or CSK nor its only ZSK removed.</summary>
    private static IEnumerable<HierarchySpec> WithoutExtraKeys(HierarchySpec spec)
    {
        for (int z = 0; z < spec.Zones.Count; z++)
        {
            foreach (KeySpec key in spec.Zones[z].Keys.Where(k => k.Id is not ("csk" or "ksk" or "zsk")))
            {
                HierarchySpec copy = Copy(spec);
                copy.Zones[z].Keys.RemoveAll(k => k.Id == key.Id || k.SameTagAs == key.Id);
                yield return copy;
            }
        }
    }

    /// <summary>Each RRset of each zone's data removed.</summary>
    private static IEnumerable<HierarchySpec> WithoutRecords(HierarchySpec spec)
    {
        for (int z = 0; z < spec.Zones.Count; z++)
        {
            foreach ((string owner, string type) in spec.Zones[z].Records.Select(r => (r.Owner, r.Type)).Distinct().ToList())
            {
                HierarchySpec copy = Copy(spec);
                copy.Zones[z].Records.RemoveAll(r => r.Owner == owner && r.Type == type);
                yield return copy;
            }
        }
    }

    private static HierarchySpec Copy(HierarchySpec spec) =>
        JsonSerializer.Deserialize<HierarchySpec>(JsonSerializer.Serialize(spec, CaseWriter.Json), CaseWriter.Json)!;
}
