using System.Globalization;
using Dnssec.Differential.Building;
using Dnssec.Differential.Comparison;
using Dnssec.Differential.Questions;

namespace Dnssec.Differential.Oracles;

/// <summary>
/// delv (BIND 9.18) as the second oracle: it asks the hierarchy's mutating proxy (so it sees what our stub and the
/// validating Unbound see) and validates from the root's DS itself. It is a process per question and slow, so the
/// campaign runs it on every disagreement and on a seeded sample. Its output is read as the interop tests'
/// DelvResult reads it.
/// </summary>
public static class DelvOracle
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>delv's verdict on <paramref name="question"/> in <paramref name="hierarchy"/>.</summary>
    public static async Task<Verdict> AskAsync(BuiltHierarchy hierarchy, Question question, CancellationToken cancellationToken)
    {
        ToolResult result;
        try
        {
            result = await Tool.RunAsync(
                "delv",
                ["-a", hierarchy.DelvAnchorsFile, "+root=.", "-p", AddressPlan.Port.ToString(CultureInfo.InvariantCulture), "@" + AddressPlan.Proxy(hierarchy.Slot).Address, "+nomtrace", question.Name, question.Type],
                Timeout,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            return new Verdict(Outcome.Bogus, "TIMEOUT", [], e.Message);
        }

        return Read(result.Combined, question.Type);
    }

    /// <summary>
    /// Reads delv's output. delv prints a verdict line per RRset of the chain it followed ("; fully validated",
    /// "; unsigned answer", "; negative response, …") before the RRset. Bogus: ";; resolution failed:" for another
    /// reason than a negative answer, or a chain that stops short (no RRset of the type asked, no negative response and
    /// no negative cache entry: the target of a CNAME failed to validate, which delv does not always say). Otherwise
    /// insecure when any RRset of the chain is unsigned, secure when everything was fully validated.
    /// </summary>
    public static Verdict Read(string output, string queryType)
    {
        bool failed = false, negative = false, reachedType = false, unsigned = false, validated = false, nxdomain = false;
        string? failure = null;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith(";; resolution failed: ", StringComparison.Ordinal))
            {
                string reason = line[";; resolution failed: ".Length..];
                nxdomain |= reason == "ncache nxdomain";
                if (reason is not ("ncache nxdomain" or "ncache nxrrset"))
                {
                    failed = true;
                    failure = reason;
                }
            }
            else if (line.StartsWith("; negative response, ", StringComparison.Ordinal))
            {
                negative = true;
                unsigned |= line.EndsWith("unsigned answer", StringComparison.Ordinal);
                validated |= line.EndsWith("fully validated", StringComparison.Ordinal);
            }
            else if (line == "; unsigned answer")
            {
                unsigned = true;
            }
            else if (line == "; fully validated")
            {
                validated = true;
            }
            else if (line.StartsWith(';'))
            {
                // A negative cache entry such as "; nx.example. 41 IN \-ANY ;-$NXDOMAIN" ends the chain too.
                negative |= line.Contains(";-$NX", StringComparison.Ordinal);
                nxdomain |= line.Contains(";-$NXDOMAIN", StringComparison.Ordinal);
            }
            else
            {
                string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                reachedType |= fields.Length > 3 && fields[3] == queryType;
            }
        }

        string rcode = nxdomain ? "NXDOMAIN" : "NOERROR";
        if (failed || !(negative || reachedType))
        {
            return new Verdict(Outcome.Bogus, "SERVFAIL", [], failure ?? "the chain stops short of the type asked");
        }

        if (unsigned)
        {
            return new Verdict(Outcome.Insecure, rcode, [], "unsigned answer");
        }

        return validated
            ? new Verdict(Outcome.Secure, rcode, [], "fully validated")
            : new Verdict(Outcome.Bogus, "SERVFAIL", [], "delv printed no verdict: " + string.Join(" | ", output.Split('\n').Take(5)));
    }
}
