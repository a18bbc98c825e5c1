using System.Diagnostics.CodeAnalysis;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// Reads a domain name given on the command line as every command does: internationalised labels become their A-labels
/// (which is what is printed, as delv prints them), and ASCII names are taken as written, underscores included.
/// </summary>
internal static class NameArgument
{
    /// <summary>Parses <paramref name="text"/>, or writes "<paramref name="subject"/> 'text' is not a domain name: why" to <paramref name="error"/>.</summary>
    /// <param name="text">The name as typed.</param>
    /// <param name="subject">What the name is, with the command first ("dnssec tlsa: --host").</param>
    /// <param name="kind">What a valid one is, "domain name" or "host name".</param>
    /// <param name="error">Where the problem is written.</param>
    /// <param name="name">The name, in A-labels.</param>
    public static bool TryParse(string text, string subject, string kind, TextWriter error, [NotNullWhen(true)] out DnsName? name)
    {
        if (DnsName.TryParseInternational(text, out name, out string? why))
        {
            return true;
        }

        error.WriteLine($"{subject} '{text}' is not a {kind}: {why}");
        return false;
    }
}
