using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using Dnssec.Wire;

namespace Dnssec.Resolver;

/// <summary>
/// A recursive upstream: its address and port, written <c>192.0.2.1</c>, <c>192.0.2.1:5353</c>, <c>2001:db8::1</c> or
/// <c>[2001:db8::1]:5353</c> (port 53 when none is given), or over DNS over TLS <c>tls://IP[:PORT][#AUTH-NAME]</c>
/// (port 853 when none is given; RFC 7858). A TLS upstream with an authentication name or SPKI pins is used in RFC 8310's
/// strict profile, one with neither in the opportunistic profile. The configuration binder converts such strings into
/// it, so <see cref="ResolverOptions.Servers"/> can come from appsettings.json or the environment.
/// </summary>
[TypeConverter(typeof(UpstreamServerConverter))]
public sealed record UpstreamServer
{
    /// <summary>The DNS port, used when the text gives none.</summary>
    public const int DefaultPort = 53;

    /// <summary>The DNS over TLS port (RFC 7858 §3.1), used when a <c>tls://</c> text gives none.</summary>
    public const int DefaultTlsPort = 853;

    private const string TlsScheme = "tls://";

    /// <summary>Wraps an endpoint.</summary>
    public UpstreamServer(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint;
    }

    /// <summary>Where the upstream listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Plain DNS or DNS over TLS.</summary>
    public UpstreamProtocol Protocol { get; init; }

    /// <summary>The name a TLS upstream's certificate must be valid for (RFC 8310 §8.2, the authentication domain name); null when none is required.</summary>
    public string? AuthenticationName { get; init; }

    /// <summary>SPKI pins of which a TLS upstream's chain must hold one (RFC 7858 §4.2), beside <see cref="ResolverOptions.TlsPins"/>.</summary>
    public IReadOnlyList<SpkiPin> Pins { get; init; } = [];

    /// <summary>Reads <c>IP</c>, <c>IPv4:PORT</c>, <c>[IPv6]:PORT</c> or <c>tls://</c> followed by one of those and an optional <c>#AUTH-NAME</c>.</summary>
    /// <exception cref="FormatException">The text is no upstream; the message says what is wrong.</exception>
    public static UpstreamServer Parse(string text) =>
        TryParse(text, out UpstreamServer? server, out string? problem) ? server : throw new FormatException(problem);

    /// <summary>Reads an upstream as <see cref="Parse"/> does; false when the text is no address, its port is 0 or out of range, or its authentication name is no domain name.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UpstreamServer? server) => TryParse(text, out server, out _);

    /// <summary>Reads an upstream as <see cref="Parse"/> does; false, with a sentence saying what is wrong, when the text is none.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UpstreamServer? server, [NotNullWhen(false)] out string? problem)
    {
        server = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "an empty upstream is not IP[:PORT] or tls://IP[:PORT][#AUTH-NAME]";
            return false;
        }

        text = text.Trim();
        if (!text.StartsWith(TlsScheme, StringComparison.OrdinalIgnoreCase))
        {
            if (text.Contains("://", StringComparison.Ordinal))
            {
                problem = $"'{text}' has a scheme other than tls:// (DNS over HTTPS is not supported)";
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

        if (name is not null && (name.Length == 0 || !DnsName.TryParse(name, out DnsName? parsed) || parsed.IsRoot || IPAddress.TryParse(name, out _)))
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

    /// <summary>The upstream as <see cref="Parse"/> reads it back (pins, which the text form does not carry, left out).</summary>
    public override string ToString() => Protocol == UpstreamProtocol.Tls
        ? $"{TlsScheme}{EndPoint}{(AuthenticationName is null ? "" : "#" + AuthenticationName)}"
        : EndPoint.ToString();

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
