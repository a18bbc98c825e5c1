namespace Dnssec.Resolver;

/// <summary>The transport an exchange used.</summary>
public enum TransportProtocol
{
    /// <summary>UDP with EDNS(0).</summary>
    Udp,
    /// <summary>TCP with the two-octet length prefix (RFC 7766).</summary>
    Tcp,
    /// <summary>DNS over TLS (RFC 7858): TCP framing inside a TLS session.</summary>
    Tls,
    /// <summary>DNS over HTTPS (RFC 8484): one DNS message per HTTP exchange, over HTTP/2 or HTTP/1.1 inside TLS.</summary>
    Https,
}
