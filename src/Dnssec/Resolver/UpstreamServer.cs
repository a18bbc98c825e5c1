using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Net.Sockets;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A recursive upstream: its address and port, written <c>192.0.2.1</c>, <c>192.0.2.1:5353</c>, <c>2001:db8::1</c> or
/// <c>[2001:db8::1]:5353</c> (port 53 when none is given), or over DNS over TLS <c>tls://IP[:PORT][#AUTH-NAME]</c>
/// (port 853 when none is given; RFC 7858), or over DNS over HTTPS <c>https://HOST[:PORT]/PATH</c> (port 443; RFC 8484),
/// where HOST is an IP literal (optionally followed by <c>#AUTH-NAME</c>), <c>localhost</c>, a name followed by <c>#IP</c>,
/// the address to connect to, or a name alone, looked up once while the text is read (see <see cref="AddressLookedUp"/>).
/// A TLS or HTTPS upstream with an authentication name (a named HOST is one) or SPKI pins is used in RFC 8310's strict
/// profile, one with neither in the opportunistic profile. The configuration binder converts such strings into it, so
/// <see cref="ResolverOptions.Servers"/> can come from appsettings.json or the environment.
/// </summary>
[TypeConverter(typeof(UpstreamServerConverter))]
public sealed record UpstreamServer
{
    /// <summary>The DNS port, used when the text gives none.</summary>
    public const int DefaultPort = 53;

    /// <summary>The DNS over TLS port (RFC 7858 §3.1), used when a <c>tls://</c> text gives none.</summary>
    public const int DefaultTlsPort = 853;

    /// <summary>The DNS over HTTPS port (RFC 8484 §8.1: HTTPS), used when an <c>https://</c> text gives none.</summary>
    public const int DefaultHttpsPort = 443;

    private const string TlsScheme = "tls://";
    private const string HttpsScheme = "https://";

    /// <summary>How long reading <c>https://NAME/PATH</c> waits for the system resolver to give NAME's address.</summary>
    private static readonly TimeSpan AddressLookupTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Wraps an endpoint.</summary>
    public UpstreamServer(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint;
    }

    /// <summary>Where the upstream listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Plain DNS, DNS over TLS or DNS over HTTPS.</summary>
    public UpstreamProtocol Protocol { get; init; }

    /// <summary>The URL a DNS over HTTPS upstream is asked at, as written without its <c>#</c> part (RFC 8484 §3); null for other protocols.</summary>
    public Uri? HttpsUrl { get; init; }

    /// <summary>The name a TLS or HTTPS upstream's certificate must be valid for (RFC 8310 §8.2, the authentication domain name); null when none is required.</summary>
    public string? AuthenticationName { get; init; }

    /// <summary>
    /// True when the text named a DNS over HTTPS server without its address (<c>https://NAME/PATH</c>), so that
    /// <see cref="EndPoint"/> was found by asking the system resolver (<see cref="Dns.GetHostAddressesAsync(string, CancellationToken)"/>,
    /// /etc/hosts included). It matters because that lookup went in clear text, telling the system's resolver and the
    /// network which encrypted resolver is used, and its answer was not authenticated (the certificate check, against
    /// the name, still catches a wrong server); <c>https://NAME/PATH#IP</c>, which <see cref="ToString"/> writes, avoids it.
    /// </summary>
    public bool AddressLookedUp { get; private init; }

    /// <summary>SPKI pins of which a TLS upstream's chain must hold one (RFC 7858 §4.2), beside <see cref="ResolverOptions.TlsPins"/>.</summary>
    public IReadOnlyList<SpkiPin> Pins { get; init; } = [];

    /// <summary>
    /// Reads <c>IP</c>, <c>IPv4:PORT</c>, <c>[IPv6]:PORT</c>, <c>tls://</c> followed by one of those and an optional
    /// <c>#AUTH-NAME</c>, or <c>https://IP[:PORT]/PATH[#AUTH-NAME]</c>, <c>https://NAME[:PORT]/PATH#IP</c> or
    /// <c>https://NAME[:PORT]/PATH</c>; the last asks the system resolver for NAME's addresses, waiting at most five
    /// seconds, and connects to the first IPv4 address it gives, or to its first address when it
    /// gives no IPv4 one.
    /// </summary>
    /// <exception cref="FormatException">The text is no upstream, or its server's name could not be looked up; the message says what is wrong.</exception>
    public static UpstreamServer Parse(string text) =>
        TryParse(text, out UpstreamServer? server, out string? problem) ? server : throw new FormatException(problem);

    /// <summary>Reads an upstream as <see cref="Parse"/> does; false when the text is no address, its port is 0 or out of range, its authentication name is no domain name, or its server's name could not be looked up.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UpstreamServer? server) => TryParse(text, out server, out _);

    /// <summary>Reads an upstream as <see cref="Parse"/> does; false, with a sentence saying what is wrong, when the text is none.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UpstreamServer? server, [NotNullWhen(false)] out string? problem) =>
        TryParse(text, out server, out problem, out _);

    /// <summary>
    /// Reads an upstream as <see cref="Parse"/> does; <paramref name="lookupFailed"/> tells a text well formed but naming a
    /// server that could not be looked up from a malformed one, so that a caller can say which it was.
    /// </summary>
    internal static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UpstreamServer? server, [NotNullWhen(false)] out string? problem, out bool lookupFailed)
    {
        lookupFailed = false;
        server = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "an empty upstream is not IP[:PORT], tls://IP[:PORT][#AUTH-NAME] or https://HOST[:PORT]/PATH";
            return false;
        }

        text = text.Trim();
        if (text.StartsWith(HttpsScheme, StringComparison.OrdinalIgnoreCase))
        {
            return TryParseHttps(text, out server, out problem, out lookupFailed);
        }

        if (!text.StartsWith(TlsScheme, StringComparison.OrdinalIgnoreCase))
        {
            if (text.Contains("://", StringComparison.Ordinal))
            {
                problem = $"'{text}' has a scheme other than tls:// or https://";
                return false;
            }

            if (!TryParseEndPoint(text, DefaultPort, out IPEndPoint? endPoint))
            {
                problem = $"'{text}' is not IP[:PORT]";
                return false;
            }

            server = new UpstreamServer(endPoint);
            problem = null;
            return true;
        }

        string rest = text[TlsScheme.Length..];
        int hash = rest.IndexOf('#', StringComparison.Ordinal);
        string address = hash < 0 ? rest : rest[..hash];
        string? name = hash < 0 ? null : rest[(hash + 1)..];
        if (!TryParseEndPoint(address, DefaultTlsPort, out IPEndPoint? tlsEndPoint))
        {
            problem = $"'{text}': '{address}' is not IP[:PORT]";
            return false;
        }

        if (name is not null && !IsAuthenticationName(name))
        {
            problem = $"'{text}': the authentication name '{name}' is not a domain name";
            return false;
        }

        server = new UpstreamServer(tlsEndPoint) { Protocol = UpstreamProtocol.Tls, AuthenticationName = name?.TrimEnd('.') };
        problem = null;
        return true;
    }

    /// <summary>The endpoint as an upstream, so that <c>options.Servers.Add(endPoint)</c> reads naturally.</summary>
    public static implicit operator UpstreamServer(IPEndPoint endPoint) => new(endPoint);

    /// <summary>The endpoint as an upstream.</summary>
    public static UpstreamServer FromIPEndPoint(IPEndPoint endPoint) => new(endPoint);

    /// <summary>
    /// The upstream as <see cref="Parse"/> reads it back (pins, which the text form does not carry, left out); a named
    /// DNS over HTTPS server is written <c>https://NAME[:PORT]/PATH#IP</c>, so that an address looked up is pinned and
    /// reading the text again makes no second lookup, which could give another address.
    /// </summary>
    public override string ToString() => Protocol switch
    {
        UpstreamProtocol.Tls => $"{TlsScheme}{EndPoint}{(AuthenticationName is null ? "" : "#" + AuthenticationName)}",
        UpstreamProtocol.Https when HttpsUrl is { HostNameType: UriHostNameType.Dns } => $"{HttpsUrl.AbsoluteUri}#{EndPoint.Address}",
        UpstreamProtocol.Https => $"{HttpsUrl!.AbsoluteUri}{(AuthenticationName is null ? "" : "#" + AuthenticationName)}",
        _ => EndPoint.ToString(),
    };

    private static bool IsAuthenticationName(string name) =>
        name.Length > 0 && DnsName.TryParse(name, out DnsName? parsed) && !parsed.IsRoot && !IPAddress.TryParse(name, out _);

    /// <summary>
    /// Reads <c>https://HOST[:PORT]/PATH</c> with its <c>#</c> part: after an IP literal an optional authentication name,
    /// after a name the address to connect to, looked up when none is given.
    /// </summary>
    private static bool TryParseHttps(string text, [NotNullWhen(true)] out UpstreamServer? server, [NotNullWhen(false)] out string? problem, out bool lookupFailed)
    {
        server = null;
        lookupFailed = false;
        int hash = text.IndexOf('#', StringComparison.Ordinal);
        string url = hash < 0 ? text : text[..hash];
        string? fragment = hash < 0 ? null : text[(hash + 1)..];
        if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.HostNameType is UriHostNameType.Unknown or UriHostNameType.Basic || uri.Host.Length == 0)
        {
            problem = $"'{text}' is not https://HOST[:PORT]/PATH";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            problem = $"'{text}': a DNS over HTTPS URL carries no user name or password";
            return false;
        }

        if (uri.Port is <= 0 or > IPEndPoint.MaxPort)
        {
            problem = $"'{text}': the port {uri.Port} is out of range";
            return false;
        }

        // RFC 8484 §3: the URI template names a path of the server's choosing; a bare host would guess one.
        if (uri.AbsolutePath == "/")
        {
            problem = $"'{text}' has no path: write the server's URL path, such as https://{uri.Authority}/dns-query";
            return false;
        }

        if (uri.Query.Contains("dns=", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"'{text}' already carries dns= in its query, which GET requests fill with the query itself";
            return false;
        }

        if (uri.HostNameType == UriHostNameType.Dns)
        {
            string host = uri.IdnHost.TrimEnd('.');
            if (!IsAuthenticationName(host))
            {
                problem = $"'{text}': the host '{uri.Host}' is not a domain name";
                return false;
            }

            IPAddress? address;
            bool lookedUp = false;
            if (fragment is not null)
            {
                if (!IPAddress.TryParse(fragment, out address))
                {
                    problem = $"'{text}': '{fragment}' after # is not the IP address of {host}";
                    return false;
                }
            }
            else if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase))
            {
                // RFC 6761 §6.3: localhost is the loopback address by definition, so knowing it tells the network nothing.
                address = IPAddress.Loopback;
            }
            else if (TryLookUp(host, out address, out string? failure))
            {
                lookedUp = true;
            }
            else
            {
                problem = $"'{text}': the address of {host} could not be looked up through the system resolver ({failure}); give it after #, as in {uri.AbsoluteUri}#192.0.2.1";
                lookupFailed = true;
                return false;
            }

            server = new UpstreamServer(new IPEndPoint(address, uri.Port)) { Protocol = UpstreamProtocol.Https, HttpsUrl = uri, AuthenticationName = host, AddressLookedUp = lookedUp };
            problem = null;
            return true;
        }

        if (fragment is not null && !IsAuthenticationName(fragment))
        {
            problem = $"'{text}': the authentication name '{fragment}' is not a domain name";
            return false;
        }

        server = new UpstreamServer(new IPEndPoint(IPAddress.Parse(uri.Host.Trim('[', ']')), uri.Port)) { Protocol = UpstreamProtocol.Https, HttpsUrl = uri, AuthenticationName = fragment?.TrimEnd('.') };
        problem = null;
        return true;
    }

    /// <summary>
    /// Asks the system resolver for <paramref name="host"/>'s addresses, as dnscrypt-proxy and cloudflared find their
    /// servers, and picks the first IPv4 one (an IPv4 route is the likelier to work), else the first. The wait is bounded,
    /// as parsing runs in constructors and the configuration binder, where an unreachable resolver must not hang start-up.
    /// </summary>
    private static bool TryLookUp(string host, [NotNullWhen(true)] out IPAddress? address, [NotNullWhen(false)] out string? failure)
    {
        address = null;
        using var cancellation = new CancellationTokenSource();
        Task<IPAddress[]> lookup = Dns.GetHostAddressesAsync(host, cancellation.Token);
        IPAddress[] addresses;
        try
        {
            if (!lookup.Wait(AddressLookupTimeout))
            {
                cancellation.Cancel();
                failure = $"no answer within {AddressLookupTimeout.TotalSeconds:0} s";
                return false;
            }

            addresses = lookup.Result;
        }
        catch (AggregateException exception) when (exception.InnerException is SocketException or ArgumentException)
        {
            failure = exception.InnerException.Message;
            return false;
        }

        address = Array.Find(addresses, candidate => candidate.AddressFamily == AddressFamily.InterNetwork) ?? (addresses.Length > 0 ? addresses[0] : null);
        failure = address is null ? "it gave no address" : null;
        return address is not null;
    }

    private static bool TryParseEndPoint(string text, int defaultPort, [NotNullWhen(true)] out IPEndPoint? endPoint)
    {
        endPoint = null;
        // IPAddress.TryParse also takes "[2001:db8::1]:5353" and drops the port, so a bracketed form is an endpoint here.
        bool bracketed = text.StartsWith('[');
        if (!bracketed && IPAddress.TryParse(text, out IPAddress? address))
        {
            endPoint = new IPEndPoint(address, defaultPort);
        }
        else if (bracketed && text.EndsWith(']') && IPAddress.TryParse(text[1..^1], out address))
        {
            endPoint = new IPEndPoint(address, defaultPort);
        }
        else if (IPEndPoint.TryParse(text, out IPEndPoint? parsed) && parsed.Port != 0)
        {
            endPoint = parsed;
        }

        return endPoint is not null;
    }
}
