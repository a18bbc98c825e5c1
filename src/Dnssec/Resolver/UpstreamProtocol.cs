namespace Dnssec.Resolver;

/// <summary>How a recursive upstream is asked.</summary>
public enum UpstreamProtocol
{
    /// <summary>UDP, and TCP when a response is truncated or TCP is asked for (RFC 1035, RFC 7766).</summary>
    Plain,
    /// <summary>DNS over TLS (RFC 7858) on one kept connection, queries padded (RFC 7830, RFC 8467).</summary>
    Tls,
    /// <summary>DNS over HTTPS (RFC 8484) through one kept HTTP client, queries padded (RFC 8467) and sent with ID 0.</summary>
    Https,
}
