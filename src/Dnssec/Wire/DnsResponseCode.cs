namespace Dnssec.Wire;

/// <summary>The 12-bit RCODE of a response: 4 bits in the header, 8 more in the EDNS(0) OPT record (RFC 6891 §6.1.3).</summary>
public enum DnsResponseCode : ushort
{
    /// <summary>No error.</summary>
    NoError = 0,
    /// <summary>The server could not interpret the query.</summary>
    FormErr = 1,
    /// <summary>The server failed to complete the request.</summary>
    ServFail = 2,
    /// <summary>The queried name does not exist.</summary>
    NXDomain = 3,
    /// <summary>The server does not implement the request.</summary>
    NotImp = 4,
    /// <summary>The server refused the request.</summary>
    Refused = 5,
    /// <summary>A name exists that should not (RFC 2136).</summary>
    YXDomain = 6,
    /// <summary>An RRset exists that should not (RFC 2136).</summary>
    YXRRSet = 7,
    /// <summary>An RRset that should exist does not (RFC 2136).</summary>
    NXRRSet = 8,
    /// <summary>The server is not authoritative, or the request is not authorised (RFC 2136, RFC 8945).</summary>
    NotAuth = 9,
    /// <summary>A name is not in the zone (RFC 2136).</summary>
    NotZone = 10,
    /// <summary>Unknown DSO type (RFC 8490).</summary>
    DsoTypeNI = 11,
    /// <summary>Unsupported EDNS version (RFC 6891).</summary>
    BadVers = 16,
    /// <summary>Bad or missing server cookie (RFC 7873).</summary>
    BadCookie = 23,
}
