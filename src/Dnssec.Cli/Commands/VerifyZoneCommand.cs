using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.TrustAnchors;
using Dnssec.Wire;
using Dnssec.Zones;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec verify-zone FILE`: checks every signature and the denial chain of a signed zone, like dnssec-verify.</summary>
internal static class VerifyZoneCommand
{
    private const string Name = "dnssec verify-zone";

    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The signed zone file." };
        var origin = new Option<string?>("--origin") { Description = "The zone's apex (default: the owner of the SOA record)." };
        var anchors = new Option<FileInfo?>("--anchors") { Description = "DS or DNSKEY lines, or root-anchors.xml, that must match a key signing the DNSKEY RRset (default: any secure-entry-point key of the zone)." };
        var time = new Option<string?>("--time") { Description = "Check signatures as of this time: ISO 8601, YYYYMMDDHHmmSS or Unix seconds (default: now)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text." };
        var command = new Command("verify-zone", "Check every RRSIG of a signed zone, that each RRset is signed by every key algorithm, and the NSEC or NSEC3 chain.\nExit status: 0 every check passed, 1 the zone file is malformed (or has no SOA, or a name outside the zone), 2 a signature, algorithm or denial chain check failed, 3 usage or I/O error.")
        {
            file, origin, anchors, time, json,
        };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(origin), result.GetValue(anchors), result.GetValue(time), result.GetValue(json)));
        return command;
    }

    private static int Run(FileInfo file, string? originText, FileInfo? anchorFile, string? timeText, bool json)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (timeText is not null && !TimeArgument.TryParse(timeText, out now))
        {
            return CliJson.Fail(Name, json, CliJson.Usage, $"--time '{timeText}' is not a time (use ISO 8601, YYYYMMDDHHmmSS or Unix seconds)");
        }

        DnsName? origin = null;
        if (originText is not null && !DnsName.TryParse(originText, out origin))
        {
            return CliJson.Fail(Name, json, CliJson.Usage, $"--origin '{originText}' is not a domain name");
        }

        if (!file.Exists)
        {
            return CliJson.Fail(Name, json, CliJson.Io, $"{file.FullName}: no such file");
        }

        IReadOnlyList<DnsRecord> anchors = [];
        if (anchorFile is not null)
        {
            try
            {
                anchors = TrustAnchorFile.Load(anchorFile.FullName, now);
            }
            catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
            {
                return CliJson.Fail(Name, json, CliJson.Io, exception.Message);
            }
        }

        var clock = Stopwatch.StartNew();
        var verifier = new ZoneVerifier(new RrsetVerifier(new VerifierCache(), new FixedTimeProvider(now)));
        ZoneVerificationResult? result = null;
        DnsRecord? outside = null;
        try
        {
            // The records go to the verifier as they are read, so that signatures are checked while the file is still
            // being read; without --origin, those before the first SOA wait until its owner names the zone.
            using IEnumerator<DnsRecord> reader = ZoneFileReader.ReadFile(file.FullName, new ZoneFileReaderOptions { Origin = origin }).GetEnumerator();
            var early = new List<DnsRecord>();
            if (origin is null)
            {
                while (reader.MoveNext())
                {
                    early.Add(reader.Current);
                    if (reader.Current.Type == RecordType.SOA)
                    {
                        origin = reader.Current.Owner;
                        break;
                    }
                }
            }

            if (origin is not null)
            {
                // A record outside the zone is an error, but only once the whole file has read without one.
                IEnumerable<DnsRecord> Inside()
                {
                    foreach (DnsRecord record in early)
                    {
                        if (record.Owner.IsSubdomainOf(origin))
                        {
                            yield return record;
                        }
                        else
                        {
                            outside ??= record;
                        }
                    }

                    while (reader.MoveNext())
                    {
                        if (reader.Current.Owner.IsSubdomainOf(origin))
                        {
                            yield return reader.Current;
                        }
                        else
                        {
                            outside ??= reader.Current;
                        }
                    }
                }

                using var progress = new TerminalProgress("verify-zone: RRsets checked");
                result = verifier.Verify(origin, Inside(), anchors, TerminalProgress.IsTerminal && !json ? progress : null);
            }
        }
        catch (ZoneFileException exception)
        {
            // Line 0: the file could not be read at all; otherwise a record is malformed.
            return exception.Line == 0
                ? CliJson.Fail(Name, json, CliJson.Io, exception.Message)
                : CliJson.Fail(Name, json, CliJson.Invalid, exception.Message, ExitCodes.Invalid);
        }

        if (origin is null)
        {
            return CliJson.Fail(Name, json, CliJson.Invalid, $"{file.Name} has no SOA record; give the apex with --origin", ExitCodes.Invalid);
        }

        if (outside is not null)
        {
            return CliJson.Fail(Name, json, CliJson.Invalid, $"{outside.Owner} is outside the zone {origin}", ExitCodes.Invalid);
        }

        clock.Stop();
        if (json)
        {
            WriteJson(result!, now);
        }
        else
        {
            WriteText(result!, now, clock.Elapsed);
        }

        return result!.IsValid ? ExitCodes.Success : ExitCodes.Bogus;
    }

    private static void WriteText(ZoneVerificationResult result, DateTimeOffset now, TimeSpan elapsed)
    {
        TextWriter output = Console.Out;
        string algorithms = string.Join(", ", result.Algorithms.Select(a => $"{(byte)a} ({Mnemonics.FormatAlgorithm(a)})"));
        output.WriteLine($"Zone {result.Origin} signed with {(algorithms.Length == 0 ? "no usable keys" : algorithms)}, denial by {result.Denial.ToString().ToUpperInvariant()}, checked as of {now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        output.WriteLine($"{result.RRsetCount:N0} signed RRsets, {result.SignatureCount:N0} signatures, {result.ValidSignatureCount:N0} valid ({elapsed.TotalSeconds:F2} s)");
        foreach (ZoneProblem problem in result.Problems)
        {
            output.WriteLine($"  {problem.Kind}: {problem.Message}");
        }

        if (result.IsValid)
        {
            output.WriteLine("The zone is correctly signed.");
        }
        else
        {
            var byKind = result.Problems.GroupBy(p => p.Kind).Select(g => $"{g.Count()} {g.Key}");
            output.WriteLine($"The zone has {result.Problems.Count} problem{(result.Problems.Count == 1 ? "" : "s")}: {string.Join(", ", byKind)}.");
        }
    }

    private static void WriteJson(ZoneVerificationResult result, DateTimeOffset now)
    {
        using var stream = Console.OpenStandardOutput();
        using var writer = new Utf8JsonWriter(stream, CliJson.WriterOptions);
        writer.WriteStartObject();
        CliJson.WriteSchemaVersion(writer);
        writer.WriteString("zone", result.Origin.ToString());
        writer.WriteString("time", now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture));
        writer.WriteString("denial", result.Denial.ToString().ToLowerInvariant());
        writer.WriteStartArray("algorithms");
        foreach (DnssecAlgorithm algorithm in result.Algorithms)
        {
            writer.WriteNumberValue((byte)algorithm);
        }

        writer.WriteEndArray();
        writer.WriteNumber("rrsets", result.RRsetCount);
        writer.WriteNumber("signatures", result.SignatureCount);
        writer.WriteNumber("validSignatures", result.ValidSignatureCount);
        writer.WriteBoolean("ok", result.IsValid);
        writer.WriteStartArray("problems");
        foreach (ZoneProblem problem in result.Problems)
        {
            writer.WriteStartObject();
            writer.WriteString("owner", problem.Owner.ToString());
            writer.WriteString("type", Mnemonics.FormatRecordType(problem.Type));
            writer.WriteString("kind", problem.Kind.ToString());
            writer.WriteString("message", problem.Message);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        stream.WriteByte((byte)'\n');
    }
}
