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
}
