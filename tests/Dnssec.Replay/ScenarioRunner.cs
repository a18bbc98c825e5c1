using System.Text;
using Dnssec.Resolver;
using Dnssec.Server;
using Dnssec.Wire;
using Microsoft.Extensions.Time.Testing;

namespace Dnssec.Replay;

/// <summary>
/// Plays a scenario against the real <see cref="DnssecResolver"/>: the network is a <see cref="CannedTransport"/>, the
/// clock a fake pinned to val-override-date and moved by TIME_PASSES, each QUERY is resolved and turned into the
/// response a validating recursive server gives (<see cref="ResponseBuilder"/>), and each CHECK_ANSWER compares the
/// oldest unchecked response with <see cref="AnswerComparer"/>.
/// </summary>
public static class ScenarioRunner
{
    /// <summary>Reads and plays the scenario in <paramref name="path"/>; a file that cannot be read or played is a failure, not an exception.</summary>
    public static async Task<ScenarioResult> RunFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ReplayScenario scenario;
        try
        {
            scenario = ScenarioParser.ParseFile(path);
        }
        catch (Exception e) when (e is FormatException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return new ScenarioResult { Path = path, Failure = $"cannot read: {e.Message}" };
        }

        return await RunAsync(scenario, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Plays <paramref name="scenario"/>.</summary>
    public static async Task<ScenarioResult> RunAsync(ReplayScenario scenario, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ScenarioSetup setup;
        try
        {
            setup = ScenarioSetup.Create(scenario);
        }
        catch (Exception e) when (e is FormatException or IOException or NotSupportedException or Presentation.ZoneFileException)
        {
            return new ScenarioResult { Path = scenario.Path, Failure = $"config: {e.Message}" };
        }

        try
        {
            return await PlayAsync(scenario, setup, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (setup.StateFolder is not null)
            {
                Directory.Delete(setup.StateFolder, recursive: true);
            }
        }
    }

    private static async Task<ScenarioResult> PlayAsync(ReplayScenario scenario, ScenarioSetup setup, CancellationToken cancellationToken)
    {
        var time = new FakeTimeProvider(setup.Start);
        var transport = new CannedTransport(scenario);
        var answers = new Queue<(DnsMessage Response, DnssecAnswer Answer)>();
        List<string> notes = [.. setup.Notes];
        if (scenario.Steps.Any(s => s.Kind == ReplayStepKind.Query && s.Entry!.Message.Flags.HasFlag(DnsHeaderFlags.CheckingDisabled)))
        {
            notes.Add("CD queries are resolved with validation: bogus data would be SERVFAIL where Unbound hands it out unchecked");
        }

        await using var resolver = new DnssecResolver(setup.Resolver, timeProvider: time, transport: transport);
        var refreshes = new List<string>();
        if (resolver.Anchors is { } tracked)
        {
            tracked.Changed += (_, update) => refreshes.Add($"refresh at {time.GetUtcNow().ToUnixTimeSeconds()}: {update.Outcome}: {update.Reason}");
        }

        var variables = new Dictionary<string, long>(StringComparer.Ordinal);
        // ${timeout} is the wait until the next timer, which here is the next RFC 5011 refresh.
        var macros = new ReplayMacros(variables, () => time.GetUtcNow().ToUnixTimeSeconds(), () => resolver.Anchors?.NextRefresh is { } next ? Math.Max(0, (long)(next - time.GetUtcNow()).TotalSeconds) : null);
        for (int i = 0; i < scenario.Steps.Count; i++)
        {
            ReplayStep step = scenario.Steps[i];
            try
            {
                switch (step.Kind)
                {
                    case ReplayStepKind.Query:
                        // Unbound's runner answers a query's traffic once it has moved on to the next step.
                        transport.Step = i + 1 < scenario.Steps.Count ? scenario.Steps[i + 1].Number : step.Number;
                        DnsMessage query = step.Entry!.Message;
                        if (query.Questions.Count != 1)
                        {
                            return Fail(scenario, notes, step, "the query must hold one question");
                        }

                        DnsQuestion question = query.Questions[0];
                        DnssecAnswer answer = await resolver.ResolveAsync(question.Name, question.Type, cancellationToken).ConfigureAwait(false);
                        answers.Enqueue((ResponseBuilder.Build(query, answer, setup.Response), answer));
                        break;
                    case ReplayStepKind.CheckAnswer:
                        if (!answers.TryDequeue(out var pending))
                        {
                            return Fail(scenario, notes, step, "no answer is waiting to be checked");
                        }

                        if (AnswerComparer.Compare(step.Entry!, pending.Response) is { } difference)
                        {
                            var detail = new StringBuilder();
                            detail.Append("expected: ").Append(AnswerComparer.Describe(step.Entry!.Message));
                            detail.Append("came:     ").Append(AnswerComparer.Describe(pending.Response));
                            detail.Append($"resolver: {pending.Answer.Status} ({pending.Answer.Path}): {pending.Answer.Reason}").AppendLine();
                            foreach (string exchange in transport.Log)
                            {
                                detail.Append("  ").AppendLine(exchange);
                            }

                            return Fail(scenario, notes, step, difference, detail.ToString());
                        }

                        break;
                    case ReplayStepKind.TimePasses:
                        time.Advance(step.Expression is { } seconds ? TimeSpan.FromSeconds(macros.Evaluate(seconds)) : step.Elapse);
                        // As in testbound, timers that came due while time passed fire now: the RFC 5011 refreshes.
                        await RefreshDueAsync(resolver, transport, step, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReplayStepKind.Traffic:
                        await RefreshDueAsync(resolver, transport, step, cancellationToken).ConfigureAwait(false);
                        break;
                    case ReplayStepKind.Assign:
                        variables[step.Variable!] = macros.Evaluate(step.Expression!);
                        break;
                    case ReplayStepKind.CheckAutotrust:
                        if (setup.StateFolder is null)
                        {
                            return Fail(scenario, notes, step, "the scenario has no AUTOTRUST_FILE to check");
                        }

                        IReadOnlyList<string> expected = [.. step.ExpectedFile.Select(macros.Expand)];
                        DnsName zone = setup.AutotrustZones.TryGetValue(step.AutotrustName!, out DnsName? named) ? named : DnsName.Parse(step.AutotrustName!);
                        if (AutotrustState.Compare(zone, expected, setup.StateFolder) is { } mismatch)
                        {
                            string detail = $"expected:\n{string.Join('\n', expected)}\nstate, as Unbound's file:\n{AutotrustState.Describe(zone, setup.StateFolder)}";
                            return Fail(scenario, notes, step, mismatch, detail + string.Concat(refreshes.Concat(transport.Log).Select(l => "  " + l + "\n")));
                        }

                        break;
                    default:
                        return Fail(scenario, notes, step, $"{step.Keyword} steps are not supported by this runner");
                }
            }
            catch (Exception e) when (e is NotSupportedException or FormatException)
            {
                return Fail(scenario, notes, step, e.Message, string.Concat(refreshes.Concat(transport.Log).Select(l => "  " + l + "\n")));
            }
        }

        return new ScenarioResult { Path = scenario.Path, Notes = notes };
    }

    private static async Task RefreshDueAsync(DnssecResolver resolver, CannedTransport transport, ReplayStep step, CancellationToken cancellationToken)
    {
        if (resolver.Anchors is { } anchors)
        {
            // Probes are answered by the ranges of the step being played, as testbound answers a timer's traffic.
            transport.Step = step.Number;
            await anchors.RefreshDueAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static ScenarioResult Fail(ReplayScenario scenario, IReadOnlyList<string> notes, ReplayStep step, string what, string? detail = null) =>
        new() { Path = scenario.Path, Failure = $"{step}: {what}", Detail = detail, Notes = notes };
}
