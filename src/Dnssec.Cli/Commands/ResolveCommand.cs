using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
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
        var name = new Argument<string?>("name") { Description = "The domain name to resolve (not with -x).", Arity = ArgumentArity.ZeroOrOne };
        var type = new Argument<string>("type") { Description = "The record type (default A).", DefaultValueFactory = _ => "A" };
        var upstream = new UpstreamArguments(Name);
        var anchors = new Option<FileInfo?>("--anchors") { Description = "Trust anchors: DS or DNSKEY lines, or root-anchors.xml (default: the shipped root anchor)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var insecureDomains = new Option<string[]>("--domain-insecure") { Description = "ZONE: treat names in ZONE as insecure, a negative trust anchor (RFC 7646, Unbound's domain-insecure); for private zones the public DNS denies." };
        var anchorState = new Option<FileInfo?>("--anchor-state") { Description = "An RFC 5011 state file ('dnssec anchors import' makes one): validate with its tracked keys, which override --anchors at and below their zones, after refreshing those that are due; warns on stderr when the anchors are not healthy." };
        var timeout = new Option<double?>("--timeout") { Description = "SECONDS: give up on the whole resolution after this long (exit 3); each server's wait is shortened to fit." };
        var reverse = new Option<string?>("-x") { Description = "ADDRESS: reverse lookup, the PTR records of an IPv4 (in-addr.arpa) or IPv6 (ip6.arpa) address, in place of NAME and TYPE." };
        var brief = new Option<bool>("--short") { Description = "Print only the data of the answer records, one per line, as dig +short; the verdict goes to stderr when it is not secure." };
        var command = new Command("resolve", "Resolve a name, prove the answer with DNSSEC, and explain the chain of trust.\n" + ExitStatus)
        {
            // In the order of the help users know; the upstream options are shared with other commands.
            name, type, upstream.Servers, upstream.TlsCa, upstream.TlsPins, upstream.Iterative, upstream.Hints, anchors, upstream.AuthorityPort, json, upstream.ForwardZones, upstream.StubZones, upstream.NoAggressiveNsec, upstream.NoQnameMinimisation, insecureDomains, anchorState,
            upstream.Tcp, upstream.NoFallback, upstream.IPv4, upstream.IPv6, timeout, reverse, brief,
        };
        command.SetAction((result, cancellationToken) =>
        {
            var output = new Output(result.GetValue(json), result.GetValue(brief));
            return RunAsync(result, upstream, result.GetValue(name), result.GetValue(type)!, result.GetValue(reverse), result.GetValue(anchors), output, result.GetValue(insecureDomains) ?? [], result.GetValue(anchorState), result.GetValue(timeout), cancellationToken);
        });
        return command;
    }

    /// <summary>The exit statuses, as DESIGN.md fixes them, for --help.</summary>
    public const string ExitStatus = "Exit status: 0 secure, 1 insecure, 2 bogus or indeterminate, 3 usage or I/O error (a --timeout that ran out included).";

    /// <summary>How the answer is printed: text, --json or --short.</summary>
    private readonly record struct Output(bool Json, bool Short);

    /// <summary>The PTR owner of <paramref name="address"/>: in-addr.arpa octets (RFC 1035 §3.5) or ip6.arpa nibbles (RFC 3596 §2.5), least significant first.</summary>
    public static string ReverseName(IPAddress address)
    {
        byte[] bytes = address.GetAddressBytes();
        var builder = new StringBuilder();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            for (int i = bytes.Length - 1; i >= 0; i--)
            {
                builder.Append(bytes[i].ToString(CultureInfo.InvariantCulture)).Append('.');
            }

            return builder.Append("in-addr.arpa.").ToString();
        }

        for (int i = bytes.Length - 1; i >= 0; i--)
        {
            builder.Append("0123456789abcdef"[bytes[i] & 0xF]).Append('.').Append("0123456789abcdef"[bytes[i] >> 4]).Append('.');
        }

        return builder.Append("ip6.arpa.").ToString();
    }

    private static async Task<int> RunAsync(ParseResult result, UpstreamArguments upstream, string? nameText, string typeText, string? reverse, FileInfo? anchorFile, Output output, string[] insecureDomains, FileInfo? anchorState, double? timeoutSeconds, CancellationToken cancellationToken)
    {
        TextWriter error = Console.Error;
        if (output.Json && output.Short)
        {
            return Fail(output, "usage", $"--json and --short exclude each other");
        }

        if (timeoutSeconds is { } seconds && !(seconds > 0 && seconds <= int.MaxValue / 1000))
        {
            return Fail(output, "usage", $"--timeout {seconds.ToString(CultureInfo.InvariantCulture)} is not a positive number of seconds");
        }

        if (reverse is not null)
        {
            if (nameText is not null)
            {
                return Fail(output, "usage", $"-x takes the place of NAME and TYPE; '{nameText}' is one too many");
            }

            if (!IPAddress.TryParse(reverse, out IPAddress? address) || address.AddressFamily is not (AddressFamily.InterNetwork or AddressFamily.InterNetworkV6))
            {
                return Fail(output, "usage", $"-x '{reverse}' is not an IPv4 or IPv6 address");
            }

            nameText = ReverseName(address);
            typeText = "PTR";
        }

        if (nameText is null)
        {
            return Fail(output, "usage", $"a NAME (or -x ADDRESS) is needed");
        }

        if (!DnsName.TryParseInternational(nameText, out DnsName? name, out string? why))
        {
            return Fail(output, "usage", $"'{nameText}' is not a domain name: {why}");
        }

        if (!Mnemonics.TryParseRecordType(typeText, out RecordType type))
        {
            return Fail(output, "usage", $"'{typeText}' is not a record type");
        }

        var options = new ResolverOptions();
        using var upstreamError = new StringWriter(CultureInfo.InvariantCulture);
        if (!upstream.TryApply(result, options, upstreamError))
        {
            // The shared options word their own messages, prefixed with the command's name.
            return Fail(output, "usage", upstreamError.ToString().Trim()[(Name.Length + 2)..]);
        }

        TimeSpan? limit = timeoutSeconds is { } whole ? TimeSpan.FromSeconds(whole) : null;
        if (limit is { } budget && (options.Timeout is null || options.Timeout > budget))
        {
            // A server's wait longer than the whole budget would spend it all on the first silent server.
            options.Timeout = budget;
        }

        foreach (string text in insecureDomains)
        {
            if (!DnsName.TryParse(text, out _))
            {
                return Fail(output, "usage", $"--domain-insecure '{text}' is not a domain name");
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

            DnssecAnswer answer;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                if (limit is { } total)
                {
                    deadline.CancelAfter(total);
                }

                try
                {
                    answer = await resolver.ResolveAsync(name, type, deadline.Token);
                }
                catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    return Fail(output, "timeout", $"{name} {Mnemonics.FormatRecordType(type)}: no answer within --timeout {timeoutSeconds!.Value.ToString(CultureInfo.InvariantCulture)} s");
                }
            }

            if (answer.Privacy == TransportPrivacy.Opportunistic)
            {
                // RFC 8310 §6.4: the opportunistic profile may be used, but not silently.
                error.WriteLine($"{Name}: warning: the question went over TLS to a server that was not authenticated (opportunistic profile); give the server's name as #AUTH-NAME or --tls-pin to authenticate it");
            }

            if (output.Short)
            {
                WriteShort(Console.Out, error, answer);
            }
            else if (output.Json)
            {
                using Stream stream = Console.OpenStandardOutput();
                using var writer = new Utf8JsonWriter(stream, CliJson.WriterOptions);
                AnswerPrinter.WriteJson(writer, answer, topLevel: true);
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
            return Fail(output, "io", exception.Message);
        }
    }

    /// <summary>The failure on stderr as always, and with --json also as JSON.md's error object on stdout; exit 3.</summary>
    private static int Fail(Output output, string code, string message) => CliJson.Fail(Name, output.Json, code, message);

    /// <summary>dig +short: the data of each answer record on its own line; the verdict, when it is not secure, on stderr.</summary>
    private static void WriteShort(TextWriter output, TextWriter error, DnssecAnswer answer)
    {
        foreach (DnsRecord record in answer.Answer.Where(r => r.Type != RecordType.RRSIG))
        {
            output.WriteLine(RecordTextFormatter.FormatData(record));
        }

        if (answer.Status != SecurityStatus.Secure)
        {
            error.WriteLine($"{Name}: {answer.Question.Name} {Mnemonics.FormatRecordType(answer.Question.Type)}: {AnswerPrinter.Status(answer.Status)}, {Mnemonics.FormatResponseCode(answer.ResponseCode)}: {answer.ExtendedError?.ExtraText ?? answer.Reason}");
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
