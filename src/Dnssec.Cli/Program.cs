using System.CommandLine;
using Dnssec.Cli;
using Dnssec.Cli.Commands;

var root = new RootCommand("Dnssec: resolve DNS names and prove them with DNSSEC inside the process; check TLS certificates with DANE.")
{
    ZoneCommand.Create(),
    VerifyZoneCommand.Create(),
    ResolveCommand.Create(),
    ServeCommand.Create(),
    AnchorsCommand.Create(),
    DaneCommand.Create(),
    TlsaCommand.Create(),
    DemoCommand.Create(),
};

ParseResult parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var parseError in parsed.Errors)
    {
        Console.Error.WriteLine($"dnssec: {parseError.Message}");
    }

    Console.Error.WriteLine("Try 'dnssec --help'.");
    return ExitCodes.UsageOrIo;
}

return parsed.Invoke();
