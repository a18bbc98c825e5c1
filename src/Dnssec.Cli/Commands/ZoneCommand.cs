using System.CommandLine;
using Dnssec.Presentation;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec zone FILE`: reads a zone file, checks every record, and prints it in canonical order as BIND would.</summary>
internal static class ZoneCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("file") { Description = "The zone file to read ($INCLUDE paths are relative to it)." };
        var origin = new Option<string?>("--origin") { Description = "The origin for relative names before any $ORIGIN (default: the root)." };
        var command = new Command("zone", "Read a zone file, check every record, and print it one record per line in canonical order.\nExit status: 0 the zone is well formed, 1 a record is malformed (its line is named), 3 usage or I/O error.")
        {
            file,
            origin,
        };
        command.SetAction(result => Run(result.GetValue(file)!, result.GetValue(origin), Console.Out, Console.Error));
        return command;
    }

    private static int Run(FileInfo file, string? originText, TextWriter output, TextWriter error)
    {
        var options = new ZoneFileReaderOptions();
        if (originText is not null)
        {
            if (!DnsName.TryParse(originText, out DnsName? origin))
            {
                error.WriteLine($"dnssec zone: --origin '{originText}' is not a domain name");
                return ExitCodes.UsageOrIo;
            }

            options.Origin = origin;
        }

        if (!file.Exists)
        {
            error.WriteLine($"dnssec zone: {file.FullName}: no such file");
            return ExitCodes.UsageOrIo;
        }

        List<DnsRecord> records;
        try
        {
            records = ZoneFileReader.ReadFile(file.FullName, options).ToList();
        }
        catch (ZoneFileException exception)
        {
            error.WriteLine($"dnssec zone: {exception.Message}");
            return exception.Line == 0 ? ExitCodes.UsageOrIo : ExitCodes.Invalid;
        }

        records.Sort(CompareCanonically);
        ZoneFilePrinter.Write(output, records);
        error.WriteLine($"; {records.Count} records, {records.Select(r => r.Owner).Distinct().Count()} names");
        return ExitCodes.Success;
    }

    private static int CompareCanonically(DnsRecord left, DnsRecord right)
    {
        int result = left.Owner.CompareTo(right.Owner);
        if (result == 0)
        {
            result = ((ushort)left.Type).CompareTo((ushort)right.Type);
        }

        return result != 0 ? result : CanonicalOrder.CompareRecordData(left.Type, left.Data.Span, right.Data.Span);
    }
}
