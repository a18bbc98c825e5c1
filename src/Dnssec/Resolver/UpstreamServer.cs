using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Net;

namespace Dnssec.Resolver;

/// <summary>
/// A recursive upstream's address and port, written <c>192.0.2.1</c>, <c>192.0.2.1:5353</c>, <c>2001:db8::1</c> or
/// <c>[2001:db8::1]:5353</c> (port 53 when none is given); the configuration binder converts such strings into it, so
/// <see cref="ResolverOptions.Servers"/> can come from appsettings.json or the environment.
/// </summary>
[TypeConverter(typeof(UpstreamServerConverter))]
public sealed record UpstreamServer
{
    /// <summary>The DNS port, used when the text gives none.</summary>
    public const int DefaultPort = 53;

    /// <summary>Wraps an endpoint.</summary>
    public UpstreamServer(IPEndPoint endPoint)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        EndPoint = endPoint;
    }

    /// <summary>Where the upstream listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>Reads <c>IP</c>, <c>IPv4:PORT</c> or <c>[IPv6]:PORT</c>.</summary>
    /// <exception cref="FormatException">The text is no address, or its port is 0 or out of range.</exception>
    public static UpstreamServer Parse(string text) =>
        TryParse(text, out UpstreamServer? server) ? server : throw new FormatException($"'{text}' is not IP[:PORT]");

    /// <summary>Reads <c>IP</c>, <c>IPv4:PORT</c> or <c>[IPv6]:PORT</c>; false when the text is no address or its port is 0 or out of range.</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, [NotNullWhen(true)] out UpstreamServer? server)
    {
        server = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        // IPAddress.TryParse also takes "[2001:db8::1]:5353" and drops the port, so a bracketed form is an endpoint here.
        bool bracketed = text.StartsWith('[');
        if (!bracketed && IPAddress.TryParse(text, out IPAddress? address))
        {
            server = new UpstreamServer(new IPEndPoint(address, DefaultPort));
        }
        else if (bracketed && text.EndsWith(']') && IPAddress.TryParse(text[1..^1], out address))
        {
            server = new UpstreamServer(new IPEndPoint(address, DefaultPort));
        }
        else if (IPEndPoint.TryParse(text, out IPEndPoint? endPoint) && endPoint.Port != 0)
        {
            server = new UpstreamServer(endPoint);
        }

        return server is not null;
    }

    /// <summary>The endpoint as an upstream, so that <c>options.Servers.Add(endPoint)</c> reads naturally.</summary>
    public static implicit operator UpstreamServer(IPEndPoint endPoint) => new(endPoint);

    /// <summary>The endpoint as an upstream.</summary>
    public static UpstreamServer FromIPEndPoint(IPEndPoint endPoint) => new(endPoint);

    /// <summary>The address and port as <see cref="Parse"/> reads them back.</summary>
    public override string ToString() => EndPoint.ToString();
}
