using System.Globalization;
using System.Net;

namespace Dnssec.Resolver;

/// <summary>
/// The settings of a resolv.conf file (resolv.conf(5)) that a validating stub uses: name servers (IPv4 and IPv6, with an
/// optional %scope) and the options timeout, attempts, rotate and use-vc. Every other line and option is ignored, as
/// the C library ignores unknown ones: <c>search</c>, <c>domain</c> and <c>ndots</c> shape the completion of relative
/// names, and a validating resolver is asked absolute names only; <c>edns0</c> is moot, as EDNS(0) is always sent.
/// Malformed values of the options used are reported.
/// </summary>
public sealed class ResolvConf
{
    /// <summary>The C library's limit on name servers: later ones are ignored.</summary>
    public const int MaxNameServers = 3;

    /// <summary>The name servers, in order, on port 53.</summary>
    public IReadOnlyList<IPEndPoint> NameServers { get; private init; } = [];

    /// <summary>The per-try timeout (timeout:n, default 5 s, at most 30 s).</summary>
    public TimeSpan Timeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>The rounds through the server list (attempts:n, default 2, at most 5).</summary>
    public int Attempts { get; private init; } = 2;

    /// <summary>Whether to spread queries over the servers (rotate).</summary>
    public bool Rotate { get; private init; }

    /// <summary>Whether use-vc asks for TCP for every query.</summary>
    public bool UseTcp { get; private init; }

    /// <summary>Problems found in the file, each naming its line; the rest of the file is still used.</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>Reads <paramref name="path"/> (default /etc/resolv.conf).</summary>
    /// <exception cref="IOException">The file cannot be read (a missing file is a <see cref="FileNotFoundException"/>).</exception>
    public static ResolvConf Load(string path = "/etc/resolv.conf") => Parse(File.ReadAllText(path), path);

    /// <summary>Reads <paramref name="path"/>, or says why it cannot: missing, not readable, or not a file.</summary>
    internal static ResolvConf? TryLoad(string path, out string? problem)
    {
        try
        {
            problem = null;
            return Load(path);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            problem = exception is FileNotFoundException or DirectoryNotFoundException ? $"{path} does not exist" : $"{path} cannot be read ({exception.Message})";
            return null;
        }
    }

    /// <summary>Parses resolv.conf text; <paramref name="sourceName"/> names it in warnings.</summary>
    public static ResolvConf Parse(string text, string sourceName = "resolv.conf")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser();
        string[] lines = text.Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            int comment = line.IndexOfAny(['#', ';']);
            string[] words = (comment >= 0 ? line[..comment] : line).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            string where = $"{sourceName}:{number}";
            switch (words)
            {
                case ["nameserver", string address, ..]:
                    parser.NameServer(address, where);
                    break;
                case ["options", .. string[] options]:
                    parser.Options(options, where);
                    break;
            }
        }

        return new ResolvConf
        {
            NameServers = parser.Servers,
            Timeout = parser.Timeout,
            Attempts = parser.Attempts,
            Rotate = parser.Rotate,
            UseTcp = parser.UseTcp,
            Warnings = parser.Warnings,
        };
    }

    /// <summary>What the lines read so far set.</summary>
    private sealed class Parser
    {
        public List<IPEndPoint> Servers { get; } = [];

        public List<string> Warnings { get; } = [];

        public TimeSpan Timeout { get; private set; } = TimeSpan.FromSeconds(5);

        public int Attempts { get; private set; } = 2;

        public bool Rotate { get; private set; }

        public bool UseTcp { get; private set; }

        public void NameServer(string address, string where)
        {
            int scope = address.IndexOf('%', StringComparison.Ordinal);
            if (!IPAddress.TryParse(address, out IPAddress? ip) && !(scope > 0 && IPAddress.TryParse(address[..scope], out ip)))
            {
                Warnings.Add($"{where}: '{address}' is not an IP address");
            }
            else if (Servers.Count >= MaxNameServers)
            {
                Warnings.Add($"{where}: name server {address} ignored: only the first {MaxNameServers} are used");
            }
            else
            {
                // A scope the runtime understands (a numeric one, or an interface that exists) is kept on the address.
                Servers.Add(new IPEndPoint(IPAddress.TryParse(address, out IPAddress? scoped) ? scoped : ip, 53));
            }
        }

        public void Options(IEnumerable<string> options, string where)
        {
            foreach (string option in options)
            {
                int colon = option.IndexOf(':', StringComparison.Ordinal);
                string key = colon < 0 ? option : option[..colon];
                string? value = colon < 0 ? null : option[(colon + 1)..];
                switch (key)
                {
                    case "timeout":
                        Timeout = TimeSpan.FromSeconds(Number(value, 1, 30, 5, key, where));
                        break;
                    case "attempts":
                        Attempts = Number(value, 1, 5, 2, key, where);
                        break;
                    case "rotate":
                        Rotate = true;
                        break;
                    case "use-vc" or "usevc":
                        UseTcp = true;
                        break;
                }
            }
        }

        private int Number(string? value, int minimum, int maximum, int fallback, string key, string where)
        {
            if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
            {
                Warnings.Add($"{where}: option {key} needs a number, not '{value}'");
                return fallback;
            }

            // resolv.conf(5): values beyond the limits are silently capped.
            return Math.Clamp(number, minimum, maximum);
        }
    }
}
