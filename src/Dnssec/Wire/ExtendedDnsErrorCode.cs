namespace Dnssec.Wire;

/// <summary>Extended DNS Error INFO-CODEs (RFC 8914 and the IANA registry); unknown values survive.</summary>
public enum ExtendedDnsErrorCode : ushort
{
    /// <summary>Other error; the extra text says more.</summary>
    Other = 0,
    /// <summary>A DNSKEY algorithm in the chain is not supported.</summary>
    UnsupportedDnskeyAlgorithm = 1,
    /// <summary>A DS digest type in the chain is not supported.</summary>
    UnsupportedDsDigestType = 2,
    /// <summary>The answer came from stale cache data.</summary>
    StaleAnswer = 3,
    /// <summary>The answer was forged by policy.</summary>
    ForgedAnswer = 4,
    /// <summary>DNSSEC validation ended Indeterminate.</summary>
    DnssecIndeterminate = 5,
    /// <summary>DNSSEC validation ended Bogus.</summary>
    DnssecBogus = 6,
    /// <summary>A signature had expired.</summary>
    SignatureExpired = 7,
    /// <summary>A signature was not yet valid.</summary>
    SignatureNotYetValid = 8,
    /// <summary>A DNSKEY matching a DS could not be found.</summary>
    DnskeyMissing = 9,
    /// <summary>Signatures were expected but absent.</summary>
    RrsigsMissing = 10,
    /// <summary>No key had the Zone Key bit set.</summary>
    NoZoneKeyBitSet = 11,
    /// <summary>The denial of existence records were absent or did not prove the claim.</summary>
    NsecMissing = 12,
    /// <summary>The error came from a cached failure.</summary>
    CachedError = 13,
    /// <summary>The server is not ready to answer.</summary>
    NotReady = 14,
    /// <summary>The name is blocked by the operator's policy.</summary>
    Blocked = 15,
    /// <summary>The name is censored by an outside requirement.</summary>
    Censored = 16,
    /// <summary>The name is filtered at the client's request.</summary>
    Filtered = 17,
    /// <summary>The client is not authorised.</summary>
    Prohibited = 18,
    /// <summary>A stale NXDOMAIN was returned.</summary>
    StaleNxdomainAnswer = 19,
    /// <summary>The server is not authoritative and does not recurse.</summary>
    NotAuthoritative = 20,
    /// <summary>The requested operation is not supported.</summary>
    NotSupported = 21,
    /// <summary>No authoritative server could be reached.</summary>
    NoReachableAuthority = 22,
    /// <summary>A network error prevented the answer.</summary>
    NetworkError = 23,
    /// <summary>The zone's data is invalid.</summary>
    InvalidData = 24,
    /// <summary>A signature expired before it became valid (RFC 8914 registry).</summary>
    SignatureExpiredBeforeValid = 25,
    /// <summary>The request was too early (RFC 9250).</summary>
    TooEarly = 26,
    /// <summary>An NSEC3 iteration count was above the limit (RFC 9276).</summary>
    UnsupportedNsec3IterationsValue = 27,
    /// <summary>The server could not conform to the policy asked for.</summary>
    UnableToConformToPolicy = 28,
    /// <summary>The answer was synthesised.</summary>
    Synthesized = 29,
    /// <summary>The query type is not valid for this operation.</summary>
    InvalidQueryType = 30,
}
