namespace Dnssec.Cli;

/// <summary>The exit status of every command, as DESIGN.md's contracts fix them.</summary>
internal static class ExitCodes
{
    /// <summary>Success; for resolve, a secure answer; for demo, every case gave the verdict it must.</summary>
    public const int Success = 0;

    /// <summary>The input was read but is not valid (a malformed zone); for resolve, an insecure answer; for demo, a case gave another verdict; for anchors, a tracked zone has no trusted key.</summary>
    public const int Invalid = 1;

    /// <summary>Validation failed: bogus or indeterminate; for anchors, a signature or an input file was refused, or no trusted key signed a refreshed DNSKEY RRset.</summary>
    public const int Bogus = 2;

    /// <summary>Wrong arguments, or a file or network error.</summary>
    public const int UsageOrIo = 3;
}
