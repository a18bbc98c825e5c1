using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Dnssec.Crypto;
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
        var command = new Command("resolve", "Resolve a name, prove the answer with DNSSEC, and explain the chain of trust.")
        {
            name, type, servers, iterative, hints, anchors, authorityPort, json,
        };
        command.SetAction((result, cancellationToken) => RunAsync(
            result.GetValue(name)!, result.GetValue(type)!, result.GetValue(servers) ?? [], result.GetValue(iterative), result.GetValue(hints),
            result.GetValue(anchors), result.GetValue(authorityPort), result.GetValue(json), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(string nameText, string typeText, string[] serverTexts, bool iterative, FileInfo? hints, FileInfo? anchorFile, int authorityPort, bool json, CancellationToken cancellationToken)
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

        try
        {
            if (anchorFile is not null)
            {
                var set = new TrustAnchorSet();
                set.Add(TrustAnchorFile.Load(anchorFile.FullName, DateTimeOffset.UtcNow));
                options.TrustAnchors = set;
            }

            await using var resolver = new DnssecResolver(options);
            DnssecAnswer answer = await resolver.ResolveAsync(name, type, cancellationToken);
            if (json)
            {
                WriteJson(answer);
            }
            else
            {
                WriteText(answer);
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
        if (IPAddress.TryParse(text, out IPAddress? address))
        {
            server = new IPEndPoint(address, 53);
            return true;
        }

        if (IPEndPoint.TryParse(text, out server) && server.Port != 0)
        {
            return true;
        }

        server = null;
        return false;
    }

    private static void WriteText(DnssecAnswer answer)
    {
        TextWriter output = Console.Out;
        string path = answer.Path switch
        {
            ResolutionPath.Stub => "the upstream resolver",
            ResolutionPath.Iterative => "iterative resolution from the root hints",
            ResolutionPath.IterativeFallback => "iterative resolution from the root hints (the upstream was a roadblock)",
            _ => "the cache",
        };
        output.WriteLine($"; {answer.Question.Name} {Mnemonics.FormatRecordType(answer.Question.Type)}: {Status(answer.Status)}, {Mnemonics.FormatResponseCode(answer.ResponseCode)}, via {path}");
        if (answer.ExtendedError is { } ede)
        {
            output.WriteLine($"; EDE {(ushort)ede.Code} ({ede.Code}): {ede.ExtraText}");
        }
        else
        {
            output.WriteLine($"; {answer.Reason}");
        }

        if (answer.Chain.Count > 0)
        {
            output.WriteLine(";; chain of trust:");
            foreach (ZoneKeys zone in answer.Chain)
            {
                string keys = zone.Keys.Count == 0 ? "" : " keys " + string.Join(", ", zone.Keys.Select(k => $"{KeyTag.Compute(k)}/{Mnemonics.FormatAlgorithm(DnskeyData.From(k).Algorithm)}"));
                string ds = zone.DelegationSigners.Count == 0 ? "" : " from DS " + string.Join(", ", zone.DelegationSigners.Where(r => r.Type == RecordType.DS).Select(r => DsData.From(r)).Select(d => $"{d.KeyTag}/{(byte)d.Algorithm}/{(byte)d.DigestType}"));
                output.WriteLine($";;   {zone.Zone,-30} {Status(zone.Status),-13}{ds}{keys}");
                output.WriteLine($";;     {zone.Result.Reason}");
            }
        }

        foreach (DnsRecord record in answer.Answer)
        {
            output.WriteLine(RecordTextFormatter.Format(record));
        }

        foreach (DnsRecord record in answer.Authority)
        {
            output.WriteLine("; " + RecordTextFormatter.Format(record));
        }
    }

    private static void WriteJson(DnssecAnswer answer)
    {
        using Stream stream = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        writer.WriteStartObject();
        writer.WriteString("name", answer.Question.Name.ToString());
        writer.WriteString("type", Mnemonics.FormatRecordType(answer.Question.Type));
        writer.WriteString("status", Status(answer.Status));
        writer.WriteString("rcode", Mnemonics.FormatResponseCode(answer.ResponseCode));
        writer.WriteStartArray("answer");
        foreach (DnsRecord record in answer.Answer)
        {
            writer.WriteStringValue(RecordTextFormatter.Format(record));
        }

        writer.WriteEndArray();
        if (answer.ExtendedError is { } ede)
        {
            writer.WriteStartObject("ede");
            writer.WriteNumber("code", (ushort)ede.Code);
            writer.WriteString("text", ede.ExtraText);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("ede");
        }

        writer.WriteString("reason", answer.Reason);
        writer.WriteString("path", answer.Path switch
        {
            ResolutionPath.Stub => "stub",
            ResolutionPath.Iterative => "iterative",
            ResolutionPath.IterativeFallback => "iterative-fallback",
            _ => "cache",
        });
        writer.WriteStartArray("chain");
        foreach (ZoneKeys zone in answer.Chain)
        {
            writer.WriteStartObject();
            writer.WriteString("name", zone.Zone.ToString());
            writer.WriteString("status", Status(zone.Status));
            writer.WriteStartArray("keys");
            foreach (DnsRecord key in zone.Keys)
            {
                writer.WriteStringValue(RecordTextFormatter.Format(key));
            }

            writer.WriteEndArray();
            writer.WriteStartArray("ds");
            foreach (DnsRecord ds in zone.DelegationSigners)
            {
                writer.WriteStringValue(RecordTextFormatter.Format(ds));
            }

            writer.WriteEndArray();
            writer.WriteString("reason", zone.Result.Reason);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static string Status(SecurityStatus status) => status.ToString().ToLower(CultureInfo.InvariantCulture);
}
