using System.CommandLine;
using System.Security.Cryptography.X509Certificates;
using Dnssec.Dane;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// `dnssec dane check`: the offline DANE verdict for a chain as a server sent it against TLSA lines, as DESIGN.md's
/// contract fixes it. Exit status 0 when authenticated, 2 when not, 3 for usage or file errors.
/// </summary>
internal static class DaneCheckCommand
{
    private const string Name = "dnssec dane check";

    public static Command Create()
    {
        var chain = new Option<FileInfo>("--chain") { Description = "PEM certificates as the server sent them, leaf first.", Required = true };
        var names = new Option<string>("--name") { Description = "NAME[,NAME…]: the TLSA base domain first, then further reference identifiers.", Required = true };
        var tlsaFile = new Option<FileInfo>("--tlsa-file") { Description = "TLSA records, one 'U S M HEX' per line ('#' starts a comment).", Required = true };
        var caFile = new Option<FileInfo?>("--ca-file") { Description = "PEM trust anchors for PKIX-TA(0) and PKIX-EE(1); an empty file means none (default: the system store)." };
        var eeNameChecks = new Option<string>("--ee-name-checks") { Description = "on: also demand a name match for DANE-EE(3), as OpenSSL does by default (default off, RFC 7671 §5.1).", DefaultValueFactory = _ => "off" };
        eeNameChecks.AcceptOnlyFromAmong("on", "off");
        var digests = new Option<string>("--digests") { Description = "Matching-type preference for digest agility, strongest first (default sha512,sha256).", DefaultValueFactory = _ => "sha512,sha256" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: ok, depth, matched, reason." };
        var command = new Command("check", "Offline DANE verdict for a certificate chain against TLSA records. Exit status: 0 authenticated, 2 not, 3 usage or I/O error.")
        {
            chain, names, tlsaFile, caFile, eeNameChecks, digests, json,
        };
        command.SetAction(result => Run(
            result.GetValue(chain)!, result.GetValue(names)!, result.GetValue(tlsaFile)!, result.GetValue(caFile),
            result.GetValue(eeNameChecks) == "on", result.GetValue(digests)!, result.GetValue(json)));
        return command;
    }

    private static int Run(FileInfo chainFile, string nameList, FileInfo tlsaFile, FileInfo? caFile, bool eeNameChecks, string digestList, bool json)
    {
        var names = new List<string>();
        foreach (string text in nameList.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!DnsName.TryParseInternational(text, out DnsName? name, out string? why))
            {
                return CliJson.Fail(Name, json, CliJson.Usage, $"--name '{text}' is not a host name: {why}");
            }

            if (name.LabelCount == 0)
            {
                return CliJson.Fail(Name, json, CliJson.Usage, $"--name '{text}' is not a host name");
            }

            // Certificates name hosts in A-labels (RFC 6125 §6.4.2).
            names.Add(name.ToString().TrimEnd('.'));
        }

        var options = new DaneVerifierOptions { DaneEeNameChecks = eeNameChecks };
        if (!DaneOptionText.TryParseDigests(digestList, options.DigestPreference, out string? digestError))
        {
            return CliJson.Fail(Name, json, CliJson.Usage, $"--digests: {digestError}");
        }

        List<X509Certificate2> chain;
        List<TlsaData> records;
        try
        {
            chain = PemCertificates.ReadCertificates(chainFile.FullName);
            if (chain.Count == 0)
            {
                return CliJson.Fail(Name, json, CliJson.Io, $"{chainFile.FullName}: no PEM certificate");
            }

            if (caFile is not null)
            {
                options.PkixTrustAnchors = [.. PemCertificates.ReadCertificates(caFile.FullName)];
            }

            if (!DaneOptionText.TryReadTlsaFile(tlsaFile.FullName, out records, out string? tlsaError))
            {
                return CliJson.Fail(Name, json, CliJson.Io, tlsaError);
            }
        }
        catch (Exception exception) when (exception is FormatException or IOException or UnauthorizedAccessException)
        {
            return CliJson.Fail(Name, json, CliJson.Io, exception.Message);
        }

        DaneResult result = new DaneVerifier(options).Verify(chain, records, names);
        if (json)
        {
            WriteJson(result);
        }
        else
        {
            string verdict = result.Authenticated ? "authenticated" : $"not authenticated ({result.Failure})";
            string depth = result.Depth is { } d ? $" at depth {d}" : "";
            string matched = result.MatchedRecord is { } record ? $" by {TlsaText.Format(record)}" : "";
            Console.Out.WriteLine($"{names[0]}: {verdict}{matched}{depth}");
            Console.Out.WriteLine($"; {result.Reason}");
        }

        return result.Authenticated ? ExitCodes.Success : ExitCodes.Bogus;
    }

    /// <summary>DESIGN.md's one line: ok, depth, matched, reason (after the schema version).</summary>
    private static void WriteJson(DaneResult result) => CliJson.WriteObject(
        writer =>
        {
            writer.WriteBoolean("ok", result.Authenticated);
            CliJson.WriteNumberOrNull(writer, "depth", result.Depth);
            if (result.MatchedRecord is { } record)
            {
                writer.WriteString("matched", TlsaText.Format(record));
            }
            else
            {
                writer.WriteNull("matched");
            }

            writer.WriteString("reason", result.Reason);
        },
        indented: false);
}
