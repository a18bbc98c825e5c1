using System.Net;
using System.Net.Sockets;

namespace Dnssec.Resolver;

/// <summary>
/// A DNS over HTTPS upstream (RFC 8484): where it listens, the URL it is asked at, and how its certificate is judged,
/// which is DNS over TLS's (RFC 8310 strict or opportunistic profile, <see cref="TlsUpstream"/>).
/// </summary>
internal sealed class HttpsUpstream
{
    public HttpsUpstream(TlsUpstream tls, Uri url)
    {
        Tls = tls;
        // The request goes to the authentication name when there is one, so that SNI and the Host header carry it;
        // the connection itself always goes to the configured address (the handler's connect callback).
        string host = tls.AuthenticationName
            ?? (tls.EndPoint.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{tls.EndPoint.Address}]" : tls.EndPoint.Address.ToString());
        RequestUrl = new UriBuilder(Uri.UriSchemeHttps, host, tls.EndPoint.Port, url.AbsolutePath) { Query = url.Query.TrimStart('?') }.Uri;
    }

    public IPEndPoint EndPoint => Tls.EndPoint;

    public TlsUpstream Tls { get; }

    /// <summary>The URL of the requests, with the authentication name (or the address) as host and the configured path and query.</summary>
    public Uri RequestUrl { get; }
}
