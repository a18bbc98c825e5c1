using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Dnssec.Wire;

namespace Dnssec.Tests.Interop;

/// <summary>
/// The hierarchy's BIND query log (queries.log, category queries): one line per query an authority received, such as
/// <c>client @0x… 127.0.0.1#40123 (example.test): view example: query: example.test IN A -E(0)D (127.0.1.7)</c>,
/// whose last parenthesis is the address asked, so the zone that address serves.
/// </summary>
internal static partial class BindQueryLog
{
    /// <summary>One logged query: the authority's address, and the name and type it was asked.</summary>
    public sealed record Entry(IPAddress Server, DnsName Name, string Type);

    /// <summary>How long the log is now: the offset from which <see cref="ReadFrom"/> gives the queries that follow.</summary>
    public static long Length(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    /// <summary>The queries logged after <paramref name="offset"/>; a line that is no query entry is an error, naming it.</summary>
    public static IReadOnlyList<Entry> ReadFrom(string path, long offset)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(offset, SeekOrigin.Begin);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        List<Entry> entries = [];
        while (reader.ReadLine() is { } line)
        {
            Match match = QueryLine().Match(line);
            if (!match.Success)
            {
                throw new InvalidDataException($"{path}: not a query log entry: {line}");
            }

            string name = match.Groups["name"].Value;
            entries.Add(new Entry(IPAddress.Parse(match.Groups["server"].Value), DnsName.Parse(name.EndsWith('.') ? name : name + "."), match.Groups["type"].Value));
        }

        return entries;
    }

    [GeneratedRegex(@"query: (?<name>\S+) IN (?<type>\S+) \S+ \((?<server>[0-9.]+)\)\s*$")]
    private static partial Regex QueryLine();
}
