namespace Dnssec.Wire;

/// <summary>EDNS(0) option codes from the IANA registry (RFC 6891); unknown values survive.</summary>
public enum EdnsOptionCode : ushort
{
    /// <summary>Name server identifier (RFC 5001).</summary>
    Nsid = 3,
    /// <summary>DNSSEC algorithms understood (RFC 6975).</summary>
    Dau = 5,
    /// <summary>DS hash algorithms understood (RFC 6975).</summary>
    Dhu = 6,
    /// <summary>NSEC3 hash algorithms understood (RFC 6975).</summary>
    N3u = 7,
    /// <summary>Client subnet (RFC 7871).</summary>
    ClientSubnet = 8,
    /// <summary>Zone expiry (RFC 7314).</summary>
    Expire = 9,
    /// <summary>DNS cookie (RFC 7873).</summary>
    Cookie = 10,
    /// <summary>TCP keepalive (RFC 7828).</summary>
    TcpKeepalive = 11,
    /// <summary>Padding (RFC 7830).</summary>
    Padding = 12,
    /// <summary>Chain query (RFC 7901).</summary>
    Chain = 13,
    /// <summary>Key tag signalling (RFC 8145).</summary>
    KeyTag = 14,
    /// <summary>Extended DNS error (RFC 8914).</summary>
    ExtendedDnsError = 15,
}
