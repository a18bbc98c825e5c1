using System.CommandLine;
using System.Text.Json;
using Dnssec.TrustAnchors;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec anchors status --state STATE`: every tracked zone and key with its RFC 5011 state and timers, whether the anchors are usable, and their health.</summary>
internal static class AnchorsStatusCommand
{
    public static Command Create()
    {
        var state = AnchorsCommand.StateOption();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("status", "Show each tracked zone and key: state, first seen, last change, hold-down end, last and next refresh; then the health (Healthy, Degraded or Unusable) and what makes it so.\nExit status: 0 every tracked zone has a usable anchor, 1 a zone has none, 3 usage or I/O error.")
        {
            state, json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(state)!, result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo state, bool json, CancellationToken cancellationToken)
    {
        AnchorStateResult? loaded = await AnchorsCommand.LoadAsync("status", state, cancellationToken, json).ConfigureAwait(false);
        if (loaded is null)
        {
            return ExitCodes.UsageOrIo;
        }

        bool usable = loaded.TrustPoints.Count > 0 && loaded.TrustPoints.All(t => t.HasUsableAnchor);
        // Judged as a tracking resolver would judge it now: a refresh older than the add hold-down may miss a key roll.
        AnchorHealth health = AnchorHealth.Assess(loaded.TrustPoints, DateTimeOffset.UtcNow, TrustPointTracker.DefaultAddHoldDown);
        if (json)
        {
            WriteJson(loaded.TrustPoints, usable, health);
        }
        else
        {
            WriteText(loaded.TrustPoints, usable, health);
        }

        return usable ? ExitCodes.Success : AnchorsCommand.Unusable;
    }

    // The tracker's own deadlines, with the hold-downs refresh uses.
    private static readonly TrustPointTracker Tracker = new();

    private static string StateName(TrackedKey key) => key.State.ToString().ToUpperInvariant();

    private static byte Algorithm(TrackedKey key) => key.Dnskey.Data.Span[3];

    private static void WriteText(IReadOnlyList<TrustPoint> trustPoints, bool usable, AnchorHealth health)
    {
        TextWriter output = Console.Out;
        foreach (TrustPoint trustPoint in trustPoints)
        {
            output.WriteLine($"zone {trustPoint.Zone} last-refresh={AnchorsCommand.FormatTime(trustPoint.LastRefresh)} next-refresh={AnchorsCommand.FormatTime(trustPoint.NextRefresh)} {(trustPoint.HasUsableAnchor ? "usable" : "UNUSABLE: no trusted key")}");
            foreach (TrackedKey key in trustPoint.Keys)
            {
                string extra = Tracker.AcceptanceTime(key) is { } end ? $" hold-down-end={AnchorsCommand.FormatTime(end)}"
                    : Tracker.RemovalTime(key) is { } removal ? $" removal={AnchorsCommand.FormatTime(removal)}" : "";
                output.WriteLine($"  key {key.KeyTag} algorithm {Algorithm(key)} {StateName(key)} first-seen={AnchorsCommand.FormatTime(key.FirstSeen)} last-change={AnchorsCommand.FormatTime(key.LastChange)}{extra}");
            }
        }

        output.WriteLine(usable ? "The anchors are usable." : "The anchors are NOT usable: a tracked zone has no trusted key.");
        output.WriteLine($"health: {health.Status}");
        foreach (string finding in health.Findings)
        {
            output.WriteLine($"  {finding}");
        }
    }

    private static void WriteJson(IReadOnlyList<TrustPoint> trustPoints, bool usable, AnchorHealth health)
    {
        using var stream = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stream, CliJson.WriterOptions);
        writer.WriteStartObject();
        CliJson.WriteSchemaVersion(writer);
        writer.WriteBoolean("usable", usable);
        writer.WriteStartArray("zones");
        foreach (TrustPoint trustPoint in trustPoints)
        {
            writer.WriteStartObject();
            writer.WriteString("zone", trustPoint.Zone.ToString());
            writer.WriteBoolean("usable", trustPoint.HasUsableAnchor);
            WriteTime(writer, "lastRefresh", trustPoint.LastRefresh);
            WriteTime(writer, "nextRefresh", trustPoint.NextRefresh);
            writer.WriteStartArray("keys");
            foreach (TrackedKey key in trustPoint.Keys)
            {
                writer.WriteStartObject();
                writer.WriteNumber("tag", key.KeyTag);
                writer.WriteNumber("algorithm", Algorithm(key));
                writer.WriteString("state", StateName(key));
                WriteTime(writer, "firstSeen", key.FirstSeen);
                WriteTime(writer, "lastChange", key.LastChange);
                WriteTime(writer, "holdDownEnd", Tracker.AcceptanceTime(key));
                WriteTime(writer, "removal", Tracker.RemovalTime(key));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteStartObject("health");
        writer.WriteString("status", health.Status.ToString());
        writer.WriteStartArray("findings");
        foreach (string finding in health.Findings)
        {
            writer.WriteStringValue(finding);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteTime(Utf8JsonWriter writer, string name, DateTimeOffset? time)
    {
        if (time is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, AnchorsCommand.FormatTime(time));
        }
    }
}
