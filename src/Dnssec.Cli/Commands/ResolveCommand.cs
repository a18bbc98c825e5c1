using System.CommandLine;
using System.Text.Json;
using Dnssec.Presentation;
using Dnssec.Resolver;
using Dnssec.TrustAnchors;
using Dnssec.Validation;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec resolve NAME [TYPE]`: resolves, validates and explains the chain of trust zone by zone, like delv +vtrace.</summary>
internal static class ResolveCommand
{
    private const string Name = "dnssec resolve";

    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The domain name to resolve." };
        var type = new Argument<string>("type") { Description = "The record type (default A).", DefaultValueFactory = _ => "A" };
        var upstream = new UpstreamArguments(Name);
        var anchors = new Option<FileInfo?>("--anchors") { Description = "Trust anchors: DS or DNSKEY lines, or root-anchors.xml (default: the shipped root anchor)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var insecureDomains = new Option<string[]>("--domain-insecure") { Description = "ZONE: treat names in ZONE as insecure, a negative trust anchor (RFC 7646, Unbound's domain-insecure); for private zones the public DNS denies." };
        var anchorState = new Option<FileInfo?>("--anchor-state") { Description = "An RFC 5011 state file ('dnssec anchors import' makes one): validate with its tracked keys, which override --anchors at and below their zones, after refreshing those that are due; warns on stderr when the anchors are not healthy." };
        var command = new Command("resolve", "Resolve a name, prove the answer with DNSSEC, and explain the chain of trust.")
        {
            // In the order of the help users know; the upstream options are shared with other commands.
            name, type, upstream.Servers, upstream.Iterative, upstream.Hints, anchors, upstream.AuthorityPort, json, upstream.ForwardZones, upstream.StubZones, upstream.NoAggressiveNsec, insecureDomains, anchorState,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result, upstream, result.GetValue(name)!, result.GetValue(type)!, result.GetValue(anchors), result.GetValue(json), result.GetValue(insecureDomains) ?? [], result.GetValue(anchorState), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult result, UpstreamArguments upstream, string nameText, string typeText, FileInfo? anchorFile, bool json, string[] insecureDomains, FileInfo? anchorState, CancellationToken cancellationToken)
    {
        TextWriter error = Console.Error;
        if (!NameArgument.TryParse(nameText, $"{Name}:", "domain name", error, out DnsName? name))
        {
            return ExitCodes.UsageOrIo;
        }

        if (!Mnemonics.TryParseRecordType(typeText, out RecordType type))
        {
            error.WriteLine($"{Name}: '{typeText}' is not a record type");
            return ExitCodes.UsageOrIo;
        }

        var options = new ResolverOptions();
        if (!upstream.TryApply(result, options, error))
        {
            return ExitCodes.UsageOrIo;
        }

        foreach (string text in insecureDomains)
        {
            if (!DnsName.TryParse(text, out _))
            {
                error.WriteLine($"{Name}: --domain-insecure '{text}' is not a domain name");
                return ExitCodes.UsageOrIo;
            }
        }

        try
        {
            if (anchorFile is not null || insecureDomains.Length > 0)
            {
                TrustAnchorSet set = anchorFile is null ? TrustAnchorSet.CreateWithRootAnchor() : new TrustAnchorSet();
                if (anchorFile is not null)
                {
                    set.Add(TrustAnchorFile.Load(anchorFile.FullName, DateTimeOffset.UtcNow));
                }

                foreach (string zone in insecureDomains)
                {
                    // RFC 7646 §2: a negative anchor is meant to be temporary; for one command, a day is enough.
                    set.AddNegative(new NegativeTrustAnchor(DnsName.Parse(zone), DateTimeOffset.UtcNow.AddDays(1)));
                }

                options.TrustAnchors = set;
            }

            if (anchorState is not null)
            {
                // One command, one refresh: what is due is refreshed here, before the question, not by a background timer.
                options.AnchorStatePath = anchorState.FullName;
                options.RefreshAnchorsInBackground = false;
            }

            await using var resolver = new DnssecResolver(options);
            if (resolver.Anchors is { } tracked)
            {
                await RefreshAnchorsAsync(tracked, error, cancellationToken);
            }

            DnssecAnswer answer = await resolver.ResolveAsync(name, type, cancellationToken);
            if (json)
            {
                using Stream stream = Console.OpenStandardOutput();
                using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
                AnswerPrinter.WriteJson(writer, answer);
                writer.Flush();
                stream.WriteByte((byte)'\n');
            }
            else
            {
                AnswerPrinter.WriteText(Console.Out, answer);
            }

            return answer.Status switch
            {
                SecurityStatus.Secure => ExitCodes.Success,
                SecurityStatus.Insecure => ExitCodes.Invalid,
                _ => ExitCodes.Bogus,
            };
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException)
        {
            error.WriteLine($"{Name}: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    /// <summary>Refreshes the tracked trust points that are due and warns, on stderr, of what keeps the anchors from being healthy.</summary>
    private static async Task RefreshAnchorsAsync(TrustAnchorMaintainer tracked, TextWriter error, CancellationToken cancellationToken)
    {
        await tracked.RefreshDueAsync(cancellationToken);
        if (tracked.StateError is { } notWritten)
        {
            error.WriteLine($"{Name}: the trust anchor state was not written: {notWritten}");
        }

        AnchorHealth health = tracked.Health;
        if (health.Status != AnchorHealthStatus.Healthy)
        {
            foreach (string finding in health.Findings)
            {
                error.WriteLine($"{Name}: trust anchors {health.Status}: {finding}");
            }
        }
    }
}
