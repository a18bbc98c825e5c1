using System.CommandLine;
using System.Globalization;
using Dnssec.TrustAnchors;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec anchors status|import|export|refresh`: the RFC 5011 trust-anchor state file, read and written through <see cref="AnchorStateStore"/>.</summary>
internal static class AnchorsCommand
{
    /// <summary>Exit status: the state was read but some zone has no trusted key.</summary>
    public const int Unusable = ExitCodes.Invalid;

    /// <summary>Exit status: a signature or an input file was refused.</summary>
    public const int Refused = ExitCodes.Bogus;

    public static Command Create()
    {
        var command = new Command("anchors", "Keep the RFC 5011 trust-anchor state: import anchors, show their states, export them, refresh them from the DNS.\nExit status (every subcommand): 0 success, 1 the anchors are unusable, 2 a signature or file was refused, 3 usage or I/O error.")
        {
            AnchorsImportCommand.Create(),
            AnchorsStatusCommand.Create(),
            AnchorsExportCommand.Create(),
            AnchorsRefreshCommand.Create(),
        };
        return command;
    }

    /// <summary>The required --state option every subcommand shares.</summary>
    public static Option<FileInfo> StateOption() =>
        new("--state") { Description = "The RFC 5011 state file (its lock file is FILE.lock beside it).", Required = true };

    /// <summary>A time as the state file writes it, or "-" when not set.</summary>
    public static string FormatTime(DateTimeOffset? time) =>
        time is { } value ? value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : "-";

    /// <summary>Reads the state for a read-only subcommand; prints the store's reason (with <paramref name="json"/> also as the error object) and returns null when it cannot be used.</summary>
    public static async Task<AnchorStateResult?> LoadAsync(string subcommand, FileInfo state, CancellationToken cancellationToken, bool json = false)
    {
        AnchorStateResult loaded = await new AnchorStateStore(state.FullName).LoadAsync(cancellationToken).ConfigureAwait(false);
        if (!loaded.IsSuccess)
        {
            CliJson.Fail($"dnssec anchors {subcommand}", json, CliJson.Io, loaded.Reason ?? loaded.Error.ToString());
            return null;
        }

        return loaded;
    }
}
