using System.CommandLine;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec anchors refresh --state STATE [upstream options]`: asks for each tracked zone's DNSKEY RRset by the path
/// `resolve` would take with the same options, takes one RFC 5011 step per zone and writes the new state under the
/// store's lock — all through <see cref="DnssecResolver.Anchors"/>, so the command and a tracking resolver agree.
/// </summary>
internal static class AnchorsRefreshCommand
{
    private const string Name = "dnssec anchors refresh";

    public static Command Create()
    {
        var state = AnchorsCommand.StateOption();
        var upstream = new UpstreamArguments(Name);
        var time = new Option<string?>("--time") { Description = "Take the step as of this time: ISO 8601, YYYYMMDDHHmmSS or Unix seconds (default: now)." };
        var command = new Command("refresh", "Query each tracked zone's DNSKEY RRset (through the upstreams, or iteratively, as resolve would), apply RFC 5011 and save the new key states. Exit status: 0 every zone validated, 1 a zone has no usable anchor, 2 an answer did not validate, 3 usage or I/O error, no answer, or the state file could not be read or written.")
        {
            state,
        };
        upstream.AddTo(command);
        command.Options.Add(time);
        command.SetAction((result, cancellationToken) => RunAsync(result, upstream, result.GetValue(state)!, result.GetValue(time), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, UpstreamArguments upstream, FileInfo state, string? timeText, CancellationToken cancellationToken)
    {
        TextWriter error = Console.Error;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (timeText is not null && !TimeArgument.TryParse(timeText, out now))
        {
            error.WriteLine($"{Name}: --time '{timeText}' is not a time (use ISO 8601, YYYYMMDDHHmmSS or Unix seconds)");
            return ExitCodes.UsageOrIo;
        }

        var options = new ResolverOptions { AnchorStatePath = state.FullName, RefreshAnchorsInBackground = false };
        if (!upstream.TryApply(result, options, error))
        {
            return ExitCodes.UsageOrIo;
        }

        try
        {
            await using var resolver = new DnssecResolver(options, timeProvider: timeText is null ? null : new FixedTimeProvider(now));
            TrustAnchorMaintainer tracked = resolver.Anchors!;
            IReadOnlyList<TrustPointUpdate> updates = await tracked.RefreshAllAsync(cancellationToken);
            return Report(updates, tracked, error);
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            // InvalidDataException: the state file is missing, unreadable or corrupt; the message names it.
            error.WriteLine($"{Name}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    private static int Report(IReadOnlyList<TrustPointUpdate> updates, TrustAnchorMaintainer tracked, TextWriter error)
    {
        TextWriter output = Console.Out;
        foreach (TrustPointUpdate update in updates)
        {
            output.WriteLine($"{update.TrustPoint.Zone}: {update.Outcome}: {update.Reason}; next refresh {AnchorsCommand.FormatTime(update.TrustPoint.NextRefresh)}");
            foreach (TrustPointEvent trustPointEvent in update.Events)
            {
                output.WriteLine($"  {trustPointEvent.Kind}: {trustPointEvent.Description}");
            }
        }

        // A trust point with no trusted key is not queried: nothing could validate its answer.
        List<TrustPoint> unusable = [.. tracked.TrustPoints.Where(p => !p.HasUsableAnchor && !updates.Any(u => u.TrustPoint.Zone.Equals(p.Zone)))];
        foreach (TrustPoint trustPoint in unusable)
        {
            output.WriteLine($"{trustPoint.Zone}: {TrustPointOutcome.NoUsableAnchor}: no key of {trustPoint.Zone} is trusted, so its DNSKEY RRset was not queried and nothing below it can be validated; import a new anchor");
        }

        if (tracked.StateError is { } notWritten)
        {
            error.WriteLine($"{Name}: {notWritten}; the state file was not changed");
        }

        if (unusable.Count > 0 || updates.Any(u => u.Outcome == TrustPointOutcome.NoUsableAnchor))
        {
            return AnchorsCommand.Unusable;
        }

        if (tracked.StateError is not null || updates.Any(u => u.Outcome == TrustPointOutcome.NoAnswer))
        {
            return ExitCodes.UsageOrIo;
        }

        return updates.Any(u => u.Outcome == TrustPointOutcome.NotValidated) ? AnchorsCommand.Refused : ExitCodes.Success;
    }
}
