using System.CommandLine;
using System.Net;
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
    public static Command Create()
    {
        var name = new Argument<string>("name") { Description = "The domain name to resolve." };
        var type = new Argument<string>("type") { Description = "The record type (default A).", DefaultValueFactory = _ => "A" };
        var servers = new Option<string[]>("--server") { Description = "A recursive upstream, IP[:PORT]; repeat for several (default: the name servers of /etc/resolv.conf).", AllowMultipleArgumentsPerToken = false };
        var iterative = new Option<bool>("--iterative") { Description = "Resolve from the root hints instead of asking an upstream." };
        var hints = new Option<FileInfo?>("--hints") { Description = "Root hints in named.root form for iterative resolution and the stub's fallback (default: the shipped hints)." };
        var anchors = new Option<FileInfo?>("--anchors") { Description = "Trust anchors: DS or DNSKEY lines, or root-anchors.xml (default: the shipped root anchor)." };
        var authorityPort = new Option<int>("--authority-port") { Description = "The port of authoritative servers in iterative mode (default 53).", DefaultValueFactory = _ => 53 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var forwardZones = new Option<string[]>("--forward-zone") { Description = "ZONE=IP[:PORT][,IP[:PORT]...]: ask these recursive servers for names in ZONE (Unbound's forward-zone); repeat for several zones." };
        var stubZones = new Option<string[]>("--stub-zone") { Description = "ZONE=IP[,IP...]: ask these authoritative servers for names in ZONE, on the authority port (Unbound's stub-zone); repeat for several zones." };
        var insecureDomains = new Option<string[]>("--domain-insecure") { Description = "ZONE: treat names in ZONE as insecure, a negative trust anchor (RFC 7646, Unbound's domain-insecure); for private zones the public DNS denies." };
        var command = new Command("resolve", "Resolve a name, prove the answer with DNSSEC, and explain the chain of trust.")
        {
            name, type, servers, iterative, hints, anchors, authorityPort, json, forwardZones, stubZones, insecureDomains,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(name)!, result.GetValue(type)!, result.GetValue(servers) ?? [], result.GetValue(iterative), result.GetValue(hints),
            result.GetValue(anchors), result.GetValue(authorityPort), result.GetValue(json),
            new ZoneOptions(result.GetValue(forwardZones) ?? [], result.GetValue(stubZones) ?? [], result.GetValue(insecureDomains) ?? []), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string nameText, string typeText, string[] serverTexts, bool iterative, FileInfo? hints, FileInfo? anchorFile, int authorityPort, bool json, ZoneOptions zones, CancellationToken cancellationToken)
    {
        TextWriter error = Console.Error;
        if (!DnsName.TryParse(nameText, out DnsName? name))
        {
            error.WriteLine($"dnssec resolve: '{nameText}' is not a domain name");
            return ExitCodes.UsageOrIo;
        }

        if (!Mnemonics.TryParseRecordType(typeText, out RecordType type))
        {
            error.WriteLine($"dnssec resolve: '{typeText}' is not a record type");
            return ExitCodes.UsageOrIo;
        }

        if (authorityPort is < 1 or > ushort.MaxValue)
        {
            error.WriteLine($"dnssec resolve: --authority-port {authorityPort} is not a port");
            return ExitCodes.UsageOrIo;
        }

        var options = new ResolverOptions
        {
            Mode = iterative ? ResolutionMode.Iterative : ResolutionMode.Stub,
            RootHintsPath = hints?.FullName,
            AuthorityPort = authorityPort,
        };
        foreach (string text in serverTexts)
        {
            if (!TryParseServer(text, out IPEndPoint? server))
            {
                error.WriteLine($"dnssec resolve: --server '{text}' is not IP[:PORT]");
                return ExitCodes.UsageOrIo;
            }

            options.Servers.Add(server);
        }

        if (!zones.Apply(options, error))
        {
            return ExitCodes.UsageOrIo;
        }

        try
        {
            if (anchorFile is not null || zones.Insecure.Length > 0)
            {
                TrustAnchorSet set = anchorFile is null ? TrustAnchorSet.CreateWithRootAnchor() : new TrustAnchorSet();
                if (anchorFile is not null)
                {
                    set.Add(TrustAnchorFile.Load(anchorFile.FullName, DateTimeOffset.UtcNow));
                }

                foreach (string zone in zones.Insecure)
                {
                    // RFC 7646 §2: a negative anchor is meant to be temporary; for one command, a day is enough.
                    set.AddNegative(new NegativeTrustAnchor(DnsName.Parse(zone), DateTimeOffset.UtcNow.AddDays(1)));
                }

                options.TrustAnchors = set;
            }

            await using var resolver = new DnssecResolver(options);
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
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            error.WriteLine($"dnssec resolve: {exception.Message}");
            return ExitCodes.UsageOrIo;
        }
    }

    internal static bool TryParseServer(string text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IPEndPoint? server)
    {
        server = UpstreamServer.TryParse(text, out UpstreamServer? upstream) ? upstream.EndPoint : null;
        return server is not null;
    }

    /// <summary>The per-zone options of `resolve`: forward zones, stub zones and insecure domains, as typed.</summary>
    private sealed record ZoneOptions(string[] Forward, string[] Stub, string[] Insecure)
    {
        /// <summary>Puts the zones into <paramref name="options"/>; false, with the reason written, when one is malformed.</summary>
        public bool Apply(ResolverOptions options, TextWriter error)
        {
            foreach (string text in Forward)
            {
                if (!TrySplit(text, "--forward-zone", error, out DnsName? zone, out string[]? addresses))
                {
                    return false;
                }

                var servers = new List<IPEndPoint>();
                foreach (string address in addresses)
                {
                    if (!TryParseServer(address, out IPEndPoint? server))
                    {
                        error.WriteLine($"dnssec resolve: --forward-zone '{text}': '{address}' is not IP[:PORT]");
                        return false;
                    }

                    servers.Add(server);
                }

                options.ForwardZones[zone] = servers;
            }

            foreach (string text in Stub)
            {
                if (!TrySplit(text, "--stub-zone", error, out DnsName? zone, out string[]? addresses))
                {
                    return false;
                }

                var servers = new List<IPAddress>();
                foreach (string address in addresses)
                {
                    if (!IPAddress.TryParse(address, out IPAddress? server))
                    {
                        error.WriteLine($"dnssec resolve: --stub-zone '{text}': '{address}' is not an IP address (the port is --authority-port)");
                        return false;
                    }

                    servers.Add(server);
                }

                options.StubZones[zone] = servers;
            }

            foreach (string text in Insecure)
            {
                if (!DnsName.TryParse(text, out _))
                {
                    error.WriteLine($"dnssec resolve: --domain-insecure '{text}' is not a domain name");
                    return false;
                }
            }

            return true;
        }

        private static bool TrySplit(string text, string option, TextWriter error, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DnsName? zone, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string[]? addresses)
        {
            zone = null;
            addresses = null;
            int equals = text.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !DnsName.TryParse(text[..equals], out zone))
            {
                error.WriteLine($"dnssec resolve: {option} '{text}' is not ZONE=ADDRESS[,ADDRESS...]");
                return false;
            }

            addresses = text[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (addresses.Length == 0)
            {
                error.WriteLine($"dnssec resolve: {option} '{text}' names no server");
                return false;
            }

            return true;
        }
    }
}
