using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Dnssec.Differential.Asking;
using Dnssec.Differential.Building;
using Dnssec.Differential.Comparison;
using Dnssec.Differential.Generation;
using Dnssec.Differential.Oracles;
using Dnssec.Differential.Questions;
using Dnssec.Differential.Serving;
using Dnssec.Differential.Triage;

namespace Dnssec.Differential;

/// <summary>
/// A differential campaign: hierarchies generated from the seed, built and signed in batches, served by one named per
/// batch and two Unbounds and a mutating proxy per hierarchy, every question asked of the validating Unbound, of ours
/// in stub mode and (without targeted wire mutations) in iterative mode, and of delv on a sample and on every
/// disagreement; each disagreement triaged against explained-differences.txt and written as a case. One campaign runs
/// at a time per machine (a lock file); what a killed one left running is ended first.
/// </summary>
public sealed class Campaign(CampaignOptions options, TextWriter log)
{
    private static readonly string LockPath = Path.Combine(Path.GetTempPath(), "dnssec-differential.lock");
    private static readonly TimeSpan LockWait = TimeSpan.FromMinutes(30);

    private readonly CampaignResult _result = new();
    private readonly object _gate = new();
    private readonly List<string> _oracleDisagreements = [];
    private readonly SortedDictionary<string, int> _oracleGroups = new(StringComparer.Ordinal);
    private readonly List<string> _unexplained = [];
    private readonly List<(HierarchySpec Spec, List<Question> Questions, QuestionComparison Comparison, string Oracle, string CaseDirectory)> _toShrink = [];
    private ExplainedDifferences _explained = null!;
    private string _out = "";

    /// <summary>Runs the campaign and returns what it found; its summary and cases are in the output directory.</summary>
    public async Task<CampaignResult> RunAsync(CancellationToken cancellationToken)
    {
        Check();
        var clock = Stopwatch.StartNew();
        _out = options.Out is { } given ? Path.GetFullPath(given) : Directory.CreateTempSubdirectory("dnssec-differential-").FullName;
        Directory.CreateDirectory(_out);
        _explained = options.ExplainedDifferencesPath is { } path ? ExplainedDifferences.Load(path) : ExplainedDifferences.LoadShipped();
        using FileStream campaignLock = await AcquireLockAsync(cancellationToken).ConfigureAwait(false);
        await RunFile.CleanUpStaleAsync(cancellationToken).ConfigureAwait(false);
        string work = Path.Combine(_out, "work");
        var runFile = new RunFile(work);
        try
        {
            KeyPool pool = await KeyPool.CreateAsync(Path.Combine(work, "keypool"), options.Jobs, cancellationToken).ConfigureAwait(false);
            log.WriteLine($"key pool: {pool.Count} keys in {clock.Elapsed.TotalSeconds:F0} s");
            var builder = new HierarchyBuilder(pool);
            for (int first = options.First; first < options.First + options.Hierarchies; first += options.BatchSize)
            {
                int count = Math.Min(options.BatchSize, options.First + options.Hierarchies - first);
                await RunBatchAsync(builder, work, runFile, first, count, cancellationToken).ConfigureAwait(false);
                log.WriteLine($"hierarchies {first}-{first + count - 1} done after {clock.Elapsed.TotalSeconds:F0} s: {_result.ContractLine}");
            }

            await ShrinkAsync(builder, work, runFile, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            RunFile.Delete();
        }

        _result.Duration = clock.Elapsed;
        await WriteSummaryAsync(cancellationToken).ConfigureAwait(false);
        return _result;
    }

    private async Task RunBatchAsync(HierarchyBuilder builder, string work, RunFile runFile, int first, int count, CancellationToken cancellationToken)
    {
        var built = new BuiltHierarchy[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = options.Jobs, CancellationToken = cancellationToken }, async (slot, token) =>
        {
            HierarchySpec spec = options.SpecPath is { } path
                ? JsonSerializer.Deserialize<HierarchySpec>(await File.ReadAllTextAsync(path, token).ConfigureAwait(false), CaseWriter.Json) ?? throw new FormatException($"{path} holds no hierarchy")
                : HierarchyGenerator.Generate(options.Seed, first + slot);
            string directory = Path.Combine(work, string.Create(CultureInfo.InvariantCulture, $"h{spec.Number:D4}"));
            built[slot] = await builder.BuildAsync(spec, slot, directory, token).ConfigureAwait(false);
        }).ConfigureAwait(false);

        await using (BatchServers servers = await BatchServers.StartAsync(Path.Combine(work, "named"), built, runFile, cancellationToken).ConfigureAwait(false))
        {
            await Task.WhenAll(built.Select(h => AskHierarchyAsync(h, servers, cancellationToken))).ConfigureAwait(false);
            if (options.Hold)
            {
                foreach (BuiltHierarchy hierarchy in built)
                {
                    log.WriteLine($"h{hierarchy.Spec.Number} in {hierarchy.Directory}: validator {AddressPlan.Validator(hierarchy.Slot).Address}, proxy {AddressPlan.Proxy(hierarchy.Slot).Address}, upstream {AddressPlan.Upstream(hierarchy.Slot).Address}, root {hierarchy.RootServer}");
                }

                log.WriteLine("serving until a line is read from standard input");
                await Console.In.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (BuiltHierarchy hierarchy in built)
        {
            Directory.Delete(hierarchy.Directory, recursive: true);
        }
    }

    private async Task AskHierarchyAsync(BuiltHierarchy hierarchy, BatchServers servers, CancellationToken cancellationToken)
    {
        List<Question> questions = QuestionPlanner.Plan(hierarchy.Spec, options.QuestionsPerHierarchy);
        _result.Coverage.Add(hierarchy, questions);
        bool iterative = !hierarchy.Spec.HasWireMutation;
        var sample = new Random(hierarchy.Spec.Seed ^ 0xDE1F);
        await using var ours = new OurResolvers(hierarchy);
        var answers = new List<string> { $"# hierarchy {hierarchy.Spec.Number}, seed {hierarchy.Spec.Seed}, features: {string.Join(", ", HierarchyFeatures.Of(hierarchy.Spec))}" };
        answers.AddRange(hierarchy.Spec.Zones.Select(z => $"# zone {z.Name} {z.Denial?.Describe() ?? "unsigned"} {string.Join(", ", z.Keys.Select(k => $"{k.Id} alg {(int)k.Algorithm}"))}"));
        answers.AddRange(hierarchy.Applied.Select(m => $"# mutation {m}"));
        answers.AddRange(hierarchy.NotApplied.Select(m => $"# not applied: {m}"));
        answers.Add("question\tkind\tunbound\tstub\titerative\tdelv");
        int index = 0;
        foreach (Question question in questions)
        {
            index++;
            Task<Verdict> unbound = UnboundOracle.AskAsync(AddressPlan.Validator(hierarchy.Slot), question, cancellationToken);
            Task<Verdict> stub = ours.AskAsync(question, Mode.Stub, cancellationToken);
            Task<Verdict>? walk = iterative ? ours.AskAsync(question, Mode.Iterative, cancellationToken) : null;
            Verdict unboundVerdict = await unbound.ConfigureAwait(false);
            var comparisons = new List<QuestionComparison>
            {
                new() { Question = question, Mode = Mode.Stub, Ours = await stub.ConfigureAwait(false), Unbound = unboundVerdict },
            };
            if (walk is not null)
            {
                comparisons.Add(new QuestionComparison { Question = question, Mode = Mode.Iterative, Ours = await walk.ConfigureAwait(false), Unbound = unboundVerdict });
            }

            bool sampled = sample.NextDouble() < options.DelvSample;
            Verdict? delv = null;
            if (sampled || comparisons.Exists(c => !c.Agrees))
            {
                delv = await DelvOracle.AskAsync(hierarchy, question, cancellationToken).ConfigureAwait(false);
                foreach (QuestionComparison comparison in comparisons)
                {
                    comparison.Delv = delv;
                }
            }

            lock (_gate)
            {
                _result.Questions++;
                _result.Compared += comparisons.Count;
                if (delv is not null)
                {
                    _result.DelvAsked++;
                    if (!unboundVerdict.AgreesWith(delv, compareAnswers: false))
                    {
                        _result.OracleDisagreements++;
                        _oracleDisagreements.Add($"h{hierarchy.Spec.Number} {question} ({QuestionKinds.Name(question.Kind)}): unbound {unboundVerdict.Summary} ({unboundVerdict.Reason}), delv {delv.Summary} ({delv.Reason}); mutations: {string.Join("; ", hierarchy.Applied)}");
                        // Grouped by the two verdicts, the mutations and the features delv is known to read its own way.
                        string kinds = hierarchy.Applied.Count == 0 ? "none" : string.Join(", ", hierarchy.Applied.Select(m => MutationKinds.Name(m.Kind)).Distinct().Order(StringComparer.Ordinal));
                        string features = string.Join(", ", HierarchyFeatures.Of(hierarchy.Spec).Where(f => f is "colliding-keys" or "opt-out").Order(StringComparer.Ordinal));
                        string group = $"unbound {unboundVerdict.Outcome.ToString().ToLowerInvariant()}, delv {delv.Outcome.ToString().ToLowerInvariant()}; mutations: {kinds}; features: {(features.Length == 0 ? "-" : features)}";
                        _oracleGroups[group] = _oracleGroups.GetValueOrDefault(group) + 1;
                    }
                }
            }

            answers.Add($"{question}\t{QuestionKinds.Name(question.Kind)}\t{unboundVerdict.Summary}\t{comparisons[0].Ours.Summary}\t{(walk is null ? "-" : comparisons[1].Ours.Summary)}\t{delv?.Summary ?? "-"}");
            foreach (QuestionComparison comparison in comparisons.Where(c => !c.Agrees))
            {
                Triage(hierarchy, servers, comparison, index, questions);
            }
        }

        answers.Insert(1, $"# the proxy changed {servers.Proxy(hierarchy.Slot).Mutator.Applied} responses with a targeted wire mutation");

        // Every verdict, agreeing or not: what the campaign saw, for a look at any hierarchy afterwards.
        string directory = Path.Combine(_out, "answers");
        Directory.CreateDirectory(directory);
        await File.WriteAllLinesAsync(Path.Combine(directory, string.Create(CultureInfo.InvariantCulture, $"h{hierarchy.Spec.Number:D4}.tsv")), answers, cancellationToken).ConfigureAwait(false);
    }

    private void Triage(BuiltHierarchy hierarchy, BatchServers servers, QuestionComparison comparison, int index, List<Question> questions)
    {
        var mutations = new HashSet<string>(hierarchy.Applied.Select(m => MutationKinds.Name(m.Kind)), StringComparer.Ordinal);
        IReadOnlySet<string> features = HierarchyFeatures.Of(hierarchy.Spec);
        var explanations = new List<string>();
        bool explained = true;
        string? unexplainedOracle = null;
        foreach ((string oracle, Verdict? theirs, bool answers) in new[] { ("unbound", (Verdict?)comparison.Unbound, true), ("delv", comparison.Delv, false) })
        {
            if (theirs is null || comparison.Ours.AgreesWith(theirs, answers))
            {
                continue;
            }

            var facts = new DisagreementFacts(oracle, comparison.Ours.Summary, theirs.Summary, comparison.Mode.ToString().ToLowerInvariant(), mutations,
                QuestionKinds.Name(comparison.Question.Kind), comparison.Ours.Reason, theirs.Reason, features, comparison.Ours.AgreesWith(comparison.Unbound));
            if (comparison.Ours.Outcome == Outcome.Secure && theirs.Outcome == Outcome.Secure && comparison.Ours.Rcode == theirs.Rcode)
            {
                facts = facts with { Ours = "secure answer", Theirs = "secure answer" };
            }

            ExplanationRule? rule = _explained.Explain(facts);
            if (rule is null)
            {
                explained = false;
                unexplainedOracle ??= oracle;
            }
            else
            {
                explanations.Add(rule.Name);
            }
        }

        comparison.Explanation = explanations.Count > 0 ? string.Join(", ", explanations) + (explained ? "" : " (and an unexplained part)") : null;
        lock (_gate)
        {
            _result.Disagreements++;
            foreach (string name in explanations)
            {
                _result.Explanations[name] = _result.Explanations.GetValueOrDefault(name) + 1;
            }

            string path = CaseWriter.Write(Path.Combine(_out, "cases"), hierarchy, options.Seed, comparison, index, servers.Validator(hierarchy.Slot));
            if (!explained)
            {
                _result.Unexplained++;
                _unexplained.Add(path);
                if (!_toShrink.Exists(s => s.Spec.Number == hierarchy.Spec.Number && s.Comparison.Question == comparison.Question))
                {
                    _toShrink.Add((hierarchy.Spec, questions, comparison, unexplainedOracle!, Path.GetDirectoryName(path)!));
                }

                log.WriteLine($"unexplained: h{hierarchy.Spec.Number} {comparison.Question} {comparison.Mode}: ours {comparison.Ours.Summary} ({comparison.Ours.Reason}), unbound {comparison.Unbound.Summary} ({comparison.Unbound.Reason}){(comparison.Delv is { } d ? $", delv {d.Summary}" : "")} -> {path}");
            }
        }
    }

    /// <summary>Shrinks the first unexplained disagreements (one per hierarchy and question) and writes what is left beside their cases.</summary>
    private async Task ShrinkAsync(HierarchyBuilder builder, string work, RunFile runFile, CancellationToken cancellationToken)
    {
        if (options.ShrinkAttempts == 0)
        {
            return;
        }

        var shrinker = new Shrinker(builder, runFile, work, log);
        foreach ((HierarchySpec spec, List<Question> questions, QuestionComparison comparison, string oracle, string directory) in _toShrink.Take(options.MaxShrinks))
        {
            ShrinkResult? shrunk = await shrinker.ShrinkAsync(spec, questions, comparison, oracle, options.ShrinkAttempts, cancellationToken).ConfigureAwait(false);
            if (shrunk is null)
            {
                continue;
            }

            string target = Path.Combine(directory, $"shrunk-{comparison.Question.Name.TrimEnd('.')}-{comparison.Question.Type}-{comparison.Mode.ToString().ToLowerInvariant()}");
            Directory.CreateDirectory(target);
            await File.WriteAllTextAsync(Path.Combine(target, "spec.json"), JsonSerializer.Serialize(shrunk.Spec, CaseWriter.Json), cancellationToken).ConfigureAwait(false);
            await File.WriteAllLinesAsync(Path.Combine(target, "questions.txt"), shrunk.Questions.Select(q => $"{q.Name} {q.Type} {QuestionKinds.Name(q.Kind)}"), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(
                Path.Combine(target, "case.txt"),
                $"shrunk from hierarchy {spec.Number} (campaign seed {options.Seed}): {shrunk.Spec.Zones.Count} zones, mutations: {(shrunk.Spec.Mutations.Count == 0 ? "none" : string.Join("; ", shrunk.Spec.Mutations))}\n" +
                $"asked in order: {string.Join(", ", shrunk.Questions)}\nours ({comparison.Mode.ToString().ToLowerInvariant()}) {shrunk.Comparison.Ours.Summary}: {shrunk.Comparison.Ours.Reason}\n" +
                $"unbound {shrunk.Comparison.Unbound.Summary}: {shrunk.Comparison.Unbound.Reason}\n" +
                (shrunk.Comparison.Delv is { } delv ? $"delv {delv.Summary}: {delv.Reason}\n" : "") +
                $"zones: {string.Join(", ", shrunk.Spec.Zones.Select(z => z.Name))}\nreproduce: --spec {Path.Combine(target, "spec.json")} --seed {options.Seed} --hierarchies 1\n",
                cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WriteSummaryAsync(CancellationToken cancellationToken)
    {
        string coverage = _result.Coverage.Describe();
        await File.WriteAllTextAsync(Path.Combine(_out, "coverage.txt"), coverage, cancellationToken).ConfigureAwait(false);
        await File.WriteAllLinesAsync(Path.Combine(_out, "oracle-disagreements.txt"), _oracleDisagreements, cancellationToken).ConfigureAwait(false);
        var summary = new List<string>
        {
            $"seed {options.Seed}, hierarchies {options.First}-{options.First + options.Hierarchies - 1}, {_result.Questions} questions, delv asked {_result.DelvAsked}, duration {_result.Duration.TotalSeconds:F0} s",
            $"oracles disagreeing with each other (Unbound and delv): {_result.OracleDisagreements} (oracle-disagreements.txt), by verdicts, mutations and features:",
        };
        summary.AddRange(_oracleGroups.Select(g => $"  {g.Value,5}  {g.Key}"));
        summary.Add("explained disagreements by rule:");
        summary.AddRange(_result.Explanations.Select(e => $"  {e.Key}: {e.Value}"));
        summary.Add("unexplained cases:");
        summary.AddRange(_unexplained.Select(p => "  " + p));
        summary.Add(_result.ContractLine);
        await File.WriteAllLinesAsync(Path.Combine(_out, "summary.txt"), summary, cancellationToken).ConfigureAwait(false);
        log.Write(coverage);
        foreach (string line in summary.SkipLast(1))
        {
            log.WriteLine(line);
        }

        log.WriteLine($"output: {_out}");
    }

    /// <summary>Fails early, with what to do, when a tool or root is missing.</summary>
    private void Check()
    {
        if (options.Hierarchies < 1 || options.Jobs < 1 || options.BatchSize < 1 || options.BatchSize > AddressPlan.Slots || options.QuestionsPerHierarchy < 1 || options.First < 0)
        {
            throw new ArgumentException("--hierarchies, --jobs, --batch and --questions must be at least 1 (--batch at most 250) and --first at least 0");
        }

        if (options.SpecPath is not null && options.Hierarchies != 1)
        {
            throw new ArgumentException("--spec runs one hierarchy: give --hierarchies 1");
        }

        foreach (string tool in Tool.Required.Keys)
        {
            Tool.Find(tool);
        }

        if (!Environment.IsPrivilegedProcess)
        {
            throw new InvalidOperationException("a campaign needs root: it adds loopback aliases for named and binds port 53 (run it as root, as tests/run.sh runs the tests)");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(CancellationToken cancellationToken)
    {
        // FileShare.None takes an exclusive flock(2), which dies with the process that held it.
        DateTime deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                return new FileStream(LockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                // Another campaign holds the addresses; flock has no awaitable form, so try again shortly.
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException($"another campaign has held {LockPath} for {LockWait.TotalMinutes} minutes", e);
            }
        }
    }
}
