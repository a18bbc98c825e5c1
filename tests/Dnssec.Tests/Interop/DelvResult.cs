using Dnssec.Validation;

namespace Dnssec.Tests.Interop;

/// <summary>What <c>delv</c> concluded about one question, read from its output, and the output itself.</summary>
/// <param name="Status">Secure, insecure or bogus; <see cref="SecurityStatus.Indeterminate"/> when the output could not be read.</param>
/// <param name="Output">delv's standard output and error.</param>
public sealed record DelvResult(SecurityStatus Status, string Output)
{
    /// <summary>
    /// Reads delv 9.18's verdict. delv prints a verdict line per RRset of the chain it followed ("; fully validated",
    /// "; unsigned answer", "; negative response, …") before the RRset. Bogus: it says ";; resolution failed:" for a
    /// reason other than a negative answer, or the chain stops short (no RRset of the type asked, no negative response
    /// and no negative cache entry: the target of a CNAME failed to validate, which delv does not always say; for ANY,
    /// an RRset of any type).
    /// Otherwise insecure when any RRset of the chain is unsigned, secure when something was fully validated.
    /// Output with none of these lines (delv could not start, or reports an error of its own) is indeterminate.
    /// build.sh's <c>check</c> reads it the same way.
    /// </summary>
    public static DelvResult Parse(string output, string queryType)
    {
        bool failed = false, negative = false, reachedType = false, unsigned = false, validated = false, recognized = false;
        foreach (string raw in output.Split('\n'))
        {
            string line = raw.TrimEnd('\r');
            if (line.StartsWith(";; resolution failed: ", StringComparison.Ordinal))
            {
                string reason = line[";; resolution failed: ".Length..];
                failed |= reason is not ("ncache nxdomain" or "ncache nxrrset");
                recognized = true;
            }
            else if (line.StartsWith(";; validating ", StringComparison.Ordinal))
            {
                recognized = true;
            }
            else if (line.StartsWith("; negative response, ", StringComparison.Ordinal))
            {
                negative = recognized = true;
                unsigned |= line.EndsWith("unsigned answer", StringComparison.Ordinal);
                validated |= line.EndsWith("fully validated", StringComparison.Ordinal);
            }
            else if (line == "; unsigned answer")
            {
                unsigned = recognized = true;
            }
            else if (line == "; fully validated")
            {
                validated = recognized = true;
            }
            else if (line.StartsWith(';'))
            {
                // A negative cache entry such as "; nx.example. 41 IN \-ANY ;-$NXDOMAIN" ends the chain too.
                negative |= line.Contains(";-$NX", StringComparison.Ordinal);
            }
            else
            {
                string[] fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
                // An ANY answer is every RRset at the name, whatever its type.
                reachedType |= fields.Length > 3 && (fields[3] == queryType || queryType == "ANY");
            }
        }

        SecurityStatus status =
            !recognized ? SecurityStatus.Indeterminate
            : failed || !(negative || reachedType) ? SecurityStatus.Bogus
            : unsigned ? SecurityStatus.Insecure
            : validated ? SecurityStatus.Secure
            : SecurityStatus.Indeterminate;
        return new DelvResult(status, output);
    }
}
