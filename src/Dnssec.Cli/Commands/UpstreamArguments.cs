using System.CommandLine;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Dnssec.Resolver;
using Dnssec.Wire;

namespace Dnssec.Cli.Commands;

/// <summary>
/// The options that say where and how a resolver asks — --server, --tls-ca, --tls-pin, --iterative, --hints,
/// --authority-port, --forward-zone, --stub-zone, --no-aggressive-nsec, --no-qname-minimisation, --tcp, --no-fallback, -4
/// and -6 — shared by every command that builds a <see cref="DnssecResolver"/>, so that they read and fail alike.
/// </summary>
/// <param name="commandName">The command as users type it ("dnssec resolve"), the prefix of every error message.</param>
internal sealed class UpstreamArguments(string commandName)
{
    public Option<string[]> Servers { get; } = new("--server")
    {
        Description = "A recursive upstream, IP[:PORT], or tls://IP[:PORT][#AUTH-NAME] for DNS over TLS (port 853), or https://HOST[:PORT]/PATH for DNS over HTTPS "
            + "(port 443; HOST an IP, optionally with #AUTH-NAME, or a name: followed by #IP, the address to connect to, or alone, looked up once through the system resolver, in clear text, with a warning; localhost needs no lookup); "
            + "with an authentication name or --tls-pin the server must authenticate, without either it is encrypted but unauthenticated; "
            + "repeat for several (default: the name servers of /etc/resolv.conf).",
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The CAs that authenticate DNS over TLS and HTTPS upstreams by name (RFC 8310 strict profile).</summary>
    public Option<FileInfo?> TlsCa { get; } = new("--tls-ca") { Description = "PEM file of the CAs the certificate of a tls://IP#AUTH-NAME or https:// upstream with a name must chain to (default: the system store)." };

    /// <summary>SPKI pins that DNS over TLS and HTTPS upstreams must present (RFC 7858 §4.2).</summary>
    public Option<string[]> TlsPins { get; } = new("--tls-pin")
    {
        Description = "sha256/BASE64: the SHA-256 of a SubjectPublicKeyInfo that every tls:// and https:// upstream's chain must hold (strict profile); repeat for a pin set.",
        AllowMultipleArgumentsPerToken = false,
    };

    public Option<bool> Iterative { get; } = new("--iterative") { Description = "Resolve from the root hints instead of asking an upstream." };

    public Option<FileInfo?> Hints { get; } = new("--hints") { Description = "Root hints in named.root form for iterative resolution and the stub's fallback (default: the shipped hints)." };

    public Option<int> AuthorityPort { get; } = new("--authority-port") { Description = "The port of authoritative servers in iterative mode (default 53).", DefaultValueFactory = _ => 53 };

    public Option<string[]> ForwardZones { get; } = new("--forward-zone") { Description = "ZONE=IP[:PORT][,IP[:PORT]...]: ask these recursive servers for names in ZONE (Unbound's forward-zone); repeat for several zones." };

    public Option<string[]> StubZones { get; } = new("--stub-zone") { Description = "ZONE=IP[,IP...]: ask these authoritative servers for names in ZONE, on the authority port (Unbound's stub-zone); repeat for several zones." };

    /// <summary>Turns off answers synthesised from cached NSEC and NSEC3 records (Unbound's aggressive-nsec: no).</summary>
    public Option<bool> NoAggressiveNsec { get; } = new("--no-aggressive-nsec") { Description = "Do not answer NXDOMAIN and NODATA from validated NSEC/NSEC3 records already in the cache (RFC 8198); ask every name." };

    /// <summary>Sends authorities the whole query name (Unbound's qname-minimisation: no).</summary>
    public Option<bool> NoQnameMinimisation { get; } = new("--no-qname-minimisation") { Description = "In iterative resolution, send every authority the whole query name instead of only the labels it needs (RFC 9156, on by default)." };

    /// <summary>Sends every upstream query over TCP, as resolv.conf's use-vc does.</summary>
    public Option<bool> Tcp { get; } = new("--tcp") { Description = "Ask the upstreams over TCP only, never UDP (resolv.conf's use-vc)." };

    /// <summary>Keeps a stub from resolving iteratively when its upstream strips or forges DNSSEC data.</summary>
    public Option<bool> NoFallback { get; } = new("--no-fallback") { Description = "Never fall back to iterative resolution from the root hints when the upstream strips DNSSEC data: such answers stay indeterminate." };

    /// <summary>Asks only IPv4 upstreams and authorities (dig's -4).</summary>
    public Option<bool> IPv4 { get; } = new("-4") { Description = "Ask only IPv4 upstreams and authoritative servers." };

    /// <summary>Asks only IPv6 upstreams and authorities (dig's -6).</summary>
    public Option<bool> IPv6 { get; } = new("-6") { Description = "Ask only IPv6 upstreams and authoritative servers." };

    /// <summary>Adds every option to <paramref name="command"/>, in the order resolve's help shows them.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in (Option[])[Servers, TlsCa, TlsPins, Iterative, Hints, AuthorityPort, ForwardZones, StubZones, NoAggressiveNsec, NoQnameMinimisation, Tcp, NoFallback, IPv4, IPv6])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Puts the parsed options into <paramref name="options"/>; false, with the reason written to <paramref name="error"/>, when one is malformed.</summary>
    public bool TryApply(ParseResult result, ResolverOptions options, TextWriter error)
    {
        int authorityPort = result.GetValue(AuthorityPort);
        if (authorityPort is < 1 or > ushort.MaxValue)
        {
            error.WriteLine($"{commandName}: --authority-port {authorityPort} is not a port");
            return false;
        }

        bool ipv4 = result.GetValue(IPv4);
        bool ipv6 = result.GetValue(IPv6);
        if (ipv4 && ipv6)
        {
            error.WriteLine($"{commandName}: -4 and -6 exclude each other");
            return false;
        }

        options.AddressFamily = ipv4 ? AddressFamily.InterNetwork : ipv6 ? AddressFamily.InterNetworkV6 : null;
        options.UseTcp = result.GetValue(Tcp);
        options.FallbackToIterative = !result.GetValue(NoFallback);
        options.Mode = result.GetValue(Iterative) ? ResolutionMode.Iterative : ResolutionMode.Stub;
        options.RootHintsPath = result.GetValue(Hints)?.FullName;
        options.AuthorityPort = authorityPort;
        options.AggressiveNsec = !result.GetValue(NoAggressiveNsec);
        options.QnameMinimisation = !result.GetValue(NoQnameMinimisation);
        foreach (string text in result.GetValue(Servers) ?? [])
        {
            if (!TryParseUpstream(commandName, text, out UpstreamServer? server, out string? problem))
            {
                error.WriteLine($"{commandName}: --server {problem}");
                return false;
            }

            options.Servers.Add(server);
        }

        return TryApplyTls(result, options, error)
            && TryApplyForwardZones(result.GetValue(ForwardZones) ?? [], options, error)
            && TryApplyStubZones(result.GetValue(StubZones) ?? [], options, error);
    }

    /// <summary>
    /// Reads one --server value for <paramref name="commandName"/> (every command that takes --server reads it here) and,
    /// when its server's address had to be looked up, says so on standard error: the lookup went in clear text to the
    /// system's resolver, telling it which encrypted resolver is used, which a user who chose DNS over HTTPS should know.
    /// </summary>
    public static bool TryParseUpstream(string commandName, string text, [NotNullWhen(true)] out UpstreamServer? server, [NotNullWhen(false)] out string? problem)
    {
        if (!UpstreamServer.TryParse(text, out server, out problem))
        {
            return false;
        }

        if (server.AddressLookedUp)
        {
            Console.Error.WriteLine($"{commandName}: warning: --server {text}: the address of {server.AuthenticationName} ({server.EndPoint.Address}) was looked up in clear text through the system resolver, "
                + $"which learned which encrypted resolver is used; write --server {server} to avoid the lookup");
        }

        return true;
    }

    /// <summary>
    /// Reads a plain IP[:PORT], as --forward-zone takes its servers; a tls:// or https:// form is refused rather than read
    /// as its bare address, which would send the questions in clear text to the encrypted port.
    /// </summary>
    public static bool TryParseServer(string text, [NotNullWhen(true)] out IPEndPoint? server)
    {
        server = UpstreamServer.TryParse(text, out UpstreamServer? upstream) && upstream.Protocol == UpstreamProtocol.Plain ? upstream.EndPoint : null;
        return server is not null;
    }

    private bool TryApplyTls(ParseResult result, ResolverOptions options, TextWriter error)
    {
        FileInfo? ca = result.GetValue(TlsCa);
        string[] pins = result.GetValue(TlsPins) ?? [];
        if ((ca is not null || pins.Length > 0) && !options.Servers.Any(server => server.Protocol != UpstreamProtocol.Plain))
        {
            error.WriteLine($"{commandName}: {(ca is not null ? "--tls-ca" : "--tls-pin")} applies to tls:// upstreams and https:// upstreams, and no --server names one");
            return false;
        }

        if (ca is not null && !ca.Exists)
        {
            error.WriteLine($"{commandName}: --tls-ca '{ca.FullName}' does not exist");
            return false;
        }

        foreach (string text in pins)
        {
            if (!SpkiPin.TryParse(text, out _, out string? problem))
            {
                error.WriteLine($"{commandName}: --tls-pin: {problem}");
                return false;
            }

            options.TlsPins.Add(text.Trim());
        }

        options.TlsCaFile = ca?.FullName;
        return true;
    }

    private bool TryApplyForwardZones(string[] texts, ResolverOptions options, TextWriter error)
    {
        foreach (string text in texts)
        {
            if (!TrySplit(text, "--forward-zone", error, out DnsName? zone, out string[]? addresses))
            {
                return false;
            }

            var servers = new List<IPEndPoint>();
            foreach (string address in addresses)
            {
                if (!TryParseServer(address, out IPEndPoint? server))
                {
                    error.WriteLine($"{commandName}: --forward-zone '{text}': '{address}' is not IP[:PORT]");
                    return false;
                }

                servers.Add(server);
            }

            options.ForwardZones[zone] = servers;
        }

        return true;
    }

    private bool TryApplyStubZones(string[] texts, ResolverOptions options, TextWriter error)
    {
        foreach (string text in texts)
        {
            if (!TrySplit(text, "--stub-zone", error, out DnsName? zone, out string[]? addresses))
            {
                return false;
            }

            var servers = new List<IPAddress>();
            foreach (string address in addresses)
            {
                if (!IPAddress.TryParse(address, out IPAddress? server))
                {
                    error.WriteLine($"{commandName}: --stub-zone '{text}': '{address}' is not an IP address (the port is --authority-port)");
                    return false;
                }

                servers.Add(server);
            }

            options.StubZones[zone] = servers;
        }

        return true;
    }

    private bool TrySplit(string text, string option, TextWriter error, [NotNullWhen(true)] out DnsName? zone, [NotNullWhen(true)] out string[]? addresses)
    {
        zone = null;
        addresses = null;
        int equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || !DnsName.TryParse(text[..equals], out zone))
        {
            error.WriteLine($"{commandName}: {option} '{text}' is not ZONE=ADDRESS[,ADDRESS...]");
            return false;
        }

        addresses = text[(equals + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (addresses.Length == 0)
        {
            error.WriteLine($"{commandName}: {option} '{text}' names no server");
            return false;
        }

        return true;
    }
}
