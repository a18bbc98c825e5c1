namespace Dnssec.Resolver;

/// <summary>Why an exchange with a server produced no usable response.</summary>
public enum TransportError
{
    /// <summary>A response arrived.</summary>
    None,
    /// <summary>No matching response arrived in time.</summary>
    Timeout,
    /// <summary>The network refused or dropped the exchange (unreachable, connection refused or reset).</summary>
    NetworkError,
    /// <summary>The only responses were malformed.</summary>
    Malformed,
    /// <summary>The UDP response was truncated and TCP did not give a complete one.</summary>
    Truncated,
    /// <summary>The TLS handshake failed, or the server could not be authenticated as the strict profile demands (RFC 8310); the detail names what failed.</summary>
    TlsFailure,
}
