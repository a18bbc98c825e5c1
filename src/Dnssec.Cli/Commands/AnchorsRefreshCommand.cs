using System.CommandLine;
using System.Net;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec anchors refresh --state STATE [--server IP[:PORT]]…`: queries each tracked zone's DNSKEY RRset with its
/// RRSIGs, takes one RFC 5011 step per zone and writes the new state under the store's lock.
/// </summary>
internal static class AnchorsRefreshCommand
{
    private const string Name = "dnssec anchors refresh";

    public static Command Create()
    {
        var state = AnchorsCommand.StateOption();
        var servers = new Option<string[]>("--server") { Description = "A recursive upstream, IP[:PORT]; repeat for several (default: the name servers of /etc/resolv.conf)." };
        var time = new Option<string?>("--time") { Description = "Take the step as of this time: ISO 8601, YYYYMMDDHHmmSS or Unix seconds (default: now)." };
        var command = new Command("refresh", "Query each tracked zone's DNSKEY RRset, apply RFC 5011 and save the new key states.")
        {
            state, servers, time,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(state)!, result.GetValue(servers) ?? [], result.GetValue(time), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo state, string[] serverTexts, string? timeText, CancellationToken cancellationToken)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (timeText is not null && !TimeArgument.TryParse(timeText, out now))
        {
            Console.Error.WriteLine($"{Name}: --time '{timeText}' is not a time (use ISO 8601, YYYYMMDDHHmmSS or Unix seconds)");
            return ExitCodes.UsageOrIo;
        }

        IReadOnlyList<IPEndPoint>? servers = Servers(serverTexts);
        AnchorStateResult? loaded = servers is null ? null : await AnchorsCommand.LoadAsync("refresh", state, cancellationToken).ConfigureAwait(false);
        if (servers is null || loaded is null)
        {
            return ExitCodes.UsageOrIo;
        }

        var fetched = new Dictionary<DnsName, Fetched>();
        using (var transport = new DnsTransport())
        {
            foreach (TrustPoint trustPoint in loaded.TrustPoints)
            {
                fetched[trustPoint.Zone] = await FetchAsync(transport, servers, trustPoint.Zone, cancellationToken).ConfigureAwait(false);
            }
        }

        var tracker = new TrustPointTracker(timeText is null ? TimeProvider.System : new FixedTimeProvider(now));
        var updates = new List<TrustPointUpdate>();
        AnchorStateResult saved = await new AnchorStateStore(state.FullName).UpdateAsync(
            current => [.. current.Select(trustPoint => Step(tracker, trustPoint, fetched, updates))],
            cancellationToken).ConfigureAwait(false);
        if (!saved.IsSuccess)
        {
            Console.Error.WriteLine($"{Name}: {saved.Reason}; the state file was not changed");
            return ExitCodes.UsageOrIo;
        }

        return Report(updates, fetched);
    }

    private static TrustPoint Step(TrustPointTracker tracker, TrustPoint trustPoint, Dictionary<DnsName, Fetched> fetched, List<TrustPointUpdate> updates)
    {
        // A zone another process added after the query was sent is left for the next refresh.
        if (!fetched.TryGetValue(trustPoint.Zone, out Fetched? answer))
        {
            return trustPoint;
        }

        TrustPointUpdate update = answer.Failure is null
            ? tracker.Update(trustPoint, answer.Dnskeys, answer.Rrsigs)
            : tracker.RefreshFailed(trustPoint, answer.Failure);
        updates.Add(update);
        return update.TrustPoint;
    }

    private static int Report(List<TrustPointUpdate> updates, Dictionary<DnsName, Fetched> fetched)
    {
        foreach (TrustPointUpdate update in updates)
        {
            Console.Out.WriteLine($"{update.TrustPoint.Zone}: {update.Outcome}: {update.Reason}; next refresh {AnchorsCommand.FormatTime(update.TrustPoint.NextRefresh)}");
            foreach (TrustPointEvent trustPointEvent in update.Events)
            {
                Console.Out.WriteLine($"  {trustPointEvent.Kind}: {trustPointEvent.Description}");
            }
        }

        if (updates.Exists(u => u.Outcome == TrustPointOutcome.NoUsableAnchor))
        {
            return AnchorsCommand.Unusable;
        }

        if (fetched.Values.Any(f => f.Failure is not null))
        {
            return ExitCodes.UsageOrIo;
        }

        return updates.Exists(u => u.Outcome == TrustPointOutcome.NotValidated) ? AnchorsCommand.Refused : ExitCodes.Success;
    }

    private static IReadOnlyList<IPEndPoint>? Servers(string[] serverTexts)
    {
        var servers = new List<IPEndPoint>();
        foreach (string text in serverTexts)
        {
            if (!UpstreamArguments.TryParseServer(text, out IPEndPoint? server))
            {
                Console.Error.WriteLine($"{Name}: --server '{text}' is not IP[:PORT]");
                return null;
            }

            servers.Add(server);
        }

        if (servers.Count > 0)
        {
            return servers;
        }

        IReadOnlyList<IPEndPoint> fromResolvConf;
        try
        {
            fromResolvConf = ResolvConf.Load().NameServers;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"{Name}: {exception.Message}");
            return null;
        }

        if (fromResolvConf.Count == 0)
        {
            Console.Error.WriteLine($"{Name}: /etc/resolv.conf names no server; give --server");
            return null;
        }

        return fromResolvConf;
    }

    private static async Task<Fetched> FetchAsync(DnsTransport transport, IReadOnlyList<IPEndPoint> servers, DnsName zone, CancellationToken cancellationToken)
    {
        string failure = "no server was asked";
        foreach (IPEndPoint server in servers)
        {
            // CD=1 and DO=1: the tracker judges the RRSIGs itself, so the upstream's own validation must not hide them.
            TransportResponse response = await transport.QueryAsync(server, new DnsQuestion(zone, RecordType.DNSKEY), QueryOptions.Recursive, cancellationToken).ConfigureAwait(false);
            if (response.Message is not { ResponseCode: DnsResponseCode.NoError } message)
            {
                failure = response.Message is null ? $"{server}: {response.Detail}" : $"{server}: {response.Message.ResponseCode}";
                continue;
            }

            DnsRecord[] dnskeys = [.. message.Answers.Where(r => r.Type == RecordType.DNSKEY && r.Owner.Equals(zone))];
            DnsRecord[] rrsigs = [.. message.Answers.Where(r => r.Type == RecordType.RRSIG && r.Owner.Equals(zone) && RrsigData.From(r).TypeCovered == RecordType.DNSKEY)];
            if (dnskeys.Length > 0)
            {
                return new Fetched(dnskeys, rrsigs, null);
            }

            failure = $"{server}: no DNSKEY records for {zone}";
        }

        return new Fetched([], [], $"the DNSKEY query failed ({failure})");
    }

    /// <summary>A zone's DNSKEY RRset and its RRSIGs as received, or why none was received.</summary>
    private sealed record Fetched(IReadOnlyList<DnsRecord> Dnskeys, IReadOnlyList<DnsRecord> Rrsigs, string? Failure);
}
