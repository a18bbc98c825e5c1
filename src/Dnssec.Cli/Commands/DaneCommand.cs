using System.CommandLine;

namespace Dnssec.Cli.Commands;

/// <summary>`dnssec dane`: the DANE commands, offline (check) and against a live server (verify).</summary>
internal static class DaneCommand
{
    public static Command Create() => new("dane", "Check TLS certificates against TLSA records (RFC 6698, RFC 7671, RFC 7672).")
    {
        DaneCheckCommand.Create(),
        DaneVerifyCommand.Create(),
    };
}
