using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// Reads a host name given on the command line where only a host will do (an SNI name, an EHLO name): internationalised
/// labels become their A-labels, as for every name the tool reads, and then only letters, digits and hyphens remain.
/// </summary>
internal static class NameArgument
{
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
