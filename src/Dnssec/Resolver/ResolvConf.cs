using System.Globalization;
using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// The settings of a resolv.conf file (resolv.conf(5)): name servers (IPv4 and IPv6, with an optional %scope), search
/// domains, and the options timeout, attempts, rotate, ndots, edns0 and use-vc. Unknown lines are ignored, as the C
/// library does; malformed values of known options are reported.
/// </summary>
public sealed class ResolvConf
{
    /// <summary>The C library's limit on name servers: later ones are ignored.</summary>
    public const int MaxNameServers = 3;

    /// <summary>The name servers, in order, on port 53.</summary>
    public IReadOnlyList<IPEndPoint> NameServers { get; private init; } = [];

    /// <summary>The search list (the last search or domain line wins).</summary>
    public IReadOnlyList<DnsName> Search { get; private init; } = [];

    /// <summary>The per-try timeout (timeout:n, default 5 s, at most 30 s).</summary>
    public TimeSpan Timeout { get; private init; } = TimeSpan.FromSeconds(5);

    /// <summary>The rounds through the server list (attempts:n, default 2, at most 5).</summary>
    public int Attempts { get; private init; } = 2;

    /// <summary>Whether to spread queries over the servers (rotate).</summary>
    public bool Rotate { get; private init; }

    /// <summary>The dots a name needs before it is tried as absolute first (ndots:n, default 1, at most 15).</summary>
    public int Ndots { get; private init; } = 1;

    /// <summary>Whether edns0 was asked for; Dnssec always sends EDNS(0), so this is informational.</summary>
    public bool Edns0 { get; private init; }

    /// <summary>Whether use-vc asks for TCP for every query.</summary>
    public bool UseTcp { get; private init; }

    /// <summary>Problems found in the file, each naming its line; the rest of the file is still used.</summary>
    public IReadOnlyList<string> Warnings { get; private init; } = [];

    /// <summary>Reads <paramref name="path"/> (default /etc/resolv.conf).</summary>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ResolvConf Load(string path = "/etc/resolv.conf") => Parse(File.ReadAllText(path), path);

    /// <summary>Parses resolv.conf text; <paramref name="sourceName"/> names it in warnings.</summary>
    public static ResolvConf Parse(string text, string sourceName = "resolv.conf")
    {
        ArgumentNullException.ThrowIfNull(text);
        var servers = new List<IPEndPoint>();
        IReadOnlyList<DnsName> search = [];
        var warnings = new List<string>();
        TimeSpan timeout = TimeSpan.FromSeconds(5);
        int attempts = 2;
        int ndots = 1;
        bool rotate = false;
        bool edns = false;
        bool useVc = false;
        string[] lines = text.Split('\n');
        for (int number = 1; number <= lines.Length; number++)
        {
            string line = lines[number - 1];
            int comment = line.IndexOfAny(['#', ';']);
            string[] words = (comment >= 0 ? line[..comment] : line).Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            string where = $"{sourceName}:{number}";
            switch (words[0])
            {
                case "nameserver" when words.Length >= 2:
                    string address = words[1];
                    int scope = address.IndexOf('%', StringComparison.Ordinal);
                    if (IPAddress.TryParse(address, out IPAddress? ip) || (scope > 0 && IPAddress.TryParse(address[..scope], out ip)))
                    {
                        if (servers.Count < MaxNameServers)
                        {
                            servers.Add(new IPEndPoint(IPAddress.TryParse(address, out IPAddress? scoped) ? scoped : ip, 53));
                        }
                        else
                        {
                            warnings.Add($"{where}: name server {address} ignored: only the first {MaxNameServers} are used");
                        }
                    }
                    else
                    {
                        warnings.Add($"{where}: '{address}' is not an IP address");
                    }

                    break;
                case "domain" or "search":
                    var list = new List<DnsName>();
                    foreach (string domain in words.Skip(1))
                    {
                        if (DnsName.TryParse(domain, out DnsName? name))
                        {
                            list.Add(name);
                        }
                        else
                        {
                            warnings.Add($"{where}: '{domain}' is not a domain name");
                        }
                    }

                    search = words[0] == "domain" ? list.Take(1).ToList() : list;
                    break;
                case "options":
                    foreach (string option in words.Skip(1))
                    {
                        int colon = option.IndexOf(':', StringComparison.Ordinal);
                        string key = colon < 0 ? option : option[..colon];
                        string? value = colon < 0 ? null : option[(colon + 1)..];
                        switch (key)
                        {
                            case "timeout":
                                timeout = TimeSpan.FromSeconds(Number(value, 1, 30, 5, key, where, warnings));
                                break;
                            case "attempts":
                                attempts = Number(value, 1, 5, 2, key, where, warnings);
                                break;
                            case "ndots":
                                ndots = Number(value, 0, 15, 1, key, where, warnings);
                                break;
                            case "rotate":
                                rotate = true;
                                break;
                            case "edns0":
                                edns = true;
                                break;
                            case "use-vc" or "usevc":
                                useVc = true;
                                break;
                        }
                    }

                    break;
            }
        }

        return new ResolvConf
        {
            NameServers = servers,
            Search = search,
            Timeout = timeout,
            Attempts = attempts,
            Ndots = ndots,
            Rotate = rotate,
            Edns0 = edns,
            UseTcp = useVc,
            Warnings = warnings,
        };
    }

    private static int Number(string? value, int minimum, int maximum, int fallback, string key, string where, List<string> warnings)
    {
        if (value is null || !int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int number))
        {
            warnings.Add($"{where}: option {key} needs a number, not '{value}'");
            return fallback;
        }

        // resolv.conf(5): values beyond the limits are silently capped.
        return Math.Clamp(number, minimum, maximum);
    }
}
