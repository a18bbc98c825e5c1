using System.CommandLine;
using Dnssec.Crypto;
using Dnssec.Presentation;
using Dnssec.TrustAnchors;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec anchors export --state STATE --format unbound|ds|dnskey`: the state as Unbound's autotrust file, or the trusted keys as DS or DNSKEY lines.</summary>
internal static class AnchorsExportCommand
{
    public static Command Create()
    {
        var state = AnchorsCommand.StateOption();
        var format = new Option<string>("--format") { Description = "unbound (Unbound's auto-trust-anchor-file), ds (SHA-256 DS of the trusted keys) or dnskey (the trusted keys).", Required = true };
        format.AcceptOnlyFromAmong("unbound", "ds", "dnskey");
        var command = new Command("export", "Print the tracked anchors to standard output.\nExit status: 0 every tracked zone has a usable anchor, 1 a zone has none, 3 usage or I/O error.")
        {
            state, format,
        };
        command.SetAction((result, cancellationToken) => RunAsync(result.GetValue(state)!, result.GetValue(format)!, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo state, string format, CancellationToken cancellationToken)
    {
        AnchorStateResult? loaded = await AnchorsCommand.LoadAsync("export", state, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return ExitCodes.UsageOrIo;
        }

        foreach (TrustPoint trustPoint in loaded.TrustPoints)
        {
            if (format == "unbound")
            {
                // Unbound reads one trust point per autotrust file; several are printed one after the other.
                Console.Out.Write(UnboundAutotrustFile.Format(trustPoint));
                continue;
            }

            foreach (DnsRecord key in trustPoint.TrustedKeys)
            {
                DnsRecord record = format == "ds" ? DsDigest.CreateDs(key, DigestType.SHA256) : key;
                Console.Out.WriteLine(RecordTextFormatter.Format(record));
            }
        }

        bool usable = loaded.TrustPoints.Count > 0 && loaded.TrustPoints.All(t => t.HasUsableAnchor);
        if (!usable)
        {
            Console.Error.WriteLine("dnssec anchors export: a tracked zone has no trusted key; its anchors are unusable");
        }

        return usable ? ExitCodes.Success : AnchorsCommand.Unusable;
    }
}
