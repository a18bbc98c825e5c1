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

    /// <summary>
    /// Why <paramref name="text"/> is not a host name, or null when it is one: after IDNA, each label letters, digits and
    /// inner hyphens only (RFC 1123 §2.1, RFC 5321 §4.1.2's Domain), so that nothing else reaches a handshake or an EHLO line.
    /// </summary>
    public static string? HostNameProblem(string text)
    {
        if (!DnsName.TryParseInternational(text, out DnsName? name, out string? why))
        {
            return why;
        }

        if (name.LabelCount == 0)
        {
            return "the root is not a host";
        }

        foreach (string label in name.ToString().TrimEnd('.').Split('.'))
        {
            if (label.Length == 0 || !label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return $"the label '{label}' has a character other than a letter, a digit or a hyphen";
            }

            if (label.StartsWith('-') || label.EndsWith('-'))
            {
                return $"the label '{label}' starts or ends with a hyphen";
            }
        }

        return null;
    }

    /// <summary>A host name that <see cref="HostNameProblem"/> accepted, in A-labels and without the final dot.</summary>
    public static string ToAscii(string text) =>
        DnsName.TryParseInternational(text, out DnsName? name, out _) ? name.ToString().TrimEnd('.') : throw new ArgumentException($"'{text}' is not a domain name", nameof(text));
}
